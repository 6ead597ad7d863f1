package io.exchangebus.testkit;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Where the kit runs the Kafka broker and the schema registry. Chosen by the system property
 * {@value #PROPERTY} or else the environment variable {@value #ENV}: {@code loopback} (the default) or
 * {@code containers}. The rest of the kit (simulators, services, helpers) is the same in both.
 */
public enum BrokerMode {
    /**
     * A real KRaft broker in the test JVM and the schema registry (Apicurio) as a child process, both from Maven
     * Central artifacts, on loopback ports ({@code local-stack}). Needs nothing but Java.
     */
    LOOPBACK,
    /**
     * Kafka's official image ({@value ContainerKafka#KAFKA_IMAGE}) through Testcontainers' Kafka module, and the
     * registry from its image ({@value ContainerKafka#REGISTRY_IMAGE}). Needs a Docker engine.
     */
    CONTAINERS;

    /** The system property that chooses the mode. */
    public static final String PROPERTY = "exbus.testkit.mode";
    /** The environment variable that chooses the mode when the system property is not set. */
    public static final String ENV = "EXBUS_TESTKIT_MODE";

    /** The mode the JVM's settings choose. */
    public static BrokerMode fromSettings() {
        return fromSettings(System.getProperties(), System.getenv());
    }

    /**
     * The mode {@code properties} or else {@code environment} choose; {@link #LOOPBACK} when neither does.
     *
     * @throws IllegalArgumentException naming the setting, for a value that is not a mode
     */
    public static BrokerMode fromSettings(Properties properties, Map<String, String> environment) {
        String property = properties.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return parse(property, PROPERTY);
        }
        String env = environment.get(ENV);
        return env == null || env.isBlank() ? LOOPBACK : parse(env, ENV);
    }

    private static BrokerMode parse(String value, String setting) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " must be 'loopback' or 'containers', was '" + value + "'",
                    e);
        }
    }
}
