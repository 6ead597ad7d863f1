package io.exchangebus.localstack.broker;

import java.util.OptionalLong;

/** A running single-node KRaft broker on loopback. */
public interface Broker extends AutoCloseable {

    /** {@code 127.0.0.1:PORT}, for {@code bootstrap.servers}. */
    String bootstrapServers();

    /** The pid of the broker's own process, or empty when it runs in this JVM. */
    OptionalLong pid();

    /** Stops the broker and waits for it. Idempotent. */
    @Override
    void close();
}
