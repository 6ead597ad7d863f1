package io.exchangebus.testkit;

import java.util.List;

/**
 * A running Kafka broker and schema registry, however they run ({@link BrokerMode}). Closing stops both.
 */
public interface KafkaAndRegistry extends AutoCloseable {

    /** For the clients' {@code bootstrap.servers}, reachable from this host. */
    String bootstrapServers();

    /** The registry's Confluent-compatible API, no trailing slash. */
    String registryUrl();

    /** Pids of the child processes this JVM runs for them (none for containers). */
    List<Long> childPids();

    /** Stops both; idempotent. */
    @Override
    void close();

    /**
     * Starts a broker and a registry in {@code mode}; returns when both answer.
     *
     * @throws org.opentest4j.TestAbortedException in {@link BrokerMode#CONTAINERS} mode when no Docker engine is
     *                                             there: the tests that need it are skipped, not passed
     */
    static KafkaAndRegistry start(BrokerMode mode) {
        return mode == BrokerMode.CONTAINERS ? ContainerKafka.start() : LoopbackKafka.start();
    }
}
