package io.exchangebus.oms;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frees command partitions whose committed offsets the broker keeps reporting unstable. A read_committed consumer
 * waits, as KIP-447 says, while a transaction holding offsets of its group is open; the broker ends such a
 * transaction within its timeout. But after a broker was killed in the middle of our offset commits, Kafka 4.3.1's
 * group coordinator was seen answering {@code UNSTABLE_OFFSET_COMMIT} for a partition indefinitely, with no
 * transaction open at the transaction coordinator: the OMS took no command for minutes (found by
 * {@code benchmarks/run-oms-chaos}). So: when assigned partitions have no position after {@code quickWait} and no
 * OMS transaction is open, or after {@code slowWait} (longer than the transaction timeout) in any case, they are
 * sought to the group's last committed offsets as the admin client reads them; what an earlier process may have sent
 * after those offsets is settled at the exchange as usual ({@link SendIntents}), and our next commit writes the
 * markers that clear the broker's stale state.
 */
final class StuckOffsets {
    private static final Logger LOG = LoggerFactory.getLogger(StuckOffsets.class);
    private static final long CHECK_EVERY_NANOS = Duration.ofSeconds(1).toNanos();

    /** The group's state at the brokers, as the admin client sees it. */
    interface Group {
        /** The group's committed offsets of {@code partitions}, without waiting for stability. */
        Map<TopicPartition, Long> committed(Set<TopicPartition> partitions);

        /** Whether a transaction of an OMS instance is open at its coordinator. */
        boolean transactionOpen();
    }

    private final Group group;
    private final Duration quickWait;
    private final Duration slowWait;
    private long assignedAt = -1;
    private long lastCheck;

    StuckOffsets(Group group, Duration quickWait, Duration slowWait) {
        this.group = group;
        this.quickWait = quickWait;
        this.slowWait = slowWait;
    }

    /** Partitions were assigned: their positions are to come. */
    void assigned() {
        assignedAt = System.nanoTime();
    }

    /**
     * After a poll: once the waits have passed, seeks the assigned partitions that still have no position.
     *
     * @return the partitions sought (empty almost always)
     */
    Set<TopicPartition> check(Consumer<?, ?> consumer) {
        long now = System.nanoTime();
        if (assignedAt < 0 || now - assignedAt < quickWait.toNanos() || now - lastCheck < CHECK_EVERY_NANOS) {
            return Set.of();
        }
        lastCheck = now;
        Set<TopicPartition> unknown = consumer.assignment().stream().filter(tp -> !hasPosition(consumer, tp))
                .collect(Collectors.toSet());
        if (unknown.isEmpty()) {
            assignedAt = -1;
            return Set.of();
        }
        if (now - assignedAt < slowWait.toNanos() && group.transactionOpen()) {
            return Set.of(); // a real open transaction: the broker ends it within its timeout
        }
        Map<TopicPartition, Long> committed = group.committed(unknown);
        for (TopicPartition tp : unknown) {
            Long offset = committed.get(tp);
            if (offset != null) {
                consumer.seek(tp, offset);
            } else {
                consumer.seekToBeginning(List.of(tp));
            }
        }
        LOG.warn("the brokers still report unstable offsets for {} {} s after assignment with no OMS transaction "
                + "open; reading from the last committed offsets {} instead", unknown,
                (now - assignedAt) / 1_000_000_000, committed);
        assignedAt = -1;
        return unknown;
    }

    private static boolean hasPosition(Consumer<?, ?> consumer, TopicPartition tp) {
        try {
            consumer.position(tp, Duration.ZERO);
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }
}
