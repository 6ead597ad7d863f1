package io.exchangebus.oms;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work in lanes, one per key: each lane's tasks run one after the other in the order they were submitted, and
 * different lanes at once on a fixed pool of threads. A task starts as soon as its lane is free, whatever the other
 * lanes do: what the OMS uses so that one account's slow exchange holds up none of the others' requests, and no
 * account waits for others' commands to finish. Thread-safe.
 */
final class Lanes implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Lanes.class);
    private final ExecutorService workers;
    private final Map<String, ArrayDeque<Runnable>> queued = new HashMap<>();
    private int unfinished;

    Lanes(int threads, String threadName) {
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, threadName + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code task} after every task submitted before it under {@code key}. */
    void submit(String key, Runnable task) {
        boolean start;
        synchronized (this) {
            unfinished++;
            ArrayDeque<Runnable> lane = queued.get(key);
            start = lane == null;
            if (start) {
                lane = new ArrayDeque<>();
                queued.put(key, lane);
            }
            lane.addLast(task);
        }
        if (start) {
            workers.execute(() -> drain(key));
        }
    }

    /** Runs the lane's tasks until it is empty; the lane is gone when its last task is done. */
    private void drain(String key) {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = queued.get(key).peekFirst();
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                // A task says its own failures (the OMS's record them as outcomes); this is a bug's last stop.
                LOG.error("a task of lane {} failed", key, e);
            }
            synchronized (this) {
                ArrayDeque<Runnable> lane = queued.get(key);
                lane.pollFirst();
                unfinished--;
                notifyAll();
                if (lane.isEmpty()) {
                    queued.remove(key);
                    return;
                }
            }
        }
    }

    /** Tasks submitted and not yet finished. */
    synchronized int unfinished() {
        return unfinished;
    }

    /** Waits until every submitted task has finished; false if {@code timeoutMillis} passed first. */
    synchronized boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (unfinished > 0) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
