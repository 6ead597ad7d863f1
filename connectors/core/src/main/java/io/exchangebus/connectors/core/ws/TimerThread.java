package io.exchangebus.connectors.core.ws;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The real {@link WsTimer}: one daemon thread {@code ws-<name>-timer}, with cancelled timers removed at once and
 * delayed tasks dropped at shutdown.
 */
final class TimerThread implements WsTimer {

    private final ScheduledThreadPoolExecutor executor;
    private volatile Thread thread;

    TimerThread(String name) {
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "ws-" + name + "-timer");
            t.setDaemon(true);
            thread = t;
            return t;
        });
        this.executor.setRemoveOnCancelPolicy(true);
        this.executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(task);
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
        return executor.submit(task);
    }

    @Override
    public Future<?> schedule(Runnable task, Duration delay) {
        return executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public Future<?> scheduleAtFixedRate(Runnable task, Duration period) {
        return executor.scheduleAtFixedRate(task, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    /** True on the timer thread itself (false before it has started). */
    boolean isCurrentThread() {
        return Thread.currentThread() == thread;
    }

    /** Accepts no more tasks; the task running finishes, delayed ones are dropped. */
    void shutdown() {
        executor.shutdown();
    }

    /** Waits up to {@code millis} for the thread to end after {@link #shutdown()}. */
    void awaitTermination(long millis) throws InterruptedException {
        executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }
}
