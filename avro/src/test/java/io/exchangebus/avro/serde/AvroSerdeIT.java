package io.exchangebus.avro.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.avro.InexactValueException;
import io.exchangebus.avro.SampleEvents;
import io.exchangebus.avro.registry.SchemaRegistryClient;
import io.exchangebus.avro.registry.SchemaRegistryException;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.PriceLevel;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.junit.LocalStackExtension;
import io.exchangebus.localstack.junit.TestTopics;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The serdes against the real broker and the real registry (Apicurio, Confluent-compatible API). */
@ExtendWith(LocalStackExtension.class)
class AvroSerdeIT {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldRoundTripEveryRecordTypeThroughBrokerAndRegistry(LocalStack stack, TestTopics topics) {
        List<SpecificRecord> sent = SampleEvents.oneOfEach();
        String topic = topics.create(topics.name("roundtrip"), 1);

        try (KafkaProducer<String, SpecificRecord> producer = producer(stack, new AvroSerializer<>())) {
            for (SpecificRecord record : sent) {
                producer.send(new ProducerRecord<>(topic, record.getSchema().getName(), record));
            }
            producer.flush();
        }
        List<Object> received = new ArrayList<>();
        try (KafkaConsumer<String, Object> consumer = consumer(stack, new AvroDeserializer<>())) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            consumer.seekToBeginning(consumer.assignment());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.size() < sent.size() && System.nanoTime() < deadline) {
                consumer.poll(POLL).forEach(r -> received.add(r.value()));
            }
        }

        assertThat(received).containsExactlyElementsOf(sent);
    }

    @Test
    void shouldGiveEveryClientTheSameIdWhenManyRegisterANewSubjectAtOnce(LocalStack stack, TestTopics topics)
            throws Exception {
        // Instances of one service start together and register their first schema at the same moment; the registry
        // refuses all but one (409). Each must end with the id, not an error.
        String subject = topics.name("race") + "-value";
        int clients = 8;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> ids = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                SchemaRegistryClient client = new SchemaRegistryClient(
                        SchemaRegistryClient.Settings.of(stack.registryUrl()));
                ids.add(pool.submit(() -> {
                    start.await();
                    return client.register(subject, BookUpdate.getClassSchema());
                }));
            }
            start.countDown();
            List<Integer> answers = new ArrayList<>();
            for (Future<Integer> id : ids) {
                answers.add(id.get(30, TimeUnit.SECONDS));
            }
            assertThat(answers).hasSize(clients).containsOnly(answers.get(0));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldWriteBytesThatAPlainAvroReaderDecodesWithTheRegistrysSchema(LocalStack stack, TestTopics topics)
            throws Exception {
        String topic = topics.name("wire");
        BookUpdate book = SampleEvents.bookUpdate(20);
        byte[] bytes;
        try (AvroSerializer<BookUpdate> serializer = new AvroSerializer<>()) {
            serializer.configure(serdeConfig(stack), false);
            bytes = serializer.serialize(topic, book);
        }

        assertThat(bytes[0]).as("magic byte").isZero();
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        // The schema comes from the registry's REST API by hand, not through our client.
        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(stack.registryUrl() + "/schemas/ids/" + id)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        Schema registered = new Schema.Parser().parse(JSON.readTree(answer.body()).path("schema").asText());
        GenericRecord decoded = new GenericDatumReader<GenericRecord>(registered).read(null,
                DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));

        assertThat(registered).isEqualTo(BookUpdate.getClassSchema());
        assertThat(decoded.get("symbol").toString()).isEqualTo("BTCUSDT");
        assertThat(decoded.get("sequence")).isEqualTo(1027024L);
        List<?> bids = (List<?>) decoded.get("bids");
        assertThat(bids).hasSize(20);
        ByteBuffer price = (ByteBuffer) ((GenericRecord) bids.get(3)).get("price");
        byte[] unscaled = new byte[price.remaining()];
        price.get(unscaled);
        assertThat(new BigDecimal(new java.math.BigInteger(unscaled), 18)).isEqualByComparingTo("64999.97");
    }

    @Test
    void shouldGiveTypedErrorsForMalformedPayloadsAndGoOnWithTheNextRecord(LocalStack stack, TestTopics topics) {
        String topic = topics.create(topics.name("malformed"), 1);
        byte[] good;
        try (AvroSerializer<BookUpdate> serializer = new AvroSerializer<>()) {
            serializer.configure(serdeConfig(stack), false);
            good = serializer.serialize(topic, SampleEvents.bookUpdate(5));
        }
        byte[] wrongMagic = good.clone();
        wrongMagic[0] = 1;
        byte[] unknownId = good.clone();
        ByteBuffer.wrap(unknownId).putInt(1, 987_654_321);
        byte[] truncatedBody = java.util.Arrays.copyOf(good, good.length - 7);
        byte[] truncatedHeader = new byte[] {0, 0, 1};
        List<byte[]> payloads = List.of(wrongMagic, good, unknownId, truncatedBody, truncatedHeader, good);
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(producerProps(stack), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            payloads.forEach(p -> raw.send(new ProducerRecord<>(topic, p)));
            raw.flush();
        }

        List<Object> outcomes = new ArrayList<>();
        try (KafkaConsumer<String, Object> consumer = consumer(stack, new AvroDeserializer<>())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (outcomes.size() < payloads.size() && System.nanoTime() < deadline) {
                try {
                    consumer.poll(POLL).forEach(r -> outcomes.add(r.value()));
                } catch (RecordDeserializationException e) {
                    // What a service does: keep the raw bytes and the reason for the dead-letter topic, skip on.
                    assertThat(e.valueBuffer()).isNotNull();
                    outcomes.add(e.getCause());
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                }
            }
        }

        assertThat(outcomes).hasSize(6);
        assertThat(problem(outcomes.get(0))).isEqualTo(MalformedPayloadException.Problem.WRONG_MAGIC_BYTE);
        assertThat(outcomes.get(1)).isInstanceOf(BookUpdate.class);
        assertThat(problem(outcomes.get(2))).isEqualTo(MalformedPayloadException.Problem.UNKNOWN_SCHEMA_ID);
        assertThat(((MalformedPayloadException) outcomes.get(2)).schemaId()).isEqualTo(987_654_321);
        assertThat(problem(outcomes.get(3))).isEqualTo(MalformedPayloadException.Problem.TRUNCATED);
        assertThat(problem(outcomes.get(4))).isEqualTo(MalformedPayloadException.Problem.TRUNCATED);
        assertThat(outcomes.get(5)).isEqualTo(SampleEvents.bookUpdate(5));
        assertThat(((MalformedPayloadException) outcomes.get(0)).payload()).isEqualTo(wrongMagic);
    }

    @Test
    void shouldRefuseAnInexactDecimalNamingTheFieldInsteadOfRounding(LocalStack stack, TestTopics topics) {
        BookUpdate book = SampleEvents.bookUpdate(2);
        book.getBids().set(1, new PriceLevel(new BigDecimal("64999.9900000000000000001"), BigDecimal.ONE));

        try (AvroSerializer<BookUpdate> serializer = new AvroSerializer<>()) {
            serializer.configure(serdeConfig(stack), false);
            assertThatThrownBy(() -> serializer.serialize(topics.name("inexact"), book))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("BookUpdate.bids[1].price")
                    .hasMessageContaining("64999.9900000000000000001")
                    .hasCauseInstanceOf(InexactValueException.class);
        }
    }

    @Test
    void shouldNameTheSubjectWhenAutoRegistrationIsOffAndTheSchemaIsMissing(LocalStack stack, TestTopics topics) {
        String topic = topics.name("unregistered");
        Map<String, Object> config = new java.util.HashMap<>(serdeConfig(stack));
        config.put(AvroSerdeConfig.AUTO_REGISTER, false);

        try (AvroSerializer<BookUpdate> serializer = new AvroSerializer<>()) {
            serializer.configure(config, false);
            assertThatThrownBy(() -> serializer.serialize(topic, SampleEvents.bookUpdate(1)))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("'" + topic + "-value'")
                    .hasMessageContaining("auto-registration is off");
        }
    }

    @Test
    void shouldRefuseAnIncompatibleSchemaAtTheRegistryNamingTheSubject(LocalStack stack, TestTopics topics) {
        SchemaRegistryClient client = new SchemaRegistryClient(SchemaRegistryClient.Settings.of(stack.registryUrl()));
        String subject = topics.name("evolving") + "-value";
        Schema v1 = new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"Probe\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");
        Schema incompatible = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Probe\",\"fields\":["
                + "{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"long\"}]}");
        Schema compatible = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Probe\",\"fields\":["
                + "{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"long\",\"default\":0}]}");

        int id = client.register(subject, v1);
        client.setCompatibility(subject, "BACKWARD");

        assertThat(client.lookup(subject, v1)).contains(id);
        assertThat(client.isCompatible(subject, incompatible)).isFalse();
        assertThat(client.isCompatible(subject, compatible)).isTrue();
        assertThatThrownBy(() -> client.register(subject, incompatible))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.subject()).isEqualTo(subject);
                    assertThat(e.isUnavailable()).isFalse();
                })
                .hasMessageContaining("'" + subject + "'");
        assertThat(client.register(subject, compatible)).isNotEqualTo(id);
    }

    @Test
    void shouldCacheSchemasBothWays(LocalStack stack, TestTopics topics) {
        SchemaRegistryClient client = new SchemaRegistryClient(SchemaRegistryClient.Settings.of(stack.registryUrl()));
        String subject = topics.name("cached") + "-value";

        int id = client.register(subject, BookUpdate.getClassSchema());

        assertThat(client.schemaById(id)).isSameAs(BookUpdate.getClassSchema());
        assertThat(client.register(subject, BookUpdate.getClassSchema())).isEqualTo(id);
        SchemaRegistryClient fresh = new SchemaRegistryClient(SchemaRegistryClient.Settings.of(stack.registryUrl()));
        assertThat(fresh.schemaById(id)).isEqualTo(BookUpdate.getClassSchema());
        assertThat(fresh.schemaById(id)).isSameAs(fresh.schemaById(id));
    }

    private static MalformedPayloadException.Problem problem(Object outcome) {
        assertThat(outcome).isInstanceOf(MalformedPayloadException.class);
        return ((MalformedPayloadException) outcome).problem();
    }

    private static Map<String, Object> serdeConfig(LocalStack stack) {
        return Map.of(AvroSerdeConfig.REGISTRY_URL, stack.registryUrl());
    }

    private static Properties producerProps(LocalStack stack) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return props;
    }

    private static KafkaProducer<String, SpecificRecord> producer(LocalStack stack,
                                                                 AvroSerializer<SpecificRecord> serializer) {
        Properties props = producerProps(stack);
        props.putAll(serdeConfig(stack));
        serializer.configure(serdeConfig(stack), false);
        return new KafkaProducer<>(props, new StringSerializer(), serializer);
    }

    private static <T> KafkaConsumer<String, T> consumer(LocalStack stack, AvroDeserializer<T> deserializer) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        deserializer.configure(serdeConfig(stack), false);
        return new KafkaConsumer<>(props, new StringDeserializer(), deserializer);
    }

}
