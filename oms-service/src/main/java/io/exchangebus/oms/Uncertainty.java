package io.exchangebus.oms;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which commands an OMS process may already have sent without their acks being committed, per partition: those
 * below a mark. On assignment the mark is the last offset an earlier process recorded it might send
 * ({@link SendIntents}), or the partition's end when nothing was recorded (a new group, or one an older version
 * ran); a rewind moves it past the last command handed out.
 */
final class Uncertainty {
    private static final Logger LOG = LoggerFactory.getLogger(Uncertainty.class);

    private final Map<TopicPartition, Long> below = new ConcurrentHashMap<>();

    /** Whether {@code record}'s command may have been sent already. */
    boolean of(ConsumerRecord<?, ?> record) {
        return record.offset() < below.getOrDefault(new TopicPartition(record.topic(), record.partition()), -1L);
    }

    /** Every command of {@code partition} below {@code offset} may have been sent (it was handed out, then rewound). */
    void sentBelow(TopicPartition partition, long offset) {
        below.merge(partition, offset, Math::max);
    }

    /** Sets the marks of newly assigned {@code partitions} from what earlier processes recorded. */
    void assigned(Collection<TopicPartition> partitions, SendIntents intents, Consumer<?, ?> consumer) {
        Map<TopicPartition, Long> recorded = recorded(partitions, intents);
        List<TopicPartition> unrecorded = partitions.stream().filter(tp -> !recorded.containsKey(tp)).toList();
        Map<TopicPartition, Long> marks = new HashMap<>(unrecorded.isEmpty() ? Map.of()
                : consumer.endOffsets(unrecorded));
        recorded.forEach((tp, last) -> marks.put(tp, last + 1));
        marks.forEach((tp, mark) -> below.merge(tp, mark, Math::max));
        LOG.info("commands assigned: {} (uncertain below {}; {} from recorded intents)", partitions, marks,
                recorded.keySet());
    }

    private static Map<TopicPartition, Long> recorded(Collection<TopicPartition> partitions, SendIntents intents) {
        try {
            return intents.read(partitions);
        } catch (RuntimeException e) {
            LOG.warn("what earlier processes may have sent could not be read ({}); every command of {} up to the "
                    + "partitions' ends is settled at the exchange first", e.toString(), partitions);
            return Map.of();
        }
    }
}
