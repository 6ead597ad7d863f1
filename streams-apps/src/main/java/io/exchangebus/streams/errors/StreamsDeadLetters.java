package io.exchangebus.streams.errors;

import io.exchangebus.avro.topics.Topics;
import io.exchangebus.service.ops.ServiceMetrics;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Dead letters of a Streams application: undecodable records and records a processor refuses go to
 * {@code <service>.dlq.v1} as {@code DeadLetter}s, written by Streams in the same transaction as the input's offset,
 * and processing goes on.
 */
public final class StreamsDeadLetters {
    static final String TOPIC = "exbus.dead-letters.topic";
    static final String SERVICE = "exbus.dead-letters.service";
    static final String METRICS = "exbus.dead-letters.metrics";

    private StreamsDeadLetters() {
    }

    /**
     * Sets the two error handlers in {@code props} and what they need; {@code props} must hold the serde settings
     * (the registry's URL) already. {@code metrics} counts the dead letters ({@code exbus_dead_letters_total}).
     */
    public static void configure(Properties props, String service, ServiceMetrics metrics) {
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterOnDeserializationError.class.getName());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterOnProcessingError.class.getName());
        // No global stores today; set so that one added later is covered too (Kafka 5.0's default).
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        props.put(TOPIC, Topics.deadLetter(service).name());
        props.put(SERVICE, service);
        props.put(METRICS, metrics);
    }
}
