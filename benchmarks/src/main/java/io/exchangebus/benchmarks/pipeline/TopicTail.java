package io.exchangebus.benchmarks.pipeline;

import io.exchangebus.avro.serde.AvroDeserializer;
import io.exchangebus.avro.serde.AvroSerdeConfig;
import io.exchangebus.events.BookUpdate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every partition of one {@code BookUpdate} topic from its beginning, read committed, on a thread of its own,
 * and hands each record to a handler on that thread, until closed. No consumer group: the harness watches, it takes
 * no part. A failure of the thread is kept and rethrown by {@link #checkAlive()}.
 */
public final class TopicTail implements AutoCloseable {
    private final KafkaConsumer<String, BookUpdate> consumer;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    public TopicTail(String bootstrapServers, String registryUrl, String topic,
              Consumer<ConsumerRecord<String, BookUpdate>> handler) {
        AvroDeserializer<BookUpdate> values = new AvroDeserializer<>();
        values.configure(Map.of(AvroSerdeConfig.REGISTRY_URL, registryUrl), false);
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "book-pipeline-" + topic,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000"), new StringDeserializer(), values);
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(() -> loop(handler), "tail-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop(Consumer<ConsumerRecord<String, BookUpdate>> handler) {
        try {
            while (running) {
                for (ConsumerRecord<String, BookUpdate> record : consumer.poll(Duration.ofMillis(100))) {
                    handler.accept(record);
                }
            }
        } catch (WakeupException e) {
            // closed
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Throws what ended the reading thread, if anything did. */
    public void checkAlive() {
        RuntimeException f = failure;
        if (f != null) {
            throw new IllegalStateException("reading " + thread.getName().substring(5) + " failed: " + f, f);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
