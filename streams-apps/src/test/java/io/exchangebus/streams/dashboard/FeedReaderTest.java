package io.exchangebus.streams.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.avro.serde.AvroDeserializer;
import io.exchangebus.avro.serde.AvroSerdeConfig;
import io.exchangebus.avro.serde.AvroSerializer;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.junit.LocalStackExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * How the feed's reader takes records, with the service's Avro deserializer against the real registry: good ones
 * become JSON in the state, bad ones are counted and skipped, and nothing stops it.
 */
@ExtendWith(LocalStackExtension.class)
class FeedReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DashboardTopics TOPICS = DashboardTopics.prefixed("feed-reader-test.");
    private static final String BOOKS = "feed-reader-test.state.books.v1";
    private static final String ACKS = "feed-reader-test.orders.acks.v1";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final DashboardState state = new DashboardState(10);
    private AvroSerializer<SpecificRecordBase> serializer;
    private FeedReader reader;
    private long offset;

    @BeforeEach
    void start(LocalStack stack) {
        Map<String, String> config = Map.of(AvroSerdeConfig.REGISTRY_URL, stack.registryUrl());
        serializer = new AvroSerializer<>();
        serializer.configure(config, false);
        AvroDeserializer<Object> values = new AvroDeserializer<>();
        values.configure(config, false);
        // Never polled here: take() is given the records.
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                stack.bootstrapServers()), new StringDeserializer(), new ByteArrayDeserializer());
        reader = new FeedReader(consumer, values, TOPICS, state, new DashboardMetrics(meters));
    }

    @AfterEach
    void close() {
        reader.closeUnstarted();
    }

    @Test
    void shouldKeepAGoodRecordAsTheJsonOfItsEvent() throws Exception {
        reader.take(record(BOOKS, "binance-spot:BTCUSDT", serializer.serialize(BOOKS,
                DashboardEvents.bookSnapshot(7, "64000.10", "64000.20"))));

        assertThat(state.snapshot()).hasSize(1);
        FeedItem item = state.snapshot().get(0);
        JsonNode book = JSON.readTree(item.json());
        assertThat(item.kind()).isEqualTo(FeedKind.BOOK);
        assertThat(item.key()).isEqualTo("binance-spot:BTCUSDT");
        assertThat(book.get("bids").get(0).get("price").asText()).isEqualTo("64000.1");
        assertThat(book.get("asks").get(0).get("price").asText()).isEqualTo("64000.2");
        assertThat(book.get("sequence").asLong()).isEqualTo(7);
    }

    @Test
    void shouldCountAndSkipARecordThatCannotBeDecodedAndGoOn() {
        reader.take(record(ACKS, "binance-spot:main", "not avro".getBytes(StandardCharsets.UTF_8)));
        reader.take(record(ACKS, "binance-spot:main", new byte[] {0, 0, 0, 0x7f, 0x7f, 1, 2}));
        reader.take(record(ACKS, "binance-spot:main", serializer.serialize(ACKS,
                DashboardEvents.ack("cid-1", "ACCEPTED"))));

        assertThat(meters.get(DashboardMetrics.RECORDS_SKIPPED).tag("topic", ACKS).counter().count())
                .isEqualTo(2);
        assertThat(state.snapshot()).extracting(FeedItem::kind).containsExactly(FeedKind.ACK);
    }

    @Test
    void shouldSkipAnEventOfAnotherTypeThanItsTopicCarries() {
        reader.take(record(BOOKS, "binance-spot:main", serializer.serialize(ACKS,
                DashboardEvents.ack("cid-2", "REJECTED"))));

        assertThat(meters.get(DashboardMetrics.RECORDS_SKIPPED).tag("topic", BOOKS).counter().count())
                .isEqualTo(1);
        assertThat(state.snapshot()).isEmpty();
    }

    @Test
    void shouldDeleteAStateOnATombstone() {
        reader.take(record(BOOKS, "binance-spot:BTCUSDT", serializer.serialize(BOOKS,
                DashboardEvents.bookSnapshot(7, "64000.10", "64000.20"))));

        reader.take(record(BOOKS, "binance-spot:BTCUSDT", null));

        assertThat(state.snapshot()).isEmpty();
        assertThat(state.drainChanges()).last().isEqualTo(new FeedItem(FeedKind.BOOK, "binance-spot:BTCUSDT", null));
    }

    @Test
    void shouldIgnoreATopicItDoesNotRead() {
        reader.take(record("feed-reader-test.market.book.v1", "binance-spot:BTCUSDT", new byte[] {1}));

        assertThat(state.hasChanges()).isFalse();
        assertThat(meters.find(DashboardMetrics.RECORDS_SKIPPED).counter()).isNull();
    }

    private ConsumerRecord<String, byte[]> record(String topic, String key, byte[] value) {
        return new ConsumerRecord<>(topic, 0, offset++, key, value);
    }
}
