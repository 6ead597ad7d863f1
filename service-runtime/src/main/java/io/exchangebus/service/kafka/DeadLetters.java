package io.exchangebus.service.kafka;

import io.exchangebus.avro.topics.Topics;
import io.exchangebus.events.DeadLetter;
import io.exchangebus.service.ops.ServiceMetrics;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what a service could not process to its dead-letter topic ({@code <service>.dlq.v1}, see
 * {@link Topics#deadLetter}) as a {@link DeadLetter}: the raw bytes as received, where they came from and why
 * they failed, keyed as the failed record was.
 *
 * <p>Never throws into the caller: if even the dead letter cannot be written, the failure is logged (without
 * the payload or the reason, which may hold what the payload held) and counted in
 * {@link ServiceMetrics#deadLetterFailures}. Written letters are counted in {@link ServiceMetrics#deadLetters}.
 * {@code publish} does not wait for the broker; it may block while the producer's buffer is full or its metadata
 * unknown, up to the producer's {@code max.block.ms}. Thread-safe.
 */
public final class DeadLetters implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final String service;
    private final String topic;
    private final Producer<byte[], DeadLetter> producer;
    private final ServiceMetrics metrics;
    private final Clock clock;

    /**
     * @param service the service that gives up on records
     * @param topic the dead-letter topic
     * @param producer the producer to write with, closed by {@link #close()}
     */
    public DeadLetters(String service, String topic, Producer<byte[], DeadLetter> producer, ServiceMetrics metrics,
                       Clock clock) {
        this.service = Objects.requireNonNull(service, "service");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Dead letters of the configured service to its catalogue topic, with a producer of their own. */
    public static DeadLetters open(KafkaClients clients, ServiceMetrics metrics) {
        String topic = Topics.deadLetter(clients.serviceName()).name();
        return new DeadLetters(clients.serviceName(), topic,
                clients.producer(new ByteArraySerializer(), clients.<DeadLetter>valueSerializer()), metrics,
                Clock.systemUTC());
    }

    /** The dead-letter topic written to. */
    public String topic() {
        return topic;
    }

    /** A consumed record that could not be processed (undecodable, unmappable). */
    public void recordFailed(ConsumerRecord<byte[], byte[]> record, String errorType, String reason) {
        publish(base(record.key(), record.value(), errorType, reason)
                .setSourceTopic(record.topic())
                .setSourcePartition(record.partition())
                .setSourceOffset(record.offset())
                .build());
    }

    /** A raw exchange frame that could not be mapped, keyed as its events would have been. */
    public void frameFailed(String exchange, byte[] key, byte[] frame, String errorType, String reason) {
        publish(base(key, frame, errorType, reason).setExchange(exchange).build());
    }

    /** Writes {@code letter}; never throws. */
    public void publish(DeadLetter letter) {
        byte[] key = letter.getKey() == null ? null : bytes(letter.getKey());
        try {
            producer.send(new ProducerRecord<>(topic, key, letter), (metadata, failure) -> {
                if (failure == null) {
                    metrics.deadLetters(topic, letter.getErrorType()).increment();
                } else {
                    failed(letter, failure);
                }
            });
        } catch (RuntimeException e) {
            failed(letter, e);
        }
    }

    /** Waits until what was published is written (or failed). Never throws. */
    public void flush() {
        try {
            producer.flush();
        } catch (RuntimeException e) {
            LOG.warn("flushing dead letters to {} failed: {}", topic, e.toString());
        }
    }

    /** Writes what is pending, within {@code timeout}, and closes the producer. */
    public void close(Duration timeout) {
        try {
            producer.close(timeout);
        } catch (RuntimeException e) {
            LOG.warn("closing the dead-letter producer of {} failed: {}", topic, e.toString());
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    private DeadLetter.Builder base(byte[] key, byte[] payload, String errorType, String reason) {
        return DeadLetter.newBuilder()
                .setService(service)
                .setKey(key == null ? null : ByteBuffer.wrap(key))
                .setPayload(ByteBuffer.wrap(payload == null ? new byte[0] : payload))
                .setErrorType(errorType)
                .setReason(reason)
                .setFailedAt(clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    private void failed(DeadLetter letter, Exception failure) {
        metrics.deadLetterFailures(topic).increment();
        // Where it came from and why writing failed; not the payload, key or reason, which may carry secrets.
        LOG.error("could not write a dead letter to {} (error type {}, from {}, {} payload bytes): {}", topic,
                letter.getErrorType(), source(letter), letter.getPayload().remaining(),
                failure.getClass().getName() + ": " + failure.getMessage());
    }

    private static String source(DeadLetter letter) {
        if (letter.getSourceTopic() != null) {
            return letter.getSourceTopic() + "-" + letter.getSourcePartition() + "@" + letter.getSourceOffset();
        }
        return letter.getExchange() == null ? "unknown source" : "exchange " + letter.getExchange();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
