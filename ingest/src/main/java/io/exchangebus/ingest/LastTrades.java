package io.exchangebus.ingest;

import io.exchangebus.connectors.core.role.TradeSequencing;
import io.exchangebus.events.Trade;
import io.exchangebus.service.kafka.KafkaClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The highest trade position already on the trades topic per {@code exchange:symbol}, under the rule its connector
 * declares ({@link TradeSequencing#position}: the trade id, or the trade sequence), read at start so that trades
 * printed while no ingest ran show as a gap ({@link TradeContinuity}). Keys whose rule is
 * {@link TradeSequencing#NONE} are not read. The highest, not the last: {@link ExchangeFeed} publishes a key's
 * trades in position order, but a topic written otherwise (an earlier version) may not be. A crash while a key is held
 * back for a backfill published none of the gap's later trades, so the restart sees the gap again and refills it; a
 * gap given up by a cap ({@link ExchangeFeed#MAX_HOLD}) lies before the highest position and stays missed. Reads only the partition each key hashes to (the
 * producer's default partitioning), and only its last {@value #WINDOW} records: a key whose last trade lies
 * further back is not seeded. Never fails the start: a topic that cannot be read seeds nothing, with a warning.
 */
class LastTrades {
    private static final Logger LOG = LoggerFactory.getLogger(LastTrades.class);
    static final int WINDOW = 2000;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(15);

    private final KafkaClients clients;
    private final String topic;

    LastTrades(KafkaClients clients, String topic) {
        this.clients = clients;
        this.topic = topic;
    }

    /** The highest position of each key of {@code rules} found, by its rule; keys without one are absent. */
    Map<String, Long> read(Map<String, TradeSequencing> rules) {
        List<String> keys = rules.entrySet().stream().filter(e -> e.getValue() != TradeSequencing.NONE)
                .map(Map.Entry::getKey).toList();
        if (keys.isEmpty()) {
            return Map.of();
        }
        Properties props = clients.consumerProperties(clients.serviceName() + "-last-trades");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        Map<String, Long> last = new HashMap<>();
        try (KafkaConsumer<String, Trade> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                clients.<Trade>valueDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, READ_TIMEOUT);
            if (partitions == null || partitions.isEmpty()) {
                return Map.of();
            }
            Set<String> wanted = new HashSet<>(keys);
            Set<TopicPartition> assigned = new HashSet<>();
            for (String key : keys) {
                assigned.add(new TopicPartition(topic, partitionOf(key, partitions.size())));
            }
            consumer.assign(assigned);
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, READ_TIMEOUT);
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(assigned, READ_TIMEOUT);
            assigned.forEach(p -> consumer.seek(p, Math.max(starts.get(p), ends.get(p) - WINDOW)));
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!caughtUp(consumer, ends) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, Trade> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && wanted.contains(record.key())) {
                        Long position = rules.get(record.key()).position(record.value());
                        if (position != null) {
                            last.merge(record.key(), position, Math::max);
                        }
                    }
                }
            }
        } catch (KafkaException e) {
            LOG.warn("could not read the last trades from {}: trade gaps across this restart go unseen: {}", topic,
                    e.toString());
        }
        LOG.info("last trade positions on {}: {}", topic, last);
        return last;
    }

    /** The partition the producer's default partitioner puts {@code key} in. */
    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static boolean caughtUp(KafkaConsumer<String, Trade> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
