package io.exchangebus.streams.books;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.streams.EventSerdes;
import io.exchangebus.streams.StreamsTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/** Names are state: a generated one changes when the topology does, and orphans stores and internal topics. */
class BookTopologyNamesTest {

    private final TopologyDescription description = BookTopology.buildTopology(
            new BookViewSettings(20, Duration.ofMillis(100)),
            // The serdes reach the registry only when they first write, which describing does not do.
            EventSerdes.forRegistry("http://127.0.0.1:1/apis/ccompat/v7"), StreamsTopics.catalogue()).describe();

    @Test
    void shouldNameEveryNodeWithBooksPrefix() {
        List<String> names = new ArrayList<>();
        description.subtopologies().forEach(s -> s.nodes().forEach(n -> names.add(n.name())));

        assertThat(names).isNotEmpty().allMatch(name -> name.startsWith("books-"), "starts with books-");
        assertThat(names).contains("books-source", "books-builder", "books-consolidator", "books-views-sink",
                "books-bbo-sink");
    }

    @Test
    void shouldRepartitionQuotesThroughNamedTopicIntoConsolidatorWithItsStore() {
        Set<String> sinkTopics = new TreeSet<>();
        Set<String> stores = new TreeSet<>();
        description.subtopologies().forEach(s -> s.nodes().forEach(n -> {
            if (n instanceof TopologyDescription.Sink) {
                sinkTopics.add(((TopologyDescription.Sink) n).topic());
            }
            if (n instanceof TopologyDescription.Processor) {
                stores.addAll(((TopologyDescription.Processor) n).stores());
            }
        }));

        assertThat(description.subtopologies()).hasSize(2);
        assertThat(sinkTopics).containsExactly("books-quotes-by-instrument-repartition", "state.bbo.v1",
                "state.books.v1");
        assertThat(stores).containsExactly(BookTopology.QUOTE_STORE, BookTopology.BOOK_STORE);
    }
}
