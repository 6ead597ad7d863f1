package io.exchangebus.ingest;

import io.exchangebus.avro.topics.Topics;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.RawFrame;
import io.exchangebus.events.Ticker;
import io.exchangebus.events.Trade;
import io.exchangebus.service.kafka.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes market events to their catalogue topics, keyed {@code exchange:symbol}, with one idempotent producer
 * ({@code acks=all}, from {@code KafkaClients}): a broker that goes away is waited for (the producer retries up to
 * its {@code delivery.timeout.ms}) without duplicates or reordering within a key.
 *
 * <p>{@code publish} does not wait for the broker. An event that cannot be serialized goes to the dead-letter topic;
 * a record the broker never took (after the producer's own retries) is logged and counted as
 * {@code publish-failed}, and makes {@link #healthy()} false until a later record is written. Thread-safe.
 */
final class MarketPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MarketPublisher.class);

    private final Producer<String, SpecificRecord> producer;
    private final DeadLetters deadLetters;
    private final IngestMetrics metrics;
    private final Clock clock;
    private volatile boolean healthy = true;

    MarketPublisher(Producer<String, SpecificRecord> producer, DeadLetters deadLetters, IngestMetrics metrics,
                    Clock clock) {
        this.producer = producer;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.clock = clock;
    }

    void book(String key, BookUpdate update) {
        send(Topics.MARKET_BOOK.name(), update.getExchange(), key, update, update.getExchangeTime());
    }

    void trade(String key, Trade trade) {
        send(Topics.MARKET_TRADES.name(), trade.getExchange(), key, trade, trade.getExchangeTime());
    }

    void ticker(String key, Ticker ticker) {
        send(Topics.MARKET_TICKERS.name(), ticker.getExchange(), key, ticker, ticker.getExchangeTime());
    }

    void raw(String key, RawFrame frame) {
        send(Topics.MARKET_RAW.name(), frame.getExchange(), key, frame, null);
    }

    /** Whether the last record the broker answered for was written. */
    boolean healthy() {
        return healthy;
    }

    /** Waits until every record sent so far is written or failed. */
    void flush() {
        producer.flush();
    }

    private void send(String topic, String exchange, String key, SpecificRecord value, Instant exchangeTime) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value), (metadata, failure) -> {
                if (failure == null) {
                    healthy = true;
                    metrics.published(topic, exchangeTime, clock.instant());
                } else {
                    healthy = false;
                    metrics.error("publish-failed");
                    LOG.error("could not write to {} (key {}): {}", topic, key, failure.toString());
                }
            });
        } catch (SerializationException e) {
            metrics.error("serialization-failed");
            deadLetters.frameFailed(exchange, key.getBytes(StandardCharsets.UTF_8),
                    value.toString().getBytes(StandardCharsets.UTF_8), "SERIALIZATION_FAILED", e.getMessage());
        } catch (KafkaException | IllegalStateException e) {
            healthy = false;
            metrics.error("publish-failed");
            LOG.error("could not send to {} (key {}): {}", topic, key, e.toString());
        }
    }

    /** Writes what is in flight, within {@code timeout}, and closes the producer. */
    void close(Duration timeout) {
        producer.close(timeout);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
