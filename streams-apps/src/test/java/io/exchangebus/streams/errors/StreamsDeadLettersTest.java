package io.exchangebus.streams.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.exchangebus.avro.registry.SchemaRegistryClient;
import io.exchangebus.avro.registry.SchemaRegistryException;
import io.exchangebus.avro.serde.AvroSerdeConfig;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.DeadLetter;
import io.exchangebus.events.PriceLevel;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.junit.LocalStackExtension;
import io.exchangebus.service.ops.ServiceMetrics;
import io.exchangebus.streams.EventSerdes;
import io.exchangebus.streams.InvalidEventException;
import io.exchangebus.streams.StreamsTopics;
import io.exchangebus.streams.books.BookTopology;
import io.exchangebus.streams.books.BookViewSettings;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Bad records of a Streams application go to its dead-letter topic, written by Streams itself, and it goes on. */
@ExtendWith(LocalStackExtension.class)
class StreamsDeadLettersTest {
    private static final StreamsTopics TOPICS = StreamsTopics.catalogue();
    private static final String DLQ = "streams-apps.dlq.v1";

    @TempDir
    Path stateDir;

    @Test
    void shouldDeadLetterAnInvalidRecordWithItsBytesAndGoOn(LocalStack stack) {
        EventSerdes serdes = EventSerdes.forRegistry(stack.registryUrl());
        ServiceMetrics metrics = new ServiceMetrics("streams-apps", "test");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "dead-letters-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(AvroSerdeConfig.REGISTRY_URL, stack.registryUrl());
        StreamsDeadLetters.configure(props, "streams-apps", metrics);
        try (TopologyTestDriver driver = new TopologyTestDriver(BookTopology.buildTopology(
                new BookViewSettings(5, Duration.ZERO), serdes, TOPICS), props)) {
            TestInputTopic<String, BookUpdate> books = driver.createInputTopic(TOPICS.marketBook(),
                    new StringSerializer(), serdes.<BookUpdate>values().serializer());
            TestOutputTopic<byte[], DeadLetter> letters = driver.createOutputTopic(DLQ,
                    new ByteArrayDeserializer(),
                    serdes.<DeadLetter>values().deserializer());
            TestOutputTopic<String, BookUpdate> views = driver.createOutputTopic(TOPICS.stateBooks(),
                    new StringDeserializer(),
                    serdes.<BookUpdate>values().deserializer());

            books.pipeInput("binance-spot:BTCUSDT", snapshot("1"));
            books.pipeInput("binance-spot:BTCUSDT", snapshot("-1"));
            books.pipeInput("binance-spot:BTCUSDT", snapshot("2"));

            List<DeadLetter> dead = letters.readValuesToList();
            // (An undecodable record is dead-lettered too; TopologyTestDriver does not write the records of the
            // deserialization handler, so StreamsAppsIT shows that one on the real broker.)
            assertThat(dead).hasSize(1);
            DeadLetter letter = dead.get(0);
            assertThat(letter.getErrorType()).isEqualTo(DeadLetterOnProcessingError.INVALID);
            assertThat(letter.getSourceTopic()).isEqualTo(TOPICS.marketBook());
            assertThat(letter.getSourceOffset()).isEqualTo(1);
            assertThat(letter.getService()).isEqualTo("streams-apps");
            assertThat(StandardCharsets.UTF_8.decode(letter.getKey()).toString()).isEqualTo("binance-spot:BTCUSDT");
            assertThat(serdes.<BookUpdate>values().deserializer().deserialize(TOPICS.marketBook(),
                    bytes(letter.getPayload())).getBids().get(0).getQuantity()).isEqualByComparingTo("-1");
            assertThat(letter.getReason()).contains("InvalidEventException");
            assertThat(views.readValuesToList()).extracting(v -> v.getBids().get(0).getQuantity().intValue())
                    .as("the good records around the bad ones are processed").containsExactly(1, 2);
            assertThat(metrics.scrape()).contains("exbus_dead_letters_total{error_type=\"INVALID_EVENT\"");
        }
    }

    @Test
    void shouldFailInsteadOfDeadLetteringWhenTheRegistryFailsWhileWritingAnOutput(LocalStack stack) {
        DeadLetterOnProcessingError handler = new DeadLetterOnProcessingError();
        handler.configure(Map.of(StreamsDeadLetters.TOPIC, DLQ, StreamsDeadLetters.SERVICE, "streams-apps",
                AvroSerdeConfig.REGISTRY_URL, stack.registryUrl()));
        Record<String, String> record = new Record<>("k", "v", 0L);

        SchemaRegistryException unreachable = assertThrows(SchemaRegistryException.class, () ->
                new SchemaRegistryClient(new SchemaRegistryClient.Settings(URI.create("http://127.0.0.1:1/apis"),
                        Duration.ofSeconds(1), 1, Duration.ofMillis(1))).register("s-value",
                        BookUpdate.getClassSchema()));
        ProcessingExceptionHandler.Response registryDown = handler.handleError(new Context(), record,
                new StreamsException("Unable to serialize record", new SerializationException(unreachable)));
        ProcessingExceptionHandler.Response invalid = handler.handleError(new Context(), record,
                new InvalidEventException("negative quantity"));

        assertThat(registryDown.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
        assertThat(registryDown.deadLetterQueueRecords()).isEmpty();
        assertThat(invalid.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(invalid.deadLetterQueueRecords()).hasSize(1)
                .allSatisfy(r -> assertThat(r.topic()).isEqualTo(DLQ));
    }

    private static byte[] bytes(java.nio.ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    private static BookUpdate snapshot(String bidQuantity) {
        return BookUpdate.newBuilder().setExchange("binance-spot").setSymbol("BTCUSDT").setInstrumentId("BTC-USDT")
                .setKind(BookUpdateKind.SNAPSHOT).setDepth(0).setSequence(1)
                .setBids(List.of(new PriceLevel(new BigDecimal("65000"), new BigDecimal(bidQuantity))))
                .setAsks(List.of(new PriceLevel(new BigDecimal("65001"), BigDecimal.ONE)))
                .setReceiveTime(Instant.parse("2026-03-02T10:00:00Z")).build();
    }

    /** Where a failed record came from, as Streams describes it to a handler. */
    private static final class Context implements ErrorHandlerContext {
        @Override
        public String topic() {
            return "market.book.v1";
        }

        @Override
        public int partition() {
            return 0;
        }

        @Override
        public long offset() {
            return 7;
        }

        @Override
        public Headers headers() {
            return new RecordHeaders();
        }

        @Override
        public String processorNodeId() {
            return "books-builder";
        }

        @Override
        public TaskId taskId() {
            return new TaskId(0, 0);
        }

        @Override
        public long timestamp() {
            return 0;
        }

        @Override
        public byte[] sourceRawKey() {
            return "k".getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] sourceRawValue() {
            return "v".getBytes(StandardCharsets.UTF_8);
        }
    }
}
