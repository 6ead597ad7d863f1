package io.exchangebus.streams.books;

import io.exchangebus.events.ConsolidatedQuote;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads of the books and quotes held by this instance's stores (active tasks only), for the query server. Which
 * instance holds a key is the caller's business. Each call deserializes a fresh copy from the store, so answers
 * never share state with the stream threads. As with any interactive query under exactly-once, an answer may show an
 * update whose transaction is not committed yet. Thread-safe.
 *
 * <p>"Not held here" covers a key of another instance's partitions, a store not queryable right now (a rebalance,
 * a restore: {@link InvalidStateStoreException}) and an instance not running (not started, shutting down, stopped or
 * failed), which holds nothing it can answer for.
 */
public final class BookQueries {

    private BookQueries() {
    }

    /**
     * The book of key (exchange:symbol) held by this instance's local store, top {@code depth} levels per side;
     * empty if this instance does not hold it.
     *
     * @throws IllegalArgumentException if depth is below 1
     */
    public static Optional<BookView> localBook(KafkaStreams streams, String key, int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("Book depth must be at least 1 but was " + depth);
        }
        Optional<ReadOnlyKeyValueStore<String, FullDepthBook>> store = store(streams, BookTopology.BOOK_STORE);
        if (store.isEmpty()) {
            return Optional.empty();
        }
        try {
            FullDepthBook book = store.get().get(key);
            if (book == null) {
                return Optional.empty();
            }
            return Optional.of(new BookView(key, book.stale(), book.stale() ? null : BookViews.view(book, depth)));
        } catch (InvalidStateStoreException e) {
            return Optional.empty();
        }
    }

    /** The consolidated quote of instrumentId held locally; empty if not held here. */
    public static Optional<ConsolidatedQuote> localQuote(KafkaStreams streams, String instrumentId) {
        Optional<ReadOnlyKeyValueStore<String, ConsolidatedQuote>> store = store(streams, BookTopology.QUOTE_STORE);
        try {
            return store.map(s -> s.get(instrumentId));
        } catch (InvalidStateStoreException e) {
            return Optional.empty();
        }
    }

    private static <V> Optional<ReadOnlyKeyValueStore<String, V>> store(KafkaStreams streams, String name) {
        try {
            return Optional.of(streams.store(
                    StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore())));
        } catch (InvalidStateStoreException e) {
            return Optional.empty();
        } catch (IllegalStateException e) {
            // KafkaStreams.store's answer when the instance is shutting down, stopped or failed.
            return Optional.empty();
        }
    }
}
