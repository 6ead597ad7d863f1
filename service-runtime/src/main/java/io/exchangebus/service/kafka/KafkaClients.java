package io.exchangebus.service.kafka;

import io.exchangebus.avro.serde.AvroDeserializer;
import io.exchangebus.avro.serde.AvroSerdeConfig;
import io.exchangebus.avro.serde.AvroSerializer;
import io.exchangebus.connectors.core.credentials.CredentialException;
import io.exchangebus.connectors.core.credentials.SecretRef;
import io.exchangebus.service.config.CommonConfig;
import io.exchangebus.service.config.CommonKeys;
import io.exchangebus.service.config.ConfigErrors;
import io.exchangebus.service.config.ConfigException;
import io.exchangebus.service.config.KafkaOverrides;
import io.exchangebus.service.config.PassThrough;
import io.exchangebus.service.config.ServiceConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka clients as a service's configuration says: the brokers of {@code kafka.bootstrap-servers}, Kafka's own
 * settings from {@code kafka.client} then {@code kafka.producer} / {@code kafka.consumer} (secret references among
 * them loaded here, at use), and the Avro serdes of the {@code avro} module on {@code kafka.schema-registry-url}.
 *
 * <p>Producers are always idempotent with {@code acks=all}; a configuration that tries to weaken that is refused
 * (at start-up already, by {@link CommonKeys#SCHEMA}'s rules, and again here). Consumers default to
 * {@code isolation.level=read_committed} (the OMS writes in transactions) and {@code enable.auto.commit=false}
 * (services commit what they have processed); the pass-through maps may change those two.
 */
public final class KafkaClients {
    /**
     * {@code retry.backoff.ms} of transactional producers unless configured ({@link #transactionalProducerProperties});
     * the client doubles it on each further retry, up to {@code retry.backoff.max.ms}.
     */
    public static final String TRANSACTION_RETRY_BACKOFF_MS = "1";
    private static final AtomicInteger CLIENT_SEQUENCE = new AtomicInteger();

    private final ServiceConfig config;
    private final CommonConfig common;
    private final MeterRegistry registry;

    /** Clients whose own metrics are not exported. */
    public KafkaClients(ServiceConfig config) {
        this(config, null);
    }

    /**
     * Clients whose own metrics (Kafka's: records sent and failed, request latency, consumer lag
     * {@code kafka_consumer_fetch_manager_records_lag_max}, …) go to {@code registry}, through Micrometer's
     * {@link KafkaClientMetrics} binder.
     */
    public KafkaClients(ServiceConfig config, MeterRegistry registry) {
        this.config = config;
        this.common = CommonConfig.of(config);
        this.registry = registry;
    }

    /** The service's name, which its dead-letter topic is named after. */
    public String serviceName() {
        return config.serviceName();
    }

    /** Properties of an idempotent producer with {@code acks=all}. */
    public Properties producerProperties() {
        Properties props = new Properties();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId("producer"));
        props.putAll(passThrough(CommonKeys.KAFKA_PRODUCER.path(), common.kafkaProducer(), true));
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, common.bootstrapServers());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return props;
    }

    /**
     * Properties of a transactional producer (exactly-once with the consumer's offsets, for the OMS): those of
     * {@link #producerProperties()} with {@code transactional.id}, which must be stable across restarts of the
     * same instance so that a restarted producer fences its predecessor.
     */
    public Properties transactionalProducerProperties(String transactionalId) {
        if (transactionalId == null || transactionalId.isBlank()) {
            throw new IllegalArgumentException("a transactional producer needs a transactional.id");
        }
        Properties props = producerProperties();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        // Back-to-back transactions: until the previous commit's markers are written the coordinator answers
        // CONCURRENT_TRANSACTIONS, and the client waits retry.backoff.ms before asking again, doubling it each time.
        // The markers take a few milliseconds: the default (100 ms) put 50 ms on the average commit; at 10 ms the
        // OMS's command -> ack p50 at 300/s was 23 ms, at 1 ms 11 ms (benchmarks/README.md). kafka.producer can
        // still set it.
        props.putIfAbsent(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, TRANSACTION_RETRY_BACKOFF_MS);
        return props;
    }

    /**
     * Base properties of a Kafka Streams application: {@code kafka.client} overlaid with {@code overrides} (the
     * service's own pass-through map at {@code overridesPath}), secret references loaded, and the bootstrap servers.
     * The caller sets the application id and the guarantees it needs after these.
     */
    public Properties streamsProperties(String overridesPath, Map<String, String> overrides) {
        Properties props = new Properties();
        props.putAll(passThrough(overridesPath, overrides, false));
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, common.bootstrapServers());
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId("streams"));
        return props;
    }

    /** Properties of an admin client: the {@code kafka.client} settings and the bootstrap servers. */
    public Properties adminProperties() {
        Properties props = new Properties();
        props.putAll(passThrough(CommonKeys.KAFKA_CLIENT.path(), Map.of(), false));
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId("admin"));
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, common.bootstrapServers());
        return props;
    }

    /** Properties of a consumer in {@code groupId}. */
    public Properties consumerProperties(String groupId) {
        Properties props = consumerBase(clientId("consumer"));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        return props;
    }

    /**
     * Properties of a consumer in no group, for a reader that {@code assign()}s its partitions and commits nothing
     * (a viewer of topics): client id {@code <instance>-<purpose>-<n>}, read committed, and it never creates a topic by
     * asking for it. The {@code kafka.consumer} pass-through applies as to every consumer.
     */
    public Properties readerProperties(String purpose) {
        Properties props = consumerBase(clientId(purpose));
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        return props;
    }

    private Properties consumerBase(String clientId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.putAll(passThrough(CommonKeys.KAFKA_CONSUMER.path(), common.kafkaConsumer(), false));
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, common.bootstrapServers());
        return props;
    }

    /** Settings of the Avro serdes: the registry's URL. */
    public Map<String, Object> serdeConfig() {
        return Map.of(AvroSerdeConfig.REGISTRY_URL, common.schemaRegistryUrl().toString());
    }

    /** A value serializer writing Confluent-framed Avro, registering schemas under {@code <topic>-value}. */
    public <V extends GenericContainer> AvroSerializer<V> valueSerializer() {
        AvroSerializer<V> serializer = new AvroSerializer<>();
        serializer.configure(serdeConfig(), false);
        return serializer;
    }

    /** A value deserializer reading Confluent-framed Avro into the generated event classes. */
    public <V> AvroDeserializer<V> valueDeserializer() {
        AvroDeserializer<V> deserializer = new AvroDeserializer<>();
        deserializer.configure(serdeConfig(), false);
        return deserializer;
    }

    /** An idempotent producer with the given serializers. */
    public <K, V> KafkaProducer<K, V> producer(Serializer<K> keys, Serializer<V> values) {
        return measured(new KafkaProducer<>(producerProperties(), keys, values));
    }

    /** An idempotent producer of events keyed by text ({@code exchange:symbol}, {@code exchange:account}). */
    public <V extends GenericContainer> KafkaProducer<String, V> avroProducer() {
        return producer(new StringSerializer(), valueSerializer());
    }

    /** A transactional producer of events keyed by text; call {@code initTransactions()} before use. */
    public <V extends GenericContainer> KafkaProducer<String, V> transactionalAvroProducer(String transactionalId) {
        return measured(new KafkaProducer<>(transactionalProducerProperties(transactionalId), new StringSerializer(),
                valueSerializer()));
    }

    /** A consumer with the given deserializers. */
    public <K, V> KafkaConsumer<K, V> consumer(String groupId, Deserializer<K> keys, Deserializer<V> values) {
        return measured(new KafkaConsumer<>(consumerProperties(groupId), keys, values));
    }

    private <K, V> KafkaProducer<K, V> measured(KafkaProducer<K, V> producer) {
        if (registry != null) {
            new KafkaClientMetrics(producer).bindTo(registry);
        }
        return producer;
    }

    private <K, V> KafkaConsumer<K, V> measured(KafkaConsumer<K, V> consumer) {
        if (registry != null) {
            new KafkaClientMetrics(consumer).bindTo(registry);
        }
        return consumer;
    }

    /** A consumer of events keyed by text. */
    public <V> KafkaConsumer<String, V> avroConsumer(String groupId) {
        return consumer(groupId, new StringDeserializer(), valueDeserializer());
    }

    /**
     * {@code kafka.client} overlaid with one client kind's map, checked again (so that no path around the
     * start-up rules can weaken a producer) and with secret references loaded.
     */
    private Map<String, String> passThrough(String kindPath, Map<String, String> kind, boolean producer) {
        ConfigErrors errors = new ConfigErrors();
        KafkaOverrides.check(CommonKeys.KAFKA_CLIENT.path(), common.kafkaClient(), producer, errors);
        KafkaOverrides.check(kindPath, kind, producer, errors);
        errors.throwIfAny();
        Map<String, String> merged = new LinkedHashMap<>();
        common.kafkaClient().forEach((key, value) -> merged.put(key, load(CommonKeys.KAFKA_CLIENT.path(), key, value)));
        kind.forEach((key, value) -> merged.put(key, load(kindPath, key, value)));
        return merged;
    }

    private String load(String mapPath, String key, String value) {
        if (!PassThrough.isSecretReference(value)) {
            return value;
        }
        try {
            return config.resolve(SecretRef.parse(value))
                    .apply(bytes -> new String(bytes, StandardCharsets.UTF_8));
        } catch (CredentialException | IllegalArgumentException e) {
            throw ConfigException.of(mapPath + "." + key, e.getMessage());
        }
    }

    private String clientId(String kind) {
        return common.instanceId() + "-" + kind + "-" + CLIENT_SEQUENCE.incrementAndGet();
    }
}
