package io.exchangebus.benchmarks.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Up to {@code perPartition} records of each partition of a topic, from the middle of each (past the first
 * snapshots), as serialized: read once a phase is over, so that no consumer competes for the CPU it measures.
 */
final class TopicSample {
    private TopicSample() {
    }

    static RecordSample read(String bootstrapServers, String topic, int partitions, int perPartition) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> all = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                all.add(new TopicPartition(topic, p));
            }
            consumer.assign(all);
            Map<TopicPartition, Long> ends = consumer.endOffsets(all);
            long wanted = 0;
            for (TopicPartition tp : all) {
                long end = ends.get(tp);
                long from = Math.max(0, end / 2 - perPartition / 2);
                consumer.seek(tp, from);
                wanted += Math.min(perPartition, end - from);
            }
            int[] taken = new int[partitions];
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (keys.size() < wanted && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (taken[r.partition()] < perPartition) {
                        taken[r.partition()]++;
                        keys.add(r.key());
                        values.add(r.value());
                    }
                }
            }
        }
        return new RecordSample(keys, values);
    }
}
