package io.exchangebus.ingest;

import io.exchangebus.avro.serde.AvroDeserializer;
import io.exchangebus.avro.serde.AvroSerdeConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads one topic from where it ended when the reader was made, so that a test sees only what was written during
 * it, and keeps what it read. Polls on the caller's thread.
 */
final class TopicReader<V> implements AutoCloseable {
    private final KafkaConsumer<String, V> consumer;
    private final List<ConsumerRecord<String, V>> records = new ArrayList<>();

    TopicReader(String bootstrapServers, String registryUrl, String topic) {
        AvroDeserializer<V> values = new AvroDeserializer<>();
        values.configure(Map.of(AvroSerdeConfig.REGISTRY_URL, registryUrl), false);
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false"), new StringDeserializer(), values);
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fix the start now, before the test writes
    }

    /** Reads what arrived (one short poll) and returns everything read so far. */
    List<ConsumerRecord<String, V>> poll() {
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
        return records;
    }

    /** Reads until this reader is at the end of every partition (as of now) and returns everything read so far. */
    List<ConsumerRecord<String, V>> drain() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), Duration.ofSeconds(10));
        while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            poll();
        }
        return records;
    }

    /** The values read so far with key {@code key}, in offset order within their partition. */
    List<V> values(String key) {
        return records.stream().filter(r -> key.equals(r.key())).map(ConsumerRecord::value).toList();
    }

    /** Polls until {@code condition} holds on the values of {@code key}, or fails after {@code timeout}. */
    List<V> awaitValues(String key, Duration timeout, String what, Predicate<List<V>> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            poll();
            List<V> values = values(key);
            if (condition.test(values)) {
                return values;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + " on " + key + " (" + values.size() + " records read)");
            }
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
