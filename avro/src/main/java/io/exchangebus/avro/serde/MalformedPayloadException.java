package io.exchangebus.avro.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record value that is not a well-formed Confluent-framed Avro payload for this consumer. It is the payload's
 * fault, not a transient one: route it to a dead-letter topic (the raw bytes are here) and move on. A consumer
 * gets it as the cause of Kafka's {@code RecordDeserializationException}, which names the partition and offset
 * to seek past.
 */
public final class MalformedPayloadException extends SerializationException {
    private static final long serialVersionUID = 1L;

    /** What is wrong with the payload. */
    public enum Problem {
        /** The first byte is not the Confluent magic byte 0. */
        WRONG_MAGIC_BYTE,
        /** Fewer bytes than the 5-byte header, or the Avro body ends early. */
        TRUNCATED,
        /** The schema id is not known to the registry. */
        UNKNOWN_SCHEMA_ID,
        /** The writer's schema cannot be read as this consumer's schema of the same record. */
        INCOMPATIBLE_SCHEMA,
        /** The Avro body does not decode with the writer's schema (corrupt bytes). */
        UNDECODABLE
    }

    private final Problem problem;
    private final String topic;
    private final int schemaId;
    private final byte[] payload;

    MalformedPayloadException(Problem problem, String topic, int schemaId, byte[] payload, String detail,
                              Throwable cause) {
        super("Malformed payload on topic '" + topic + "': " + problem
                + (schemaId >= 0 ? " (schema id " + schemaId + ")" : "") + ", " + payload.length + " bytes: " + detail,
                cause);
        this.problem = problem;
        this.topic = topic;
        this.schemaId = schemaId;
        this.payload = payload;
    }

    public Problem problem() {
        return problem;
    }

    public String topic() {
        return topic;
    }

    /** The schema id from the header, or -1 when the header could not be read. */
    public int schemaId() {
        return schemaId;
    }

    /** The payload exactly as received (not a copy: do not change it). */
    public byte[] payload() {
        return payload;
    }
}
