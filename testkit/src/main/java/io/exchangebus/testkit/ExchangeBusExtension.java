package io.exchangebus.testkit;

import io.exchangebus.localstack.junit.SharedStart;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link ExchangeBusTest}: one {@link ExchangeBusStack} per distinct
 * {@link StackSpec} in the JVM, started before the first class that asks for it and closed when the JVM's tests
 * end (it lives in the root context's store, as local-stack's {@code LocalStackExtension} does). A stack that
 * fails to start fails every class that asks for it, with the same error, without starting again; in containers
 * mode without Docker, every such class is skipped with that reason.
 */
public final class ExchangeBusExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ExchangeBusExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        // Start here, not at first parameter resolution, so that a failure is reported against the class.
        stack(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ExchangeBusStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return stack(context);
    }

    /** The JVM's shared stack of the spec that the test class's {@link ExchangeBusTest} names. */
    public static ExchangeBusStack stack(ExtensionContext context) {
        StackSpec spec = spec(context.getRequiredTestClass());
        return (ExchangeBusStack) context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(spec, key -> SharedStart.start("the ExchangeBus test stack " + spec,
                        () -> ExchangeBusStack.start(spec)), SharedStart.class)
                .get();
    }

    static StackSpec spec(Class<?> testClass) {
        ExchangeBusTest test = AnnotationSupport.findAnnotation(testClass, ExchangeBusTest.class)
                .orElseThrow(() -> new IllegalStateException(testClass.getName() + " has no @ExchangeBusTest"));
        Set<Service> services = test.services().length == 0 ? Set.of() : EnumSet.copyOf(List.of(test.services()));
        return new StackSpec(List.of(test.exchanges()), services);
    }
}
