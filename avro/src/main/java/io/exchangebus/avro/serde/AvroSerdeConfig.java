package io.exchangebus.avro.serde;

import io.exchangebus.avro.registry.SchemaRegistryClient;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Settings of {@link AvroSerializer} and {@link AvroDeserializer}, passed with the Kafka client's properties. */
public final class AvroSerdeConfig extends AbstractConfig {
    public static final String REGISTRY_URL = "exbus.registry.url";
    public static final String AUTO_REGISTER = "exbus.registry.auto.register";
    public static final String REQUEST_TIMEOUT_MS = "exbus.registry.request.timeout.ms";
    public static final String MAX_ATTEMPTS = "exbus.registry.max.attempts";
    public static final String RETRY_BACKOFF_MS = "exbus.registry.retry.backoff.ms";
    public static final String SPECIFIC_READER = "exbus.avro.specific.reader";

    public static final ConfigDef DEFINITION = new ConfigDef()
            .define(REGISTRY_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Root of the schema registry's Confluent-compatible REST API, e.g. "
                            + "http://127.0.0.1:8081 or http://host:8080/apis/ccompat/v7.")
            .define(AUTO_REGISTER, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Whether the serializer registers a schema it does not find under <topic>-value (true), or "
                            + "fails naming the subject (false, for clusters where schemas are registered by CI).")
            .define(REQUEST_TIMEOUT_MS, Type.INT, 5_000, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Limit on connecting to the registry and on each request, in milliseconds.")
            .define(MAX_ATTEMPTS, Type.INT, 4, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Attempts in all for a registry request that fails with a network error, a timeout, 429 or 5xx.")
            .define(RETRY_BACKOFF_MS, Type.INT, 100, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "Wait before the first retry, in milliseconds; it doubles at each retry, with jitter.")
            .define(SPECIFIC_READER, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Whether the deserializer returns the generated event classes (true) or GenericRecord (false).");

    public AvroSerdeConfig(Map<String, ?> props) {
        super(DEFINITION, props);
    }

    /** A registry client with these settings. */
    public SchemaRegistryClient newRegistryClient() {
        return new SchemaRegistryClient(new SchemaRegistryClient.Settings(URI.create(getString(REGISTRY_URL)),
                Duration.ofMillis(getInt(REQUEST_TIMEOUT_MS)), getInt(MAX_ATTEMPTS),
                Duration.ofMillis(getInt(RETRY_BACKOFF_MS))));
    }
}
