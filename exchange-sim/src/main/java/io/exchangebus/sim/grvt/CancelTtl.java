package io.exchangebus.sim.grvt;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The time to live of cancels by {@code client_order_id} (grvt.md §9, api_cancel_order_request): for
 * {@code time_to_live_ms} (default 100, floored to 100, at most 5000) creations with that client order id are
 * dropped. A cancel that found no order to cancel and caught no creation within its TTL expires, and its expiry is
 * published on {@code v1.cancel} ({@code cancel_status "EXPIRED"}). Blocking is judged on the simulator's clock; the
 * expiry is published after the TTL in real time.
 */
final class CancelTtl implements AutoCloseable {

    static final long DEFAULT_MS = 100;
    static final long MAX_MS = 5000;

    private record Entry(Instant until, boolean foundOrder, boolean[] caught) {
    }

    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "grvt-cancel-ttl");
        t.setDaemon(true);
        return t;
    });
    private final BiConsumer<BigInteger, BigInteger> onExpired;

    /** {@code onExpired(subAccountId, clientOrderId)} publishes the expiry. */
    CancelTtl(Clock clock, BiConsumer<BigInteger, BigInteger> onExpired) {
        this.clock = clock;
        this.onExpired = onExpired;
    }

    /** The TTL a request asks for, as GRVT applies it: default 100 ms, at least 100, at most 5000. */
    static Duration ttl(String requested) {
        long ms = DEFAULT_MS;
        if (requested != null && !requested.isEmpty()) {
            ms = Math.max(DEFAULT_MS, Math.min(MAX_MS, Long.parseLong(requested)));
        }
        return Duration.ofMillis(ms);
    }

    /** A cancel by client order id arrived; {@code foundOrder}: it cancelled an open order. */
    void start(BigInteger sub, BigInteger clientOrderId, Duration ttl, boolean foundOrder) {
        String key = sub + "/" + clientOrderId;
        Entry entry = new Entry(clock.instant().plus(ttl), foundOrder, new boolean[1]);
        entries.put(key, entry);
        timer.schedule(() -> {
            entries.remove(key, entry);
            boolean caught;
            synchronized (entry) {
                caught = entry.caught()[0];
            }
            if (!entry.foundOrder() && !caught) {
                onExpired.accept(sub, clientOrderId);
            }
        }, ttl.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether a creation with this client order id is to be dropped now. */
    boolean blocks(BigInteger sub, BigInteger clientOrderId, Instant now) {
        Entry entry = entries.get(sub + "/" + clientOrderId);
        if (entry == null || !now.isBefore(entry.until())) {
            return false;
        }
        synchronized (entry) {
            entry.caught()[0] = true;
        }
        return true;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
