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
 * never share state with the stream threads. Thread-safe.
 */
public final class BookQueries {

    private BookQueries() {
    }

    /**
     * The book of key (exchange:symbol) held by this instance's local store, top {@code depth} levels per side;
     * empty if this instance does not hold it (or its store cannot be queried right now, e.g. during a rebalance).
     *
     * @throws IllegalArgumentException if depth is below 1
     */
    public static Optional<BookView> localBook(KafkaStreams streams, String key, int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("Book depth must be at least 1 but was " + depth);
        }
        try {
            ReadOnlyKeyValueStore<String, FullDepthBook> store = streams.store(
                    StoreQueryParameters.fromNameAndType(BookTopology.BOOK_STORE, QueryableStoreTypes.keyValueStore()));
            FullDepthBook book = store.get(key);
            if (book == null) {
                return Optional.empty();
            }
            return Optional.of(new BookView(key, book.stale(), book.stale() ? null : BookViews.view(book, depth)));
        } catch (InvalidStateStoreException e) {
            return Optional.empty();
        }
    }

    /** The consolidated quote of instrumentId held locally; empty if not held here (or not queryable right now). */
    public static Optional<ConsolidatedQuote> localQuote(KafkaStreams streams, String instrumentId) {
        try {
            ReadOnlyKeyValueStore<String, ConsolidatedQuote> store = streams.store(
                    StoreQueryParameters.fromNameAndType(BookTopology.QUOTE_STORE, QueryableStoreTypes.keyValueStore()));
            return Optional.ofNullable(store.get(instrumentId));
        } catch (InvalidStateStoreException e) {
            return Optional.empty();
        }
    }
}
