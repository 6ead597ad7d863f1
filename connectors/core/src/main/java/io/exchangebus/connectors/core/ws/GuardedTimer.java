package io.exchangebus.connectors.core.ws;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link WsTimer} as a connection's own tasks use it: every task is skipped once the connection is closed, and a
 * task that throws is logged instead of let escape (a periodic task that throws is silently cancelled by the
 * executor, a one-off one kills the timer thread).
 */
final class GuardedTimer {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedTimer.class);

    private final WsTimer timer;
    private final BooleanSupplier closed;
    private final String name;

    /** @param closed true once the connection is closed for good; from then on no task runs */
    GuardedTimer(WsTimer timer, BooleanSupplier closed, String name) {
        this.timer = timer;
        this.closed = closed;
        this.name = name;
    }

    /** Runs {@code task} on the timer thread soon; nothing if closed, now or by then. Any thread. */
    void post(Runnable task) {
        if (closed.getAsBoolean()) {
            return;
        }
        try {
            timer.execute(guard(task));
        } catch (RejectedExecutionException e) {
            // closed meanwhile: nothing left to do
        }
    }

    Future<?> schedule(Runnable task, Duration delay) {
        return timer.schedule(guard(task), delay);
    }

    Future<?> scheduleAtFixedRate(Runnable task, Duration period) {
        return timer.scheduleAtFixedRate(guard(task), period);
    }

    long nanoTime() {
        return timer.nanoTime();
    }

    static void cancel(Future<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }

    private Runnable guard(Runnable task) {
        return () -> {
            if (closed.getAsBoolean()) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("ws {}: timer task failed", name, e);
            }
        };
    }
}
