package io.exchangebus.avro.topics;

/** Kafka's {@code cleanup.policy} of a topic. */
public enum CleanupPolicy {
    /** Events kept for a retention period: a history to replay. */
    DELETE("delete"),
    /** The latest value per key kept: current state to load. */
    COMPACT("compact");

    private final String kafkaValue;

    CleanupPolicy(String kafkaValue) {
        this.kafkaValue = kafkaValue;
    }

    /** The value of Kafka's {@code cleanup.policy} topic setting. */
    public String kafkaValue() {
        return kafkaValue;
    }
}
