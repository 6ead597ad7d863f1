package io.exchangebus.cli;

import io.exchangebus.avro.serde.AvroDeserializer;
import io.exchangebus.avro.serde.AvroSerdeConfig;
import io.exchangebus.avro.serde.AvroSerializer;
import io.exchangebus.avro.serde.MalformedPayloadException;
import io.exchangebus.events.OrderCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * The Kafka clients of the {@code exbus order} commands: a producer of commands, and a consumer of acks and
 * updates that reads {@code read_committed} (the OMS writes them in transactions; an aborted batch must not be
 * printed) without a group, so that it commits nothing. Each is bounded by the command's timeout, so that an
 * unreachable broker fails the command instead of hanging it.
 */
final class OrderClients {
    private OrderClients() {
    }

    static KafkaProducer<String, OrderCommand> producer(String bootstrap, String registry, Duration timeout) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000) + 1_000);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        AvroSerializer<OrderCommand> values = new AvroSerializer<>();
        values.configure(Map.of(AvroSerdeConfig.REGISTRY_URL, registry), false);
        return new KafkaProducer<>(props, new StringSerializer(), values);
    }

    /** Values are the generated classes ({@code OrderAck}, {@code OrderUpdate}). */
    static KafkaConsumer<String, Object> consumer(String bootstrap, String registry, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        AvroDeserializer<Object> values = new AvroDeserializer<>();
        values.configure(Map.of(AvroSerdeConfig.REGISTRY_URL, registry, AvroSerdeConfig.SPECIFIC_READER, true),
                false);
        return new KafkaConsumer<>(props, new StringDeserializer(), values);
    }

    /**
     * The partition of {@code topic} that Kafka's default partitioner puts {@code key} in (murmur2 of the key's
     * UTF-8 bytes, as the OMS's producer does); empty when the topic does not exist.
     */
    static Optional<TopicPartition> partitionOf(KafkaConsumer<?, ?> consumer, String topic, String key,
                                                Duration timeout) {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
        if (partitions == null || partitions.isEmpty()) {
            return Optional.empty();
        }
        int partition = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions.size();
        return Optional.of(new TopicPartition(topic, partition));
    }

    /**
     * One poll; a record that cannot be decoded (not our wire format, unknown schema) is reported on {@code err}
     * with its partition and offset and skipped. A registry that cannot be reached is not the record's fault and
     * fails the command.
     */
    static ConsumerRecords<String, Object> poll(KafkaConsumer<String, Object> consumer, PrintWriter err,
                                                String command) {
        try {
            return consumer.poll(Duration.ofMillis(100));
        } catch (RecordDeserializationException e) {
            if (!(e.getCause() instanceof MalformedPayloadException)) {
                throw e;
            }
            err.println("exbus " + command + ": skipped " + e.topicPartition() + " offset " + e.offset() + ": "
                    + e.getCause().getMessage());
            err.flush();
            consumer.seek(e.topicPartition(), e.offset() + 1);
            return ConsumerRecords.empty();
        }
    }
}
