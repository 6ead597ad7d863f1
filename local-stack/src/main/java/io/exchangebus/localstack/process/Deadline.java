package io.exchangebus.localstack.process;

import java.time.Duration;

/** A point in time, measured with {@link System#nanoTime()}, for polling loops. */
public final class Deadline {

    private final long deadlineNanos;
    private final Duration timeout;

    private Deadline(Duration timeout) {
        this.timeout = timeout;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    }

    public static Deadline after(Duration timeout) {
        return new Deadline(timeout);
    }

    public boolean passed() {
        return remaining().isZero();
    }

    /** Time left, never negative. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    public Duration timeout() {
        return timeout;
    }

    /** Sleeps {@code millis}, or until the deadline if that comes first. */
    public void pause(long millis) throws InterruptedException {
        Thread.sleep(Math.max(1, Math.min(millis, remaining().toMillis())));
    }
}
