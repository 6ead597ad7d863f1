package io.exchangebus.streams.books;

import static io.exchangebus.streams.books.BookEvents.levels;
import static io.exchangebus.streams.books.BookEvents.none;
import static io.exchangebus.streams.books.BooksDriver.shown;
import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.ConsolidatedQuote;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.junit.LocalStackExtension;
import io.exchangebus.localstack.junit.TestTopics;
import io.exchangebus.service.testing.TopicReader;
import io.exchangebus.streams.EventSerdes;
import io.exchangebus.streams.StreamsTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology in a real {@link KafkaStreams} on the local broker: what {@link BookQueries} answers, and a book that
 * outlives a restart on the same state directory. (TopologyTestDriver deletes its state directory when closed, so a
 * restart needs the real runtime.)
 */
@ExtendWith(LocalStackExtension.class)
class BookQueriesTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path stateDir;

    private final BookEvents spot = BookEvents.binanceSpotBtc();
    private final BookEvents grvt = BookEvents.grvtSpotBtc();

    @Test
    void shouldKeepBookAcrossRestartAndAnswerLocalQueries(LocalStack stack, TestTopics testTopics) {
        EventSerdes serdes = EventSerdes.forRegistry(stack.registryUrl());
        StreamsTopics topics = topics(testTopics);
        testTopics.create(topics.marketBook(), 2);
        testTopics.create(topics.stateBooks(), 1, Map.of("cleanup.policy", "compact"));
        testTopics.create(topics.stateBbo(), 1, Map.of("cleanup.policy", "compact"));
        Properties config = streamsConfig(stack, testTopics.name("books-app"));
        BookViewSettings settings = new BookViewSettings(2, Duration.ZERO);

        try (KafkaProducer<String, BookUpdate> producer = producer(stack, serdes);
             TopicReader<String, BookUpdate> views = reader(stack, serdes.<BookUpdate>values(), topics.stateBooks());
             TopicReader<String, ConsolidatedQuote> bbo = reader(stack, serdes.<ConsolidatedQuote>values(),
                     topics.stateBbo())) {
            send(producer, topics, spot,
                    spot.snapshot(100, levels("65000@1", "64999@2", "64998@3"), levels("65001@1")));
            send(producer, topics, spot, spot.spotDelta(101, 102, levels("65000@0"), levels("65001.5@2")));
            send(producer, topics, grvt, grvt.snapshot(7, levels("64999.5@1"), levels("65002@1")));

            try (KafkaStreams streams = start(BookTopology.buildTopology(settings, serdes, topics), config)) {
                views.readUntil(has(v -> v.getSequence() == 102), WAIT);
                bbo.readUntil(has(q -> q.getVenues().size() == 2), WAIT);

                BookView book = BookQueries.localBook(streams, spot.key(), 2).orElseThrow();
                assertThat(book.stale()).isFalse();
                assertThat(book.key()).isEqualTo(spot.key());
                assertThat(book.top().getSequence()).isEqualTo(102);
                assertThat(shown(book.top().getBids())).containsExactly("64999@2", "64998@3");
                assertThat(shown(book.top().getAsks())).containsExactly("65001@1", "65001.5@2");
                assertThat(BookQueries.localBook(streams, spot.key(), 1).orElseThrow().top().getBids()).hasSize(1);
                assertThat(BookQueries.localBook(streams, "deribit:BTC-PERPETUAL", 2)).isEmpty();
                ConsolidatedQuote quote = BookQueries.localQuote(streams, "BTC-USDT").orElseThrow();
                assertThat(quote.getBestBidExchange()).isEqualTo("grvt");
                assertThat(quote.getBestAskExchange()).isEqualTo("binance-spot");
                assertThat(BookQueries.localQuote(streams, "ETH-USDT")).isEmpty();

                // Leaving the group spares the restart a wait for this member's session to time out.
                streams.close(CloseOptions.timeout(WAIT)
                        .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
                // A closed instance holds nothing it can answer for.
                assertThat(BookQueries.localBook(streams, spot.key(), 2)).isEmpty();
                assertThat(BookQueries.localQuote(streams, "BTC-USDT")).isEmpty();
            }

            // Follows 102: applies only if the restarted instance has the book from its store.
            send(producer, topics, spot, spot.spotDelta(103, 104, levels("64999@5"), none()));
            try (KafkaStreams restarted = start(BookTopology.buildTopology(settings, serdes, topics), config)) {
                List<ConsumerRecord<String, BookUpdate>> read = views.readUntil(has(v -> v.getSequence() == 104), WAIT);
                BookUpdate view = read.get(read.size() - 1).value();
                assertThat(view.getSequence()).isEqualTo(104);
                assertThat(shown(view.getBids())).containsExactly("64999@5", "64998@3");
                assertThat(shown(view.getAsks())).containsExactly("65001@1", "65001.5@2");
                assertThat(BookQueries.localBook(restarted, spot.key(), 2).orElseThrow().top().getSequence())
                        .isEqualTo(104);
                ConsolidatedQuote quote = last(bbo.readUntil(has(q -> q.getVenues().get(0).getSequence() == 104),
                        WAIT));
                assertThat(quote.getVenues().get(0).getBidPrice()).isEqualByComparingTo("64999");
                assertThat(quote.getVenues().get(0).getBidQuantity()).isEqualByComparingTo("5");
                assertThat(quote.getBestBidExchange()).isEqualTo("grvt");
            }
        }
    }

    private static StreamsTopics topics(TestTopics testTopics) {
        StreamsTopics c = StreamsTopics.catalogue();
        return new StreamsTopics(testTopics.name(c.marketBook()), testTopics.name(c.stateBooks()),
                testTopics.name(c.stateBbo()), c.ordersUpdates(), c.accountPositions(), c.accountBalances(),
                c.recoverySnapshots(), c.statePositions(), c.stateBalances(), c.alertsPositions());
    }

    private Properties streamsConfig(LocalStack stack, String applicationId) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        return props;
    }

    private static KafkaStreams start(org.apache.kafka.streams.Topology topology, Properties config) {
        KafkaStreams streams = new KafkaStreams(topology, config);
        streams.start();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline || streams.state() == KafkaStreams.State.ERROR) {
                streams.close(Duration.ofSeconds(10));
                throw new AssertionError("Kafka Streams did not reach RUNNING: " + streams.state());
            }
            sleep();
        }
        return streams;
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static KafkaProducer<String, BookUpdate> producer(LocalStack stack, EventSerdes serdes) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                serdes.keys().serializer(), serdes.<BookUpdate>values().serializer());
    }

    private static void send(KafkaProducer<String, BookUpdate> producer, StreamsTopics topics, BookEvents book,
                             BookUpdate update) {
        try {
            producer.send(new ProducerRecord<>(topics.marketBook(), book.key(), update)).get();
        } catch (Exception e) {
            throw new AssertionError("could not send " + update, e);
        }
    }

    private static <V> TopicReader<String, V> reader(LocalStack stack,
                                                     org.apache.kafka.common.serialization.Serde<V> values,
                                                     String topic) {
        KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new org.apache.kafka.common.serialization.StringDeserializer(), values.deserializer());
        return new TopicReader<>(consumer, topic);
    }

    /** Done when some record read so far matches. */
    private static <V> Predicate<List<ConsumerRecord<String, V>>> has(Predicate<V> match) {
        return records -> records.stream().anyMatch(r -> match.test(r.value()));
    }

    private static <T> T last(List<ConsumerRecord<String, T>> records) {
        assertThat(records).isNotEmpty();
        return records.get(records.size() - 1).value();
    }
}
