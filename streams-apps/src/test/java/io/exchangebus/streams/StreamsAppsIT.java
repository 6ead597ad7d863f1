package io.exchangebus.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.avro.serde.AvroDeserializer;
import io.exchangebus.avro.serde.AvroSerializer;
import io.exchangebus.avro.topics.Topics;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.DeadLetter;
import io.exchangebus.events.PriceLevel;
import io.exchangebus.events.RecoverySnapshot;
import io.exchangebus.events.Side;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.junit.LocalStackExtension;
import io.exchangebus.localstack.junit.TestTopics;
import io.exchangebus.service.testing.RunningService;
import io.exchangebus.service.testing.TopicReader;
import io.exchangebus.streams.positions.Events;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * streams-apps as its users run it: the real runner, a real broker and registry, two instances of one application.
 * A query to either instance gives the same book, whichever instance holds it; when one stops, the other takes over
 * its partitions and still answers.
 */
@ExtendWith(LocalStackExtension.class)
class StreamsAppsIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SYMBOLS = 8;

    @TempDir
    Path dir;

    @Test
    void shouldAnswerTheSameBookFromEitherInstanceAndFailOverWhenOneStops(LocalStack stack, TestTopics topics)
            throws Exception {
        StreamsTopics names = createTopics(stack, topics);
        String application = "it-" + names.marketBook().replace('.', '-');
        try (KafkaProducer<String, BookUpdate> producer = producer(stack)) {
            for (int i = 0; i < SYMBOLS; i++) {
                producer.send(new ProducerRecord<>(names.marketBook(), key(i), snapshot(i, 100)));
                producer.send(new ProducerRecord<>(names.marketBook(), key(i), delta(i, 101, "1.5")));
            }
            producer.flush();

            try (RunningService a = instance(stack, names, application, "a");
                 RunningService b = instance(stack, names, application, "b")) {
                assertThat(a.awaitReady(WAIT)).as("instance a ready").isTrue();
                assertThat(b.awaitReady(WAIT)).as("instance b ready").isTrue();

                for (int i = 0; i < SYMBOLS; i++) {
                    HttpResponse<String> fromA = awaitBook(a, i, "1.5");
                    HttpResponse<String> fromB = awaitBook(b, i, "1.5");
                    assertThat(book(fromA)).as("the same book from either instance").isEqualTo(book(fromB));
                    assertThat(servedBy(fromA)).as("both asked the holder").isEqualTo(servedBy(fromB));
                    JsonNode levels = book(fromA);
                    assertThat(decimal(levels.get("bids").get(0).get("price"))).isEqualByComparingTo("100");
                    assertThat(decimal(levels.get("bids").get(0).get("quantity"))).isEqualByComparingTo("1.5");
                    assertThat(decimal(levels.get("asks").get(0).get("price"))).isEqualByComparingTo("101");
                    assertThat(levels.get("bids")).hasSize(1);
                    assertThat(levels.get("sequence").asLong()).isEqualTo(101);
                }

                // Stop the instance that holds SYM0, so that at least that partition must move.
                String selfA = "127.0.0.1:" + a.port();
                boolean aHolds = servedBy(awaitBook(b, 0, "1.5")).equals(selfA);
                RunningService holder = aHolds ? a : b;
                RunningService survivor = aHolds ? b : a;
                String self = "127.0.0.1:" + survivor.port();
                assertThat(holder.stop()).isZero();
                for (int i = 0; i < SYMBOLS; i++) {
                    producer.send(new ProducerRecord<>(names.marketBook(), key(i), delta(i, 102, "2.25")));
                }
                producer.flush();
                for (int i = 0; i < SYMBOLS; i++) {
                    HttpResponse<String> after = awaitBook(survivor, i, "2.25");
                    assertThat(servedBy(after)).as("the survivor holds every book now").isEqualTo(self);
                    assertThat(book(after).get("sequence").asLong()).isEqualTo(102);
                }
                assertThat(survivor.get("/books/binance-spot/NOSUCH").statusCode()).isEqualTo(404);
                assertThat(survivor.get("/positions/binance-usdm/nobody").statusCode()).isEqualTo(404);
                assertThat(survivor.get("/books/binance-spot/SYM0?depth=0").statusCode()).isEqualTo(400);
                assertThat(survivor.metrics()).contains("kafka_stream_");
            }
        }
    }

    @Test
    void shouldAnswerAnAccountsPositionFromEitherInstance(LocalStack stack, TestTopics topics) throws Exception {
        StreamsTopics names = createTopics(stack, topics);
        String application = "it-" + names.marketBook().replace('.', '-');
        try (KafkaProducer<String, SpecificRecordBase> producer = producer(stack)) {
            for (RecoverySnapshot item : Events.epoch("epoch-1", Events.USDM, null,
                    Events.usdmPosition("0.010", "60000"))) {
                producer.send(new ProducerRecord<>(names.recoverySnapshots(), Events.key(Events.USDM), item));
            }
            producer.send(new ProducerRecord<>(names.ordersUpdates(), Events.key(Events.USDM),
                    Events.filledAtOnce(Events.USDM, "order-1", Side.BUY, "0.005", "61000")));
            producer.flush();

            try (RunningService a = instance(stack, names, application, "pa");
                 RunningService b = instance(stack, names, application, "pb")) {
                assertThat(a.awaitReady(WAIT)).isTrue();
                assertThat(b.awaitReady(WAIT)).isTrue();
                String path = "/positions/binance-usdm/" + Events.ACCOUNT;
                JsonNode fromA = awaitPosition(a, path, "0.015");
                JsonNode fromB = awaitPosition(b, path, "0.015");
                assertThat(fromA).isEqualTo(fromB);
                JsonNode position = fromA.get("positions").get(0);
                assertThat(decimal(position.get("averageEntryPrice"))).isEqualByComparingTo("60333.333333333333333333");
                assertThat(position.get("epochId").asText()).isEqualTo("epoch-1");
                assertThat(position.get("fillCount").asLong()).isEqualTo(1);
            }
        }
    }

    @Test
    void shouldDeadLetterAnUndecodableRecordAndGoOn(LocalStack stack, TestTopics topics) throws Exception {
        StreamsTopics names = createTopics(stack, topics);
        String application = "it-" + names.marketBook().replace('.', '-');
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer());
             KafkaProducer<String, BookUpdate> producer = producer(stack)) {
            raw.send(new ProducerRecord<>(names.marketBook(), key(0), "not avro".getBytes(StandardCharsets.UTF_8)))
                    .get();
            producer.send(new ProducerRecord<>(names.marketBook(), key(0), snapshot(0, 7))).get();

            try (RunningService a = instance(stack, names, application, "dlq")) {
                assertThat(a.awaitReady(WAIT)).isTrue();
                awaitBook(a, 0, "1");
                String dlq = Topics.deadLetter(StreamsAppsMain.SERVICE_NAME).name();
                try (TopicReader<String, DeadLetter> reader = new TopicReader<>(consumer(stack), dlq)) {
                    List<DeadLetter> letters = reader.readUntil(read -> read.stream().anyMatch(r ->
                            names.marketBook().equals(r.value().getSourceTopic())), WAIT).stream()
                            .map(r -> r.value()).filter(l -> names.marketBook().equals(l.getSourceTopic())).toList();
                    assertThat(letters).hasSize(1);
                    assertThat(letters.get(0).getErrorType()).isEqualTo("UNDECODABLE");
                    assertThat(StandardCharsets.UTF_8.decode(letters.get(0).getPayload()).toString())
                            .isEqualTo("not avro");
                    assertThat(letters.get(0).getService()).isEqualTo("streams-apps");
                }
                assertThat(a.metrics()).contains("exbus_dead_letters_total{");
            }
        }
    }

    private RunningService instance(LocalStack stack, StreamsTopics names, String application, String name)
            throws Exception {
        String yaml = "streams:\n"
                + "  application-id: " + application + "\n"
                + "  topic-prefix: " + names.marketBook().substring(0, names.marketBook().length()
                - Topics.MARKET_BOOK.name().length()) + "\n"
                + "  state-dir: " + dir.resolve(name) + "\n"
                + "books:\n"
                + "  depth: 5\n"
                + "  min-interval: 10ms\n";
        Map<String, String> env = new HashMap<>();
        env.put("EXBUS_SERVICE__INSTANCE_ID", "streams-" + name);
        // Rebalances fast enough for a test; production keeps Kafka's defaults.
        env.put("EXBUS_KAFKA__STREAMS__COMMIT_INTERVAL_MS", "100");
        return new RunningService(StreamsAppsMain.SERVICE_NAME, StreamsAppsKeys.SCHEMA, stack, dir, yaml,
                StreamsAppsService::create, env);
    }

    private static StreamsTopics createTopics(LocalStack stack, TestTopics topics) {
        StreamsTopics names = StreamsTopics.prefixed(topics.name("it") + ".");
        Map<String, String> compact = Map.of("cleanup.policy", "compact");
        stack.createTopic(names.marketBook(), 4);
        for (String input : List.of(names.ordersUpdates(), names.accountPositions(), names.accountBalances(),
                names.recoverySnapshots())) {
            stack.createTopic(input, 2);
        }
        for (String state : List.of(names.stateBooks(), names.stateBbo(), names.statePositions(),
                names.stateBalances())) {
            stack.createTopic(state, 2, compact);
        }
        stack.createTopic(names.alertsPositions(), 1);
        try {
            stack.createTopic(Topics.deadLetter(StreamsAppsMain.SERVICE_NAME).name(), 1);
        } catch (RuntimeException alreadyThere) {
            // Shared by every test of this JVM; the first one creates it.
        }
        return names;
    }

    /** Polls {@code GET path} until the account's first position has {@code quantity}; the answer's body. */
    private static JsonNode awaitPosition(RunningService instance, String path, String quantity) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = instance.get(path);
            if (last.statusCode() == 200) {
                JsonNode body = JSON.readTree(last.body());
                JsonNode positions = body.get("positions");
                if (positions.size() == 1 && decimal(positions.get(0).get("quantity"))
                        .compareTo(new BigDecimal(quantity)) == 0) {
                    return body;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no position " + quantity + " at " + path + "; last answer "
                + (last == null ? "none" : last.statusCode() + " " + last.body()));
    }

    /** Polls {@code GET /books/...} until the best bid's quantity is {@code bidQuantity}. */
    private static HttpResponse<String> awaitBook(RunningService instance, int i, String bidQuantity)
            throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = instance.get("/books/binance-spot/SYM" + i + "?depth=5");
            if (last.statusCode() == 200) {
                JsonNode book = book(last);
                if (book != null && book.get("bids").size() > 0 && new BigDecimal(book.get("bids").get(0)
                        .get("quantity").asText()).compareTo(new BigDecimal(bidQuantity)) == 0) {
                    return last;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no book SYM" + i + " with bid quantity " + bidQuantity + "; last answer "
                + (last == null ? "none" : last.statusCode() + " " + last.body()));
    }

    private static BigDecimal decimal(JsonNode text) {
        return new BigDecimal(text.asText());
    }

    private static String servedBy(HttpResponse<String> response) {
        return response.headers().firstValue("X-Exbus-Served-By").orElseThrow();
    }

    private static JsonNode book(HttpResponse<String> response) throws Exception {
        JsonNode body = JSON.readTree(response.body());
        return body.get("book") == null || body.get("book").isNull() ? null : body.get("book");
    }

    private static String key(int i) {
        return "binance-spot:SYM" + i;
    }

    private static BookUpdate snapshot(int i, long sequence) {
        return book(i, BookUpdateKind.SNAPSHOT, sequence, null, "1");
    }

    private static BookUpdate delta(int i, long sequence, String bidQuantity) {
        return book(i, BookUpdateKind.DELTA, sequence, sequence, bidQuantity);
    }

    private static BookUpdate book(int i, BookUpdateKind kind, long sequence, Long first, String bidQuantity) {
        List<PriceLevel> bids = new ArrayList<>(List.of(new PriceLevel(new BigDecimal("100"),
                new BigDecimal(bidQuantity))));
        List<PriceLevel> asks = new ArrayList<>(List.of(new PriceLevel(new BigDecimal("101"), BigDecimal.ONE)));
        return BookUpdate.newBuilder().setExchange("binance-spot").setSymbol("SYM" + i)
                .setInstrumentId("SYM" + i + "-USDT").setKind(kind).setDepth(0).setSequence(sequence)
                .setFirstSequence(first).setBids(bids).setAsks(asks)
                .setReceiveTime(Instant.now()).build();
    }

    private static <V extends SpecificRecordBase> KafkaProducer<String, V> producer(LocalStack stack) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        AvroSerializer<V> values = new AvroSerializer<>();
        values.configure(Map.of("exbus.registry.url", stack.registryUrl()), false);
        return new KafkaProducer<>(props, new StringSerializer(), values);
    }

    private static <V> KafkaConsumer<String, V> consumer(LocalStack stack) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        AvroDeserializer<V> values = new AvroDeserializer<>();
        values.configure(Map.of("exbus.registry.url", stack.registryUrl()), false);
        return new KafkaConsumer<>(props, new StringDeserializer(), values);
    }
}
