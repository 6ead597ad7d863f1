package io.exchangebus.connectors.grvt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Requests waiting for what GRVT tells on its streams rather than in the answer: the real order id of a create
 * (its answer says {@code order_id "0x00"}, grvt.md §8), the outcome of a cancel ({@code v1.order} CANCELLED, or
 * its TTL expiry on {@code v1.cancel}). A waiter is registered before its request is sent, so an update that
 * overtakes the answer is not missed; it completes with the first signal for its key, or empty after its time.
 * Thread-safe.
 *
 * @param <T> what the stream tells
 */
final class GrvtAwaits<T> {

    private final Map<String, List<CompletableFuture<Optional<T>>>> waiting = new ConcurrentHashMap<>();

    /** A waiter for {@code key}: completes with the first signal, or empty after {@code timeout}. */
    CompletableFuture<Optional<T>> register(String key, Duration timeout) {
        CompletableFuture<Optional<T>> f = new CompletableFuture<>();
        waiting.compute(key, (k, list) -> {
            List<CompletableFuture<Optional<T>>> l = list == null ? new ArrayList<>() : list;
            l.add(f);
            return l;
        });
        f.completeOnTimeout(Optional.empty(), timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((v, e) -> forget(key, f));
        return f;
    }

    /** Tells every waiter of {@code key}. */
    void signal(String key, T value) {
        List<CompletableFuture<Optional<T>>> list = waiting.remove(key);
        if (list != null) {
            List.copyOf(list).forEach(f -> f.complete(Optional.of(value)));
        }
    }

    /** Ends every wait empty (the OMS closes). */
    void cancelAll() {
        List.copyOf(waiting.keySet()).forEach(k -> {
            List<CompletableFuture<Optional<T>>> list = waiting.remove(k);
            if (list != null) {
                List.copyOf(list).forEach(f -> f.complete(Optional.empty()));
            }
        });
    }

    private void forget(String key, CompletableFuture<Optional<T>> f) {
        waiting.computeIfPresent(key, (k, list) -> {
            list.remove(f);
            return list.isEmpty() ? null : list;
        });
    }
}
