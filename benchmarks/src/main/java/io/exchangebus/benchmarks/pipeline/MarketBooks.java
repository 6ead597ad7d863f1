package io.exchangebus.benchmarks.pipeline;

import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.PriceLevel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What ingest published to {@code market.book.v1}, as a consumer of it holds it: per key the full book replayed
 * from its last snapshot, the last sequence, the resync snapshots (their sequences) and any delta that does not
 * follow the update before it (one before any snapshot, one whose sequence does not rise, or, where the exchange gives
 * it, one whose {@code firstSequence} is not the previous {@code sequence} + 1: breaks ingest should never publish).
 * Also the count of records and when the last one was read.
 *
 * <p>Fed by a {@link TopicTail}'s thread ({@link #accept}); read from the driver's thread. Each key's state is
 * guarded by its own lock; counters are atomic.
 */
public final class MarketBooks {
    private final Map<String, KeyBook> keys = new ConcurrentHashMap<>();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong sequenceBreaks = new AtomicLong();
    private volatile long lastReadNanos;

    /** Applies one record (the tail's thread). */
    public void accept(ConsumerRecord<String, BookUpdate> record) {
        keys.computeIfAbsent(record.key(), k -> new KeyBook()).apply(record.value(), sequenceBreaks);
        records.incrementAndGet();
        lastReadNanos = System.nanoTime();
    }

    /** Records read so far, every key, snapshots and deltas. */
    public long records() {
        return records.get();
    }

    /** {@link System#nanoTime()} when the last record was read. */
    long lastReadNanos() {
        return lastReadNanos;
    }

    /** Deltas read so far that did not follow the update before them. */
    public long sequenceBreaks() {
        return sequenceBreaks.get();
    }

    /** The sequence of the last update of {@code key}, or -1 before its first. */
    public long lastSequence(String key) {
        KeyBook book = keys.get(key);
        return book == null ? -1 : book.lastSequence();
    }

    /** The sequences of {@code key}'s resync snapshots so far, in order. */
    List<Long> resyncs(String key) {
        KeyBook book = keys.get(key);
        return book == null ? List.of() : book.resyncs();
    }

    /** Resync snapshots read so far, every key. */
    public long resyncCount() {
        return keys.values().stream().mapToLong(b -> b.resyncs().size()).sum();
    }

    /** {@code key}'s replayed book, its first {@code depth} levels a side (every level: Integer.MAX_VALUE). */
    TopBook book(String key, int depth) {
        KeyBook book = keys.get(key);
        return book == null ? new TopBook(-1, List.of(), List.of()) : book.top(depth);
    }

    private static final class KeyBook {
        private final TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
        private final TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
        private final List<Long> resyncs = new ArrayList<>();
        private long lastSequence = -1;

        synchronized void apply(BookUpdate update, AtomicLong breaks) {
            if (update.getKind() == BookUpdateKind.SNAPSHOT) {
                bids.clear();
                asks.clear();
                if (update.getResync()) {
                    resyncs.add(update.getSequence());
                }
            } else {
                Long first = update.getFirstSequence();
                if (lastSequence < 0 || update.getSequence() <= lastSequence
                        || (first != null && first != lastSequence + 1)) {
                    breaks.incrementAndGet();
                }
            }
            apply(bids, update.getBids());
            apply(asks, update.getAsks());
            lastSequence = update.getSequence();
        }

        synchronized long lastSequence() {
            return lastSequence;
        }

        synchronized List<Long> resyncs() {
            return List.copyOf(resyncs);
        }

        synchronized TopBook top(int depth) {
            return TopBook.ofEntries(lastSequence, bids.entrySet(), asks.entrySet(), depth);
        }

        private static void apply(TreeMap<BigDecimal, BigDecimal> side, List<PriceLevel> levels) {
            for (PriceLevel level : levels) {
                if (level.getQuantity().signum() == 0) {
                    side.remove(level.getPrice());
                } else {
                    side.put(level.getPrice(), level.getQuantity());
                }
            }
        }
    }
}
