package io.exchangebus.connectors.core.session;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Runs a task after a delay; injectable so that tests move time by hand instead of sleeping. */
@FunctionalInterface
public interface Scheduler {

    /** Runs {@code task} once after {@code delay}; the returned handle cancels it if it has not run. */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task's handle. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }

    /** Schedules on {@code executor}, which the caller owns and shuts down. */
    static Scheduler of(ScheduledExecutorService executor) {
        return (delay, task) -> {
            ScheduledFuture<?> f = executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        };
    }
}
