package io.exchangebus.oms;

import io.exchangebus.avro.serde.MalformedPayloadException;
import io.exchangebus.events.OrderCommand;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Every command record read and not yet committed, per partition in offset order, each with its outcome once it is
 * handled. The committer {@link #take}s, from each partition, the run of handled records at its oldest end: their
 * acks and offsets go into one transaction, so an offset is never committed ahead of an earlier command's ack, and a
 * command handled early (its account was free) waits only for the earlier commands of its partition still in flight
 * at the exchange, not for a whole batch.
 *
 * <p>A failure stops the taking ({@link #halted}) until the processing loop has rewound: the records still here are
 * read again from the oldest, those that were handed out for sending as uncertain. Thread-safe; the committer waits
 * here for work, woken by every outcome and by {@link #wake}.
 */
final class CommandLedger {
    /** One command record: what was read, and once handled, what its outcome is. */
    static final class Entry {
        final ConsumerRecord<byte[], byte[]> record;
        /** The decoded command; null when the record could not be decoded ({@link #problem} says why). */
        final OrderCommand command;
        final String problemType;
        final String problem;
        private Outcome outcome;

        Entry(ConsumerRecord<byte[], byte[]> record, OrderCommand command, String problemType, String problem) {
            this.record = record;
            this.command = command;
            this.problemType = problemType;
            this.problem = problem;
        }

        /** The record's entry: its command, or why it holds none (empty, not an OrderCommand, undecodable). */
        static Entry decoded(ConsumerRecord<byte[], byte[]> record, Deserializer<Object> decoder) {
            if (record.value() == null) {
                return new Entry(record, null, "EMPTY_COMMAND", "the record has no value");
            }
            try {
                Object value = decoder.deserialize(record.topic(), record.value());
                if (value instanceof OrderCommand command) {
                    return new Entry(record, command, null, null);
                }
                return new Entry(record, null, "NOT_A_COMMAND", "the record holds a "
                        + (value == null ? "null" : value.getClass().getSimpleName()) + ", not an OrderCommand");
            } catch (MalformedPayloadException e) {
                return new Entry(record, null, e.problem().name(), e.getMessage());
            }
        }

        synchronized Outcome outcome() {
            return outcome;
        }

        String position() {
            return record.topic() + "-" + record.partition() + "@" + record.offset();
        }
    }

    /** What became of a command record. */
    sealed interface Outcome {
        /** Its ack and the updates its handling found. */
        record Acked(CommandHandler.Handled handled) implements Outcome {
        }

        /** Undecodable: a dead letter. */
        record Undecodable() implements Outcome {
        }

        /** Read again after its offsets' commit was lost: acked before, only its offset is committed. */
        record AckedBefore() implements Outcome {
        }

        /** Could not be handled: the loop rewinds and reads it again ({@link RetryLaterException}), or stops. */
        record Failed(RuntimeException error) implements Outcome {
        }
    }

    /** What the committer took: entries in offset order per partition, the offsets after them, a failure met. */
    record Taken(List<Entry> entries, Map<TopicPartition, OffsetAndMetadata> offsets, RuntimeException failure) {
        boolean isEmpty() {
            return entries.isEmpty() && failure == null;
        }
    }

    private final Map<TopicPartition, ArrayDeque<Entry>> open = new LinkedHashMap<>();
    private final Map<TopicPartition, Long> handedOut = new HashMap<>();
    private boolean committing;
    private boolean halted;
    private RuntimeException haltCause;
    private int woken;

    /** A record read; entries of a partition come in offset order. */
    synchronized void add(Entry entry) {
        open.computeIfAbsent(tp(entry.record), k -> new ArrayDeque<>()).addLast(entry);
    }

    /** {@code entry}'s command is being handed to the exchange: from here on it may have been sent. */
    synchronized void handedOut(Entry entry) {
        handedOut.merge(tp(entry.record), entry.record.offset(), Math::max);
    }

    /** Records {@code entry}'s outcome and wakes the committer. */
    void complete(Entry entry, Outcome outcome) {
        synchronized (entry) {
            entry.outcome = outcome;
        }
        wake();
    }

    /** Wakes a waiting committer: something else (an exchange's order update) is waiting to be written. */
    synchronized void wake() {
        woken++;
        notifyAll();
    }

    /**
     * Takes the handled run at the oldest end of each partition, waiting up to {@code waitMillis} for one (or for
     * {@link #wake}). Stops at a failure, which it returns and which halts the ledger. Empty while halted.
     */
    synchronized Taken take(long waitMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        int seen = woken;
        while (true) {
            if (!halted) {
                Taken taken = takeNow();
                if (!taken.isEmpty() || woken != seen) {
                    committing = !taken.entries().isEmpty();
                    return taken;
                }
            }
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return new Taken(List.of(), Map.of(), null);
            }
            wait(left);
        }
    }

    private Taken takeNow() {
        List<Entry> entries = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        RuntimeException failure = null;
        for (Map.Entry<TopicPartition, ArrayDeque<Entry>> partition : open.entrySet()) {
            ArrayDeque<Entry> queue = partition.getValue();
            Entry head;
            while ((head = queue.peekFirst()) != null) {
                Outcome outcome = head.outcome();
                if (outcome == null) {
                    break;
                }
                if (outcome instanceof Outcome.Failed failed) {
                    failure = failure == null ? failed.error() : failure;
                    break;
                }
                entries.add(queue.pollFirst());
                offsets.put(partition.getKey(), new OffsetAndMetadata(head.record.offset() + 1));
            }
        }
        if (failure != null) {
            halt(failure);
        }
        return new Taken(entries, offsets, failure);
    }

    /** The taken entries are committed. */
    synchronized void committed() {
        committing = false;
        notifyAll();
    }

    /** The taken entries' transaction aborted: they are put back, oldest first, and the ledger halts. */
    synchronized void putBack(Taken taken, RuntimeException cause) {
        List<Entry> entries = taken.entries();
        for (int i = entries.size() - 1; i >= 0; i--) {
            open.computeIfAbsent(tp(entries.get(i).record), k -> new ArrayDeque<>()).addFirst(entries.get(i));
        }
        committing = false;
        halt(cause);
    }

    /** Stops the taking until {@link #rewound}; the first cause is kept. */
    synchronized void halt(RuntimeException cause) {
        if (!halted) {
            halted = true;
            haltCause = cause;
        }
        notifyAll();
    }

    /** Why the ledger is halted, if it is. */
    synchronized RuntimeException halted() {
        return halted ? haltCause : null;
    }

    /** Waits until the committer is not inside a transaction of taken entries. */
    synchronized void awaitNotCommitting() throws InterruptedException {
        while (committing) {
            wait();
        }
    }

    /** Whether nothing read is uncommitted. */
    synchronized boolean isEmpty() {
        return open.values().stream().allMatch(ArrayDeque::isEmpty);
    }

    /**
     * Where each partition must be read again from (its oldest uncommitted record) and the offset below which its
     * records may have been sent; forgets them all and takes again. Call with nothing in flight.
     */
    synchronized Map<TopicPartition, long[]> rewound() {
        Map<TopicPartition, long[]> from = new LinkedHashMap<>();
        open.forEach((tp, queue) -> {
            if (!queue.isEmpty()) {
                long sent = handedOut.getOrDefault(tp, -1L);
                from.put(tp, new long[] {queue.peekFirst().record.offset(), sent + 1});
            }
        });
        open.clear();
        handedOut.clear();
        halted = false;
        haltCause = null;
        return from;
    }

    /** Forgets the records of {@code partitions} (no longer ours; call once they are committed or lost). */
    synchronized void forget(Set<TopicPartition> partitions) {
        partitions.forEach(tp -> {
            open.remove(tp);
            handedOut.remove(tp);
        });
    }

    private static TopicPartition tp(ConsumerRecord<?, ?> record) {
        return new TopicPartition(record.topic(), record.partition());
    }
}
