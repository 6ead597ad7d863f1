package io.exchangebus.benchmarks.fuzz;

import java.util.function.Consumer;

/**
 * Notices a frame that never finishes: a daemon thread looks every 100 ms at the frame in progress and, once one has
 * run for {@code limitMillis}, hands it to {@code onStuck} (the harness reports it as a hang and exits, since the
 * stuck thread cannot be stopped). Frames that are only slow are the run's own business ({@link FuzzRun}). The
 * thread sleeps between looks, so it spends none of the CPU being measured.
 */
final class Watchdog implements AutoCloseable {
    private final Thread thread;
    private volatile String frame;
    private volatile long startedAt;

    Watchdog(long limitMillis, Consumer<String> onStuck) {
        this.thread = new Thread(() -> watch(limitMillis, onStuck), "fuzz-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    void starting(String current) {
        startedAt = System.nanoTime();
        frame = current;
    }

    void finished() {
        frame = null;
    }

    private void watch(long limitMillis, Consumer<String> onStuck) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            String current = frame;
            if (current != null && (System.nanoTime() - startedAt) / 1_000_000 > limitMillis) {
                onStuck.accept(current);
                return;
            }
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
