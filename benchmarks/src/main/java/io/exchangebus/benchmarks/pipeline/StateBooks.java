package io.exchangebus.benchmarks.pipeline;

import io.exchangebus.events.BookUpdate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The materialised views on {@code state.books.v1}, as a reader of the compacted topic keeps them: the latest record
 * per key, with when it was read. Fed by a {@link TopicTail}'s thread; read from the driver's thread.
 */
final class StateBooks {
    /** The latest view of a key and {@link System#nanoTime()} when it was read. */
    record View(BookUpdate update, long readNanos) {
    }

    private final Map<String, View> latest = new ConcurrentHashMap<>();
    private final AtomicLong records = new AtomicLong();

    void accept(ConsumerRecord<String, BookUpdate> record) {
        if (record.value() == null) {
            latest.remove(record.key()); // a tombstone: the key has no view any more
        } else {
            latest.put(record.key(), new View(record.value(), System.nanoTime()));
        }
        records.incrementAndGet();
    }

    /** The latest view of {@code key}, or null before its first. */
    View latest(String key) {
        return latest.get(key);
    }

    /** The sequence of {@code key}'s latest view, or -1 before its first. */
    long lastSequence(String key) {
        View view = latest.get(key);
        return view == null ? -1 : view.update().getSequence();
    }

    /** Records read so far, every key. */
    long records() {
        return records.get();
    }
}
