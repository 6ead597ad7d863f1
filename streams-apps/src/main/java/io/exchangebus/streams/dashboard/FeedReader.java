package io.exchangebus.streams.dashboard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's Kafka reader, on a thread of its own. It assigns itself every partition of the topics read (no
 * consumer group: every instance shows everything, and nothing is committed):
 * <ul>
 *   <li>a state topic (compacted) from its beginning, so that every key's latest value is known;</li>
 *   <li>an event topic from {@code recent} records before its end, so that the last events show without replaying
 *       history.</li>
 * </ul>
 * Topics that do not exist yet, and partitions added later, are looked for again from time to time. Values are
 * decoded here (not by the consumer) so that a record that cannot be decoded, or is not of its topic's event type,
 * is counted and skipped without stopping the rest.
 */
final class FeedReader implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(FeedReader.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(5);
    /** Until every topic is found; then only to see partitions added. */
    private static final Duration LOOK_AGAIN_WHILE_MISSING = Duration.ofSeconds(5);
    private static final Duration LOOK_AGAIN = Duration.ofMinutes(1);

    private final Consumer<String, byte[]> consumer;
    private final Deserializer<Object> values;
    private final DashboardTopics topics;
    private final DashboardState state;
    private final DashboardMetrics metrics;
    private final Set<TopicPartition> assigned = new HashSet<>();
    private volatile boolean closed;
    private long nextLookupNanos = System.nanoTime();

    FeedReader(Consumer<String, byte[]> consumer, Deserializer<Object> values, DashboardTopics topics,
               DashboardState state, DashboardMetrics metrics) {
        this.consumer = consumer;
        this.values = values;
        this.topics = topics;
        this.state = state;
        this.metrics = metrics;
    }

    @Override
    public void run() {
        try {
            while (!closed) {
                try {
                    readOnce();
                } catch (WakeupException | InterruptException e) {
                    // close() woke us up; the loop ends.
                    break;
                } catch (RuntimeException e) {
                    // The broker out of reach or a bug: the dashboard is only a viewer, so it waits and tries again.
                    LOG.warn("dashboard feed could not read; trying again in a second: {}", e.toString());
                    pause(Duration.ofSeconds(1));
                }
            }
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    /** Stops the loop; the reading thread closes the consumer. */
    void close() {
        closed = true;
        consumer.wakeup();
    }

    /** Closes the consumer of a reader whose thread never ran. */
    void closeUnstarted() {
        consumer.close(CloseOptions.timeout(Duration.ZERO));
    }

    private void readOnce() {
        if (System.nanoTime() - nextLookupNanos >= 0) {
            boolean allFound = lookForPartitions();
            nextLookupNanos = System.nanoTime() + (allFound ? LOOK_AGAIN : LOOK_AGAIN_WHILE_MISSING).toNanos();
        }
        if (assigned.isEmpty()) {
            pause(POLL);
            return;
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
            take(record);
        }
    }

    /** Assigns partitions not assigned yet and seeks them; whether every topic was found. */
    private boolean lookForPartitions() {
        List<TopicPartition> found = new ArrayList<>();
        boolean allFound = true;
        for (String topic : topics.kindByTopic().keySet()) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, LOOKUP_TIMEOUT);
            if (partitions == null || partitions.isEmpty()) {
                allFound = false;
                continue;
            }
            partitions.forEach(p -> found.add(new TopicPartition(p.topic(), p.partition())));
        }
        List<TopicPartition> added = found.stream().filter(tp -> !assigned.contains(tp)).toList();
        if (added.isEmpty()) {
            return allFound;
        }
        assigned.addAll(added);
        // Partitions assigned before keep their positions.
        consumer.assign(List.copyOf(assigned));
        List<TopicPartition> stateParts = added.stream().filter(tp -> topics.kindOf(tp.topic()).isState()).toList();
        List<TopicPartition> eventParts = added.stream().filter(tp -> !topics.kindOf(tp.topic()).isState()).toList();
        consumer.seekToBeginning(stateParts);
        if (!eventParts.isEmpty()) {
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(eventParts, LOOKUP_TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(eventParts, LOOKUP_TIMEOUT);
            for (TopicPartition tp : eventParts) {
                consumer.seek(tp, Math.max(begin.get(tp), end.get(tp) - state.recent()));
            }
        }
        LOG.info("dashboard feed reads {} more partitions ({} in all)", added.size(), assigned.size());
        return allFound;
    }

    /** Decodes one record into the state, or counts and skips it. */
    void take(ConsumerRecord<String, byte[]> record) {
        FeedKind kind = topics.kindOf(record.topic());
        if (kind == null) {
            return;
        }
        String key = record.key() == null ? "" : record.key();
        if (record.value() == null) {
            state.applyRecord(kind, key, null); // a tombstone: the state is deleted
            return;
        }
        Object value;
        try {
            value = values.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            skip(record, e.getMessage());
            return;
        }
        if (!kind.valueType().isInstance(value)) {
            skip(record, "not a " + kind.valueType().getSimpleName() + " but "
                    + (value == null ? "null" : value.getClass().getName()));
            return;
        }
        state.applyRecord(kind, key, (IndexedRecord) value); // made JSON when sent, if ever
    }

    private void skip(ConsumerRecord<String, byte[]> record, String why) {
        metrics.skipped(record.topic());
        LOG.debug("dashboard skips {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), why);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
