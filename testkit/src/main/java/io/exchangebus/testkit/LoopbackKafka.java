package io.exchangebus.testkit;

import io.exchangebus.localstack.LocalStack;
import java.util.List;

/** {@link BrokerMode#LOOPBACK}: local-stack's broker in this JVM and its registry as a child process. */
final class LoopbackKafka implements KafkaAndRegistry {
    private final LocalStack stack;

    private LoopbackKafka(LocalStack stack) {
        this.stack = stack;
    }

    static LoopbackKafka start() {
        return new LoopbackKafka(LocalStack.startInJvm());
    }

    @Override
    public String bootstrapServers() {
        return stack.bootstrapServers();
    }

    @Override
    public String registryUrl() {
        return stack.registryUrl();
    }

    @Override
    public List<Long> childPids() {
        return stack.childPids();
    }

    @Override
    public void close() {
        stack.close();
    }

    @Override
    public String toString() {
        return stack.toString();
    }
}
