package io.exchangebus.examples.strategy;

import io.exchangebus.avro.serde.AvroDeserializer;
import io.exchangebus.avro.serde.AvroSerdeConfig;
import io.exchangebus.avro.serde.AvroSerializer;
import io.exchangebus.events.OrderCommand;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

/** The Kafka clients a strategy needs on ExchangeBus's topics, with the registry-aware Avro serdes. */
final class StrategyClients {
    private StrategyClients() {
    }

    /** Idempotent and {@code acks=all}: a command is written once, or the send fails. */
    static KafkaProducer<String, OrderCommand> commandProducer(StrategySettings settings) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        AvroSerializer<OrderCommand> values = new AvroSerializer<>();
        values.configure(Map.of(AvroSerdeConfig.REGISTRY_URL, settings.registryUrl()), false);
        return new KafkaProducer<>(props, new StringSerializer(), values);
    }

    /**
     * A consumer of the one partition of {@code topic} that holds {@code key}, from its end: no consumer group (a
     * strategy that restarts reads what is new), {@code read_committed} because oms-service writes acks and updates
     * in transactions, values as the generated classes.
     */
    static KafkaConsumer<String, Object> tail(StrategySettings settings, String topic, String key) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        AvroDeserializer<Object> values = new AvroDeserializer<>();
        values.configure(Map.of(AvroSerdeConfig.REGISTRY_URL, settings.registryUrl(),
                AvroSerdeConfig.SPECIFIC_READER, true), false);
        KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values);
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        // The partition Kafka's default partitioner gives the key, as every ExchangeBus producer uses.
        int partition = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions.size();
        TopicPartition assigned = new TopicPartition(topic, partition);
        consumer.assign(List.of(assigned));
        consumer.seekToEnd(List.of(assigned));
        consumer.position(assigned);
        return consumer;
    }
}
