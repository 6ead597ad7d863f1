package io.exchangebus.testkit;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * {@link BrokerMode#CONTAINERS}: Kafka's official image through Testcontainers' Kafka module (KRaft, one node) and
 * the registry ExchangeBus tests against (Apicurio, in-memory storage) from its image, with its Confluent-compatible
 * API. Both run in the Docker engine Testcontainers finds; Testcontainers' Ryuk removes them if this JVM dies.
 */
final class ContainerKafka implements KafkaAndRegistry {
    /** The image compose.yaml deploys. */
    static final String KAFKA_IMAGE = "apache/kafka:4.3.1";
    /** The registry and version local-stack runs from Maven Central, in-memory storage. */
    static final String REGISTRY_IMAGE = "apicurio/apicurio-registry-mem:2.4.2.Final";
    private static final int REGISTRY_PORT = 8080;
    private static final String CCOMPAT = "/apis/ccompat/v7";

    private final KafkaContainer kafka;
    private final GenericContainer<?> registry;

    private ContainerKafka(KafkaContainer kafka, GenericContainer<?> registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    /**
     * Starts both containers.
     *
     * @throws org.opentest4j.TestAbortedException when there is no Docker engine (the test is skipped, with why)
     */
    static ContainerKafka start() {
        Assumptions.assumeTrue(dockerAvailable(), "no Docker engine: " + BrokerMode.PROPERTY
                + "=containers needs one (Testcontainers found none); these tests did not run");
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE));
        GenericContainer<?> registry = new GenericContainer<>(DockerImageName.parse(REGISTRY_IMAGE))
                .withExposedPorts(REGISTRY_PORT)
                .waitingFor(Wait.forHttp(CCOMPAT + "/subjects").forStatusCode(200)
                        .withStartupTimeout(Duration.ofMinutes(2)));
        try {
            kafka.start();
            registry.start();
        } catch (RuntimeException e) {
            registry.stop();
            kafka.stop();
            throw e;
        }
        return new ContainerKafka(kafka, registry);
    }

    /** Whether Testcontainers finds a Docker engine (environment, socket, or its configuration). */
    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String registryUrl() {
        return "http://" + registry.getHost() + ":" + registry.getMappedPort(REGISTRY_PORT) + CCOMPAT;
    }

    @Override
    public List<Long> childPids() {
        return List.of();
    }

    @Override
    public void close() {
        try {
            registry.stop();
        } finally {
            kafka.stop();
        }
    }

    @Override
    public String toString() {
        return "ContainerKafka[bootstrap.servers=" + bootstrapServers() + ", registry=" + registryUrl() + "]";
    }
}
