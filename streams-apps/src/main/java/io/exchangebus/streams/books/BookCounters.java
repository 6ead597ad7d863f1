package io.exchangebus.streams.books;

import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.api.ProcessingContext;

/**
 * Counters of the book builder, in Kafka Streams' own metrics (group {@code stream-exbus-books-metrics}, tag
 * {@code exbus-books-id} = the task): {@code delta-without-book-total} (deltas before any snapshot or on a stale book,
 * ignored), {@code duplicate-delta-total} (old deltas dropped) and {@code sequence-gap-total} (books gone stale), each
 * with its {@code -rate}. One set per task; removed when the task's processor closes.
 */
final class BookCounters {
    static final String SCOPE = "exbus-books";

    private final StreamsMetrics metrics;
    private final Sensor deltasWithoutBook;
    private final Sensor duplicateDeltas;
    private final Sensor gaps;

    BookCounters(ProcessingContext context) {
        metrics = context.metrics();
        String task = context.taskId().toString();
        deltasWithoutBook = metrics.addRateTotalSensor(SCOPE, task, "delta-without-book", Sensor.RecordingLevel.INFO);
        duplicateDeltas = metrics.addRateTotalSensor(SCOPE, task, "duplicate-delta", Sensor.RecordingLevel.INFO);
        gaps = metrics.addRateTotalSensor(SCOPE, task, "sequence-gap", Sensor.RecordingLevel.INFO);
    }

    void deltaWithoutBook() {
        deltasWithoutBook.record();
    }

    void duplicateDelta() {
        duplicateDeltas.record();
    }

    void gap() {
        gaps.record();
    }

    void remove() {
        metrics.removeSensor(deltasWithoutBook);
        metrics.removeSensor(duplicateDeltas);
        metrics.removeSensor(gaps);
    }
}
