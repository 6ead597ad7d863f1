package io.exchangebus.oms;

import io.exchangebus.events.BookUpdate;
import io.exchangebus.service.ops.ServiceMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the book topic into {@link TopOfBook} on a thread of its own, from the beginning of every partition (a
 * snapshot replaces a book, so reading from the start is what makes the current book right whatever the topic
 * holds; keep the topic's retention short). It commits nothing and belongs to no group's assignment. A record that
 * cannot be read is skipped and counted ({@code exbus.errors{type=book-undecodable}}).
 */
public final class BookReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BookReader.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Consumer<String, BookUpdate> consumer;
    private final String topic;
    private final TopOfBook books;
    private final ServiceMetrics metrics;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;

    public BookReader(Consumer<String, BookUpdate> consumer, String topic, TopOfBook books, ServiceMetrics metrics) {
        this.consumer = consumer;
        this.topic = topic;
        this.books = books;
        this.metrics = metrics;
        this.thread = new Thread(this::run, "oms-book-reader");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Waits until the reader has read what the topic held when it started; whether it did in time. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            if (partitions.isEmpty()) {
                LOG.warn("book topic {} has no partitions; no book is known", topic);
            }
            while (running) {
                if (caughtUp.getCount() > 0 && ends.entrySet().stream()
                        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp.countDown();
                    LOG.info("books caught up with {}", topic);
                }
                poll();
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            metrics.errors("book-reader").increment();
            LOG.error("the book reader of {} stopped: {}", topic, e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void poll() {
        try {
            for (ConsumerRecord<String, BookUpdate> record : consumer.poll(POLL)) {
                if (record.value() != null) {
                    books.apply(record.value());
                }
            }
        } catch (RecordDeserializationException e) {
            metrics.errors("book-undecodable").increment();
            consumer.seek(e.topicPartition(), e.offset() + 1);
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
