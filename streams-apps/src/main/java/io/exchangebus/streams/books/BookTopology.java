package io.exchangebus.streams.books;

import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.ConsolidatedQuote;
import io.exchangebus.events.VenueQuote;
import io.exchangebus.streams.EventSerdes;
import io.exchangebus.streams.StreamsTopics;
import java.util.Map;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Order books from {@code market.book.v1}: the full-depth book of every {@code exchange:symbol}, published as
 * throttled top-N views to {@code state.books.v1} and as the best bid and offer per venue and across venues to
 * {@code state.bbo.v1}.
 *
 * <pre>
 * market.book.v1 ─ books-source ─ books-builder [books-store] ┬ books-output-views ─ books-views-sink
 *                                                             │   ─ state.books.v1
 *                                                             └ books-output-quotes ─ books-venue-quotes
 *   ─ repartition books-quotes-by-instrument ─ books-consolidator [books-quote-store] ─ books-bbo-sink
 *   ─ state.bbo.v1
 * </pre>
 *
 * Every node, store and internal topic is named, so that changing the topology never renames state. Both stores are
 * persistent, cached (the books store is written after every update; the cache turns that into one changelog
 * record per book and commit) and logged. The rules are in {@link BookBuilder} and {@link QuoteConsolidator}.
 */
public final class BookTopology {
    /** The full-depth books, keyed {@code exchange:symbol}, partitioned like {@code market.book.v1}. */
    public static final String BOOK_STORE = "books-store";
    /** The consolidated quotes, keyed instrumentId (after the repartition {@code books-quotes-by-instrument}). */
    public static final String QUOTE_STORE = "books-quote-store";

    static final String REPARTITION = "books-quotes-by-instrument";
    private static final String OUTPUTS = "books-output-";
    private static final String VIEWS = "views";
    private static final String QUOTES = "quotes";

    private BookTopology() {
    }

    /** The topology alone, for a service that runs nothing else, and for tests. */
    public static Topology buildTopology(BookViewSettings settings, EventSerdes serdes, StreamsTopics topics) {
        StreamsBuilder builder = new StreamsBuilder();
        addTo(builder, settings, serdes, topics);
        return builder.build();
    }

    /** Adds the stores and nodes to {@code builder}, beside whatever else it holds (names all start "books-"). */
    public static void addTo(StreamsBuilder builder, BookViewSettings settings, EventSerdes serdes,
                             StreamsTopics topics) {
        Serde<String> keys = serdes.keys();
        Serde<BookUpdate> bookUpdates = serdes.values();
        Serde<VenueQuote> venueQuotes = serdes.values();
        Serde<ConsolidatedQuote> consolidatedQuotes = serdes.values();

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BOOK_STORE), keys,
                new StoredBookSerde()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(QUOTE_STORE), keys,
                consolidatedQuotes).withCachingEnabled());

        // The builder forwards two kinds of record; split by type, since the DSL gives one value type per stream.
        Map<String, KStream<String, SpecificRecordBase>> outputs = builder
                .stream(topics.marketBook(), Consumed.with(keys, bookUpdates).withName("books-source"))
                .process(() -> new BookBuilder(settings), Named.as("books-builder"), BOOK_STORE)
                .split(Named.as(OUTPUTS))
                .branch((key, value) -> value instanceof BookUpdate, Branched.as(VIEWS))
                .defaultBranch(Branched.as(QUOTES));

        outputs.get(OUTPUTS + VIEWS)
                .mapValues(value -> (BookUpdate) value, Named.as("books-views"))
                .to(topics.stateBooks(), Produced.with(keys, bookUpdates).withName("books-views-sink"));

        // Venues quoting one instrument live on different partitions of market.book.v1: bring them together.
        outputs.get(OUTPUTS + QUOTES)
                .mapValues(value -> (VenueQuote) value, Named.as("books-venue-quotes"))
                .repartition(Repartitioned.<String, VenueQuote>as(REPARTITION)
                        .withKeySerde(keys)
                        .withValueSerde(venueQuotes))
                .process(QuoteConsolidator::new, Named.as("books-consolidator"), QUOTE_STORE)
                .to(topics.stateBbo(), Produced.with(keys, consolidatedQuotes).withName("books-bbo-sink"));
    }
}
