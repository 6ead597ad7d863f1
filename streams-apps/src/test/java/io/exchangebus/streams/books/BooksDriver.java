package io.exchangebus.streams.books;

import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.ConsolidatedQuote;
import io.exchangebus.events.PriceLevel;
import io.exchangebus.streams.EventSerdes;
import io.exchangebus.streams.StreamsTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The book topology in a {@link TopologyTestDriver} (exactly-once, as in production), with its input and output
 * topics and its own state directory. The wall clock starts at {@link #START} and moves only when told.
 */
final class BooksDriver implements AutoCloseable {
    static final Instant START = Instant.parse("2026-11-20T10:00:00Z");

    final TopologyTestDriver driver;
    private final TestInputTopic<String, BookUpdate> market;
    private final TestOutputTopic<String, BookUpdate> views;
    private final TestOutputTopic<String, ConsolidatedQuote> bbo;

    BooksDriver(EventSerdes serdes, BookViewSettings settings, Path stateDir) {
        this(serdes, settings, stateDir, new Properties());
    }

    BooksDriver(EventSerdes serdes, BookViewSettings settings, Path stateDir, Properties extra) {
        StreamsTopics topics = StreamsTopics.catalogue();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "books-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.putAll(extra);
        driver = new TopologyTestDriver(BookTopology.buildTopology(settings, serdes, topics), props, START);
        market = driver.createInputTopic(topics.marketBook(), serdes.keys().serializer(),
                serdes.<BookUpdate>values().serializer());
        views = driver.createOutputTopic(topics.stateBooks(), serdes.keys().deserializer(),
                serdes.<BookUpdate>values().deserializer());
        bbo = driver.createOutputTopic(topics.stateBbo(), serdes.keys().deserializer(),
                serdes.<ConsolidatedQuote>values().deserializer());
    }

    void send(BookEvents book, BookUpdate... updates) {
        for (BookUpdate update : updates) {
            market.pipeInput(book.key(), update);
        }
    }

    void sendWithKey(String key, BookUpdate update) {
        market.pipeInput(key, update);
    }

    /** The views published since the last call. */
    List<BookUpdate> views() {
        return views.readValuesToList();
    }

    /** The consolidated quotes published since the last call. */
    List<ConsolidatedQuote> quotes() {
        return bbo.readValuesToList();
    }

    void advanceWallClock(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    KeyValueStore<String, FullDepthBook> books() {
        return driver.getKeyValueStore(BookTopology.BOOK_STORE);
    }

    /** The total of one of {@link BookCounters}' counters, e.g. {@code sequence-gap-total}. */
    double counter(String name) {
        double total = 0;
        for (var e : driver.metrics().entrySet()) {
            MetricName metric = e.getKey();
            if (metric.name().equals(name) && metric.group().equals("stream-" + BookCounters.SCOPE + "-metrics")) {
                total += ((Number) ((Metric) e.getValue()).metricValue()).doubleValue();
            }
        }
        return total;
    }

    /** Levels by value, for comparing: "65000.1@1.5" whatever the scales. */
    static List<String> shown(List<PriceLevel> levels) {
        return levels.stream()
                .map(l -> plain(l.getPrice()) + "@" + plain(l.getQuantity()))
                .collect(Collectors.toList());
    }

    static List<String> shown(java.util.Collection<BookLevel> side) {
        return shown(side.stream().map(l -> l.level).collect(Collectors.toList()));
    }

    private static String plain(java.math.BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    @Override
    public void close() {
        driver.close();
    }
}
