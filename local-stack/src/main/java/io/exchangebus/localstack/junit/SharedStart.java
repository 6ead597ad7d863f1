package io.exchangebus.localstack.junit;

import java.util.function.Supplier;
import org.opentest4j.TestAbortedException;

/**
 * Something a JVM's tests start once and share, kept in JUnit's root store (which closes it when the JVM's tests
 * end), or why it could not start: every test class that asks for it gets it, or the same failure, without
 * starting it again. A start that was aborted (a failed assumption, e.g. no Docker engine) aborts every class
 * that asks, so that they are reported skipped rather than failed.
 *
 * <pre>{@code
 * context.getRoot().getStore(NAMESPACE)
 *         .getOrComputeIfAbsent(KEY, key -> SharedStart.start("the stack", Stack::start), SharedStart.class)
 *         .get();
 * }</pre>
 *
 * @param <T> what is started; closed with the root context
 */
public final class SharedStart<T extends AutoCloseable> implements AutoCloseable {
    private final String what;
    private final T value;
    private final RuntimeException failure;

    private SharedStart(String what, T value, RuntimeException failure) {
        this.what = what;
        this.value = value;
        this.failure = failure;
    }

    /** Runs {@code start} and keeps its result or its failure; {@code what} names it in the failure's message. */
    public static <T extends AutoCloseable> SharedStart<T> start(String what, Supplier<T> start) {
        try {
            return new SharedStart<>(what, start.get(), null);
        } catch (RuntimeException e) {
            return new SharedStart<>(what, null, e);
        }
    }

    /**
     * What was started.
     *
     * @throws TestAbortedException  if its start was aborted (with the same message)
     * @throws IllegalStateException if its start failed (with the failure as cause)
     */
    public T get() {
        if (failure instanceof TestAbortedException aborted) {
            throw new TestAbortedException(aborted.getMessage(), aborted);
        }
        if (failure != null) {
            throw new IllegalStateException(what + " did not start: " + failure.getMessage(), failure);
        }
        return value;
    }

    @Override
    public void close() throws Exception {
        if (value != null) {
            value.close();
        }
    }
}
