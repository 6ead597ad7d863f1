package io.exchangebus.testkit;

import io.exchangebus.avro.topics.TopicKey;
import io.exchangebus.avro.topics.Topics;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Books as ingest publishes them on {@code market.book.v1}. The kit's configuration subscribes to each symbol's
 * top 20 levels every 100 ms, which ingest writes as snapshots: the latest snapshot is the book. Thread-safe.
 */
public final class BookReader {
    /** How far back from the partition's end to look for the latest snapshot. */
    private static final int LOOK_BACK = 2_000;

    private final String bootstrap;
    private final String registry;

    BookReader(String bootstrap, String registry) {
        this.bootstrap = bootstrap;
        this.registry = registry;
    }

    /**
     * The latest snapshot of {@code symbol} on {@code exchange} with both sides, as written by now, or the first one
     * written after now when there is none yet.
     *
     * @throws IllegalStateException if there is none within {@code timeout} (is ingest running?)
     */
    public BookUpdate latest(String exchange, String symbol, Duration timeout) {
        String key = TopicKey.exchangeSymbol(exchange, symbol);
        AtomicReference<BookUpdate> latest = new AtomicReference<>();
        try (TopicScan books = new TopicScan(bootstrap, registry, Topics.MARKET_BOOK.name(), key)) {
            long end = books.end();
            books.readUpTo(Math.max(books.beginning(), end - LOOK_BACK), end, r -> {
                if (isSnapshotOf(key, r.key(), r.value())) {
                    latest.set((BookUpdate) r.value());
                }
            }, timeout);
            if (latest.get() == null) {
                books.readFrom(end, r -> isSnapshotOf(key, r.key(), r.value())
                        && latest.compareAndSet(null, (BookUpdate) r.value()), timeout);
            }
        }
        if (latest.get() == null) {
            throw new IllegalStateException("no book of " + key + " on " + Topics.MARKET_BOOK.name() + " within "
                    + timeout.toSeconds() + " s (is ingest running?)");
        }
        return latest.get();
    }

    private static boolean isSnapshotOf(String key, String recordKey, Object value) {
        return key.equals(recordKey) && value instanceof BookUpdate book && book.getKind() == BookUpdateKind.SNAPSHOT
                && !book.getBids().isEmpty() && !book.getAsks().isEmpty();
    }
}
