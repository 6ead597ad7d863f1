package io.exchangebus.localstack.junit;

import java.lang.reflect.Method;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import io.exchangebus.localstack.LocalStack;

/**
 * JUnit 5 extension giving tests a running {@link LocalStack} (broker in the test JVM, registry as a child
 * process) and their own topic names.
 *
 * <p>One stack serves every test class of the JVM that uses the extension: it starts before the first such class
 * and closes when the JVM's tests end (it lives in the root context's store). If it fails to start, every class
 * that uses it fails with the same error, without starting it again.
 *
 * <p>Resolves parameters of type {@link LocalStack} and {@link TestTopics}:
 * <pre>{@code
 * @ExtendWith(LocalStackExtension.class)
 * class BookIngestIT {
 *     @Test
 *     void shouldPublishBook(LocalStack stack, TestTopics topics) {
 *         String topic = topics.create(topics.name("market.book.v1"), 3);
 *         ...
 *     }
 * }
 * }</pre>
 */
public final class LocalStackExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalStackExtension.class);
    private static final String KEY = "stack";

    @Override
    public void beforeAll(ExtensionContext context) {
        // Start here, not at first parameter resolution, so that a failure is reported against the class.
        stack(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == LocalStack.class || type == TestTopics.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == LocalStack.class) {
            return stack(context);
        }
        if (type == TestTopics.class) {
            return new TestTopics(stack(context), label(context));
        }
        throw new ParameterResolutionException("LocalStackExtension cannot resolve " + type.getName());
    }

    /** The JVM's shared stack, started on first use. */
    public static LocalStack stack(ExtensionContext context) {
        return (LocalStack) context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(KEY, key -> SharedStart.start("the shared local stack", LocalStack::startInJvm),
                        SharedStart.class)
                .get();
    }

    private static String label(ExtensionContext context) {
        return context.getTestMethod().map(Method::getName)
                .orElseGet(() -> context.getRequiredTestClass().getSimpleName());
    }
}
