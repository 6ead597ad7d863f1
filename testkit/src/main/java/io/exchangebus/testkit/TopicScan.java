package io.exchangebus.testkit;

import io.exchangebus.avro.serde.AvroDeserializer;
import io.exchangebus.avro.serde.AvroSerdeConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * One partition of a topic read by a consumer of its own: no group (nothing committed), {@code read_committed}
 * (the OMS writes in transactions), values decoded to the generated classes through the registry. Not
 * thread-safe: one scan per call of a helper.
 */
final class TopicScan implements AutoCloseable {
    private final KafkaConsumer<String, Object> consumer;
    private final TopicPartition partition;

    /** The partition of {@code topic} that the default partitioner gives {@code key}, as every producer of ours. */
    TopicScan(String bootstrap, String registry, String topic, String key) {
        this.consumer = consumer(bootstrap, registry);
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        if (partitions == null || partitions.isEmpty()) {
            consumer.close();
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        int index = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions.size();
        this.partition = new TopicPartition(topic, index);
        consumer.assign(List.of(partition));
    }

    /** The offset the next record written will have. */
    long end() {
        return consumer.endOffsets(List.of(partition)).get(partition);
    }

    /** The first offset still on the partition. */
    long beginning() {
        return consumer.beginningOffsets(List.of(partition)).get(partition);
    }

    /**
     * Gives each record from {@code offset} on to {@code visitor} until it returns true or {@code timeout}
     * passes; whether it returned true.
     */
    boolean readFrom(long offset, Predicate<ConsumerRecord<String, Object>> visitor, Duration timeout) {
        consumer.seek(partition, offset);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(100))) {
                if (visitor.test(record)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Gives each record from {@code offset} up to {@code end} (exclusive) to {@code visitor}; returns whether it got
     * there within {@code timeout}. Done by the consumer's position, which also passes the markers of transactions
     * that no poll returns.
     */
    boolean readUpTo(long offset, long end, Consumer<ConsumerRecord<String, Object>> visitor, Duration timeout) {
        consumer.seek(partition, offset);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (consumer.position(partition) < end) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            consumer.poll(Duration.ofMillis(100)).forEach(r -> {
                if (r.offset() < end) {
                    visitor.accept(r);
                }
            });
        }
        return true;
    }

    @Override
    public void close() {
        consumer.close();
    }

    private static KafkaConsumer<String, Object> consumer(String bootstrap, String registry) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        AvroDeserializer<Object> values = new AvroDeserializer<>();
        values.configure(Map.of(AvroSerdeConfig.REGISTRY_URL, registry, AvroSerdeConfig.SPECIFIC_READER, true),
                false);
        return new KafkaConsumer<>(props, new StringDeserializer(), values);
    }
}
