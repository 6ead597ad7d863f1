package io.exchangebus.streams;

import io.exchangebus.avro.serde.AvroDeserializer;
import io.exchangebus.avro.serde.AvroSerdeConfig;
import io.exchangebus.avro.serde.AvroSerializer;
import java.util.Map;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The serdes of the topologies: keys are UTF-8 strings ({@code exchange:symbol}, ...), values are event records in
 * the Confluent wire format against the schema registry, as on every other topic of ExchangeBus. Internal topics
 * (changelogs, repartitions) use the same value serdes, so that anything Streams writes can be read with the
 * registry. Thread-safe; one per topology.
 */
public final class EventSerdes {
    private final Map<String, Object> serdeConfig;

    /** @param serdeConfig settings of the Avro serdes ({@link AvroSerdeConfig}), at least the registry's URL */
    public EventSerdes(Map<String, ?> serdeConfig) {
        this.serdeConfig = Map.copyOf(serdeConfig);
    }

    /** Serdes against the registry at {@code registryUrl}. */
    public static EventSerdes forRegistry(String registryUrl) {
        return new EventSerdes(Map.of(AvroSerdeConfig.REGISTRY_URL, registryUrl));
    }

    /** The key serde: UTF-8 strings. */
    public Serde<String> keys() {
        return Serdes.String();
    }

    /** A value serde for one generated event class (schemas registered under {@code <topic>-value}). */
    public <T extends SpecificRecordBase> Serde<T> values() {
        AvroSerializer<T> serializer = new AvroSerializer<>();
        serializer.configure(serdeConfig, false);
        AvroDeserializer<T> deserializer = new AvroDeserializer<>();
        deserializer.configure(serdeConfig, false);
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
