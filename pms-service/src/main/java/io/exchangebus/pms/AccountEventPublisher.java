package io.exchangebus.pms;

import io.exchangebus.service.ops.ServiceMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends account events to Kafka with the service's one idempotent producer ({@code acks=all}) and counts them:
 * messages out per topic once the broker has them, end-to-end latency from the exchange's event time to that
 * moment, and send failures as errors of type {@code publish}. Never throws into the connector's thread.
 * Thread-safe, as the producer is.
 */
final class AccountEventPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(AccountEventPublisher.class);

    private final Producer<String, SpecificRecord> producer;
    private final ServiceMetrics metrics;
    private final Clock clock;

    AccountEventPublisher(Producer<String, SpecificRecord> producer, ServiceMetrics metrics, Clock clock) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Sends {@code event} to {@code topic} under {@code key}.
     *
     * @param exchangeTime when the exchange says the event happened, or null when it does not say
     */
    void publish(String topic, String key, SpecificRecord event, Instant exchangeTime) {
        try {
            producer.send(new ProducerRecord<>(topic, key, event), (metadata, failure) -> {
                if (failure != null) {
                    failed(topic, key, failure);
                    return;
                }
                metrics.messagesOut(topic).increment();
                if (exchangeTime != null) {
                    Duration latency = Duration.between(exchangeTime, clock.instant());
                    if (!latency.isNegative()) {
                        metrics.endToEndLatency(topic).record(latency);
                    }
                }
            });
        } catch (RuntimeException e) {
            failed(topic, key, e);
        }
    }

    /** Waits until everything sent is written (or failed). */
    void flush() {
        producer.flush();
    }

    /** Writes what is pending within {@code timeout} and closes the producer. */
    void close(Duration timeout) {
        producer.close(timeout);
    }

    private void failed(String topic, String key, Exception failure) {
        metrics.errors("publish").increment();
        LOG.error("could not publish to {} under {}: {}", topic, key, failure.toString());
    }
}
