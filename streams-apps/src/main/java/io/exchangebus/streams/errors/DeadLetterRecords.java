package io.exchangebus.streams.errors;

import io.exchangebus.avro.serde.AvroSerializer;
import io.exchangebus.events.DeadLetter;
import io.exchangebus.service.ops.ServiceMetrics;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead letters of a Streams application, as records that Kafka Streams itself writes with its own producer
 * (KIP-1034): under exactly-once they are in the same transaction as the input offset they stand for, so a record
 * is either processed or dead-lettered, never both and never lost. Configured from the application's properties
 * (see {@link StreamsDeadLetters#configure}).
 */
final class DeadLetterRecords {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRecords.class);

    private final String topic;
    private final String service;
    private final ServiceMetrics metrics;
    private final AvroSerializer<DeadLetter> serializer = new AvroSerializer<>();
    private final Clock clock = Clock.systemUTC();

    DeadLetterRecords(Map<String, ?> configs) {
        this.topic = Objects.requireNonNull((String) configs.get(StreamsDeadLetters.TOPIC), StreamsDeadLetters.TOPIC);
        this.service = Objects.requireNonNull((String) configs.get(StreamsDeadLetters.SERVICE), StreamsDeadLetters.SERVICE);
        this.metrics = (ServiceMetrics) configs.get(StreamsDeadLetters.METRICS);
        serializer.configure(configs, false);
    }

    /** The dead letter of the input record {@code context} is at, as a record for Streams to write. */
    List<ProducerRecord<byte[], byte[]>> of(ErrorHandlerContext context, String errorType, Exception failure) {
        String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        DeadLetter letter = DeadLetter.newBuilder()
                .setService(service)
                .setSourceTopic(context.topic())
                .setSourcePartition(context.partition())
                .setSourceOffset(context.offset())
                .setKey(context.sourceRawKey() == null ? null : ByteBuffer.wrap(context.sourceRawKey()))
                .setPayload(ByteBuffer.wrap(context.sourceRawValue() == null ? new byte[0]
                        : context.sourceRawValue()))
                .setErrorType(errorType)
                .setReason(reason)
                .setFailedAt(clock.instant().truncatedTo(ChronoUnit.MICROS))
                .build();
        // Where and why, never the payload: it may hold anything.
        LOG.warn("dead-lettering {}-{}@{} ({}) at {}: {}", context.topic(), context.partition(), context.offset(),
                errorType, context.processorNodeId(), reason);
        if (metrics != null) {
            metrics.deadLetters(topic, errorType).increment();
        }
        return List.of(new ProducerRecord<>(topic, context.sourceRawKey(), serializer.serialize(topic, letter)));
    }
}
