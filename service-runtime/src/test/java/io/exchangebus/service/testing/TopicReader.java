package io.exchangebus.service.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** Reads a topic from the beginning until the records read so far satisfy a condition, or a deadline passes. */
public final class TopicReader<K, V> implements AutoCloseable {
    private final KafkaConsumer<K, V> consumer;
    private final String topic;
    private final List<ConsumerRecord<K, V>> read = new ArrayList<>();

    public TopicReader(KafkaConsumer<K, V> consumer, String topic) {
        this.consumer = consumer;
        this.topic = topic;
    }

    /** Polls until {@code done} holds for everything read, for at most {@code timeout}; returns what was read. */
    public List<ConsumerRecord<K, V>> readUntil(Predicate<List<ConsumerRecord<K, V>>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(2));
            if (partitions != null && !partitions.isEmpty()) {
                consumer.assign(partitions.stream().map(p -> new TopicPartition(topic, p.partition()))
                        .collect(Collectors.toList()));
                consumer.seekToBeginning(consumer.assignment());
            }
        }
        while (!done.test(read) && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100)).forEach(read::add);
        }
        return List.copyOf(read);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
