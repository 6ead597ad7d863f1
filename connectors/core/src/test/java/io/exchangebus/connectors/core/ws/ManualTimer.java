package io.exchangebus.connectors.core.ws;

import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * A {@link WsTimer} on virtual time, driven by the test's own thread: nothing runs until {@link #advance} or
 * {@link #runDue()}, and then every task due by then runs in time order (posting order among equals), including
 * tasks those tasks post or schedule. Like the real executor, a task's exception is kept in its future and a
 * periodic task that throws is not run again.
 */
final class ManualTimer implements WsTimer {

    private final PriorityQueue<Task> queue = new PriorityQueue<>(
            Comparator.comparingLong((Task t) -> t.due).thenComparingLong(t -> t.seq));
    private long now = Duration.ofHours(1).toNanos();
    private long seq;

    @Override
    public void execute(Runnable task) {
        add(Executors.callable(task), now, 0);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Future<T> submit(Callable<T> task) {
        return (Future<T>) add(task, now, 0);
    }

    @Override
    public Future<?> schedule(Runnable task, Duration delay) {
        return add(Executors.callable(task), now + delay.toNanos(), 0);
    }

    @Override
    public Future<?> scheduleAtFixedRate(Runnable task, Duration period) {
        return add(Executors.callable(task), now + period.toNanos(), period.toNanos());
    }

    @Override
    public long nanoTime() {
        return now;
    }

    /** Runs what is due now. */
    void runDue() {
        advance(Duration.ZERO);
    }

    /** Moves the clock on by {@code by}, running each task when its time comes. */
    void advance(Duration by) {
        long until = now + by.toNanos();
        while (!queue.isEmpty() && queue.peek().due <= until) {
            Task task = queue.poll();
            if (task.isCancelled()) {
                continue;
            }
            now = Math.max(now, task.due);
            task.runOnce();
        }
        now = until;
    }

    /** Tasks waiting to run, cancelled ones aside. */
    long pending() {
        return queue.stream().filter(t -> !t.isCancelled()).count();
    }

    private Task add(Callable<?> callable, long due, long period) {
        Task task = new Task(callable, due, period, seq++);
        queue.add(task);
        return task;
    }

    private final class Task extends FutureTask<Object> {
        private long due;
        private final long period;
        private final long seq;

        @SuppressWarnings("unchecked")
        Task(Callable<?> callable, long due, long period, long seq) {
            super((Callable<Object>) callable);
            this.due = due;
            this.period = period;
            this.seq = seq;
        }

        void runOnce() {
            if (period == 0) {
                run();
            } else if (runAndReset()) {
                due += period;
                queue.add(this);
            }
        }
    }
}
