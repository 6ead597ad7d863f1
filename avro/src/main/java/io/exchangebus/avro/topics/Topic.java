package io.exchangebus.avro.topics;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One entry of the topic catalogue.
 *
 * @param name the topic's name; the schema registry subject of its values is {@code name + "-value"}
 * @param key how the record key is formed
 * @param valueSchema the Avro record of its values
 * @param cleanupPolicy delete (history) or compact (current state)
 * @param partitions the partition count we recommend for a production cluster
 * @param rationale why it is keyed and partitioned this way
 */
public record Topic(String name, TopicKey key, Schema valueSchema, CleanupPolicy cleanupPolicy, int partitions,
                    String rationale) {
    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(valueSchema, "valueSchema");
        Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1 for " + name);
        }
    }

    /** The registry subject of this topic's values (TopicNameStrategy). */
    public String valueSubject() {
        return name + "-value";
    }
}
