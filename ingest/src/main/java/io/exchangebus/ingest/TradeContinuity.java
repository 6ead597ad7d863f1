package io.exchangebus.ingest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches each instrument's trade ids for breaks: exchanges that number trades one by one per instrument (Binance)
 * let a skipped id show a trade that never reached us (printed while disconnected, or while ingest was down: the
 * last id published before a restart is {@link #seed seeded} from the topic). Ids that are not whole numbers are
 * not checked. Thread-safe; per key, calls come from one delivery thread.
 */
final class TradeContinuity {
    private final Map<String, Long> lastIds = new ConcurrentHashMap<>();
    private final IngestMetrics metrics;

    TradeContinuity(IngestMetrics metrics) {
        this.metrics = metrics;
    }

    /** The last trade id published for {@code key} before this process started. */
    void seed(String key, long lastId) {
        lastIds.merge(key, lastId, Math::max);
    }

    /**
     * Records trade {@code tradeId} of {@code exchange:symbol}; counts a gap when ids were skipped.
     *
     * @return how many ids were skipped (0 when none, or the id is not a number or not newer)
     */
    long observe(String exchange, String symbol, String key, String tradeId) {
        Long parsed = numeric(tradeId);
        if (parsed == null) {
            return 0;
        }
        long id = parsed;
        Long previous = lastIds.get(key);
        if (previous != null && id <= previous) {
            return 0; // a repeat or an older trade: not a gap, and not newer than what we hold
        }
        lastIds.put(key, id);
        long missed = previous == null ? 0 : id - previous - 1;
        if (missed > 0) {
            metrics.tradeGap(exchange, symbol, missed);
        }
        return missed;
    }

    /** The last trade id published for {@code key} (seeded or observed); null when none is known. */
    Long lastId(String key) {
        return lastIds.get(key);
    }

    /** {@code tradeId} as a number; null when it is not a whole number (such ids are not checked). */
    static Long numeric(String tradeId) {
        try {
            return Long.parseLong(tradeId);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Forgets {@code key}, when its trades are unsubscribed: a later subscription starts afresh. */
    void forget(String key) {
        lastIds.remove(key);
    }
}
