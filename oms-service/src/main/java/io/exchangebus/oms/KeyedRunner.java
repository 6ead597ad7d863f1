package io.exchangebus.oms;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs work grouped by key: each key's items one after the other, in their order, and different keys at once on a
 * fixed pool of threads. What the OMS uses so that one account's slow exchange holds up none of the others'.
 */
final class KeyedRunner implements AutoCloseable {
    private final ExecutorService workers;

    KeyedRunner(int threads, String threadName) {
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, threadName + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Applies {@code work} to every item of {@code byKey} and returns each item's result (by identity). A single
     * key runs on the calling thread.
     *
     * @throws RuntimeException the first failure of any key, once every key is done (what one key already sent
     *         stays sent: the caller treats the whole as uncertain)
     */
    <T, R> Map<T, R> run(Map<String, List<T>> byKey, Function<T, R> work) {
        Map<T, R> results = new IdentityHashMap<>();
        if (byKey.size() <= 1) {
            byKey.values().forEach(items -> items.forEach(item -> results.put(item, work.apply(item))));
            return results;
        }
        List<List<T>> groups = new ArrayList<>(byKey.values());
        List<Future<List<R>>> futures = new ArrayList<>();
        for (List<T> group : groups) {
            futures.add(workers.submit(() -> group.stream().map(work).toList()));
        }
        RuntimeException failure = null;
        for (int g = 0; g < groups.size(); g++) {
            try {
                List<R> done = futures.get(g).get();
                for (int i = 0; i < done.size(); i++) {
                    results.put(groups.get(g).get(i), done.get(i));
                }
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r
                            : new IllegalStateException("handling commands failed", e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RetryLaterException("interrupted while handling commands");
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
