package io.exchangebus.localstack.broker;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

import io.exchangebus.localstack.LocalStackException;
import io.exchangebus.localstack.process.Ports;

/**
 * A single-node KRaft broker (combined broker and controller) in this JVM, run by Kafka's own
 * {@link KafkaClusterTestKit}. A fatal broker error is recorded by the test kit's fault handler instead of
 * halting the JVM, which is what a test JVM needs.
 *
 * <p>The test kit binds its sockets before the servers start, on the wildcard address; the listeners and the
 * advertised address are 127.0.0.1, so clients only ever connect over loopback.
 */
public final class InJvmBroker implements Broker {

    private final KafkaClusterTestKit cluster;
    private final String bootstrapServers;
    private boolean closed;

    private InJvmBroker(KafkaClusterTestKit cluster, String bootstrapServers) {
        this.cluster = cluster;
        this.bootstrapServers = bootstrapServers;
    }

    /** Formats, starts and waits for the broker, keeping its data under {@code dir}. */
    public static InJvmBroker start(Path dir) {
        KafkaClusterTestKit cluster = null;
        try {
            TestKitNodes nodes = new TestKitNodes.Builder(productionMetadata())
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(dir)
                    .build();
            String brokerListener = nodes.brokerListenerName().value();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
            BrokerSettings.singleNode().forEach(builder::setConfigProp);
            // Port 0: the test kit substitutes the ports it has bound.
            builder.setConfigProp("listeners", brokerListener + "://" + Ports.LOOPBACK + ":0,"
                    + nodes.controllerListenerName().value() + "://" + Ports.LOOPBACK + ":0");
            // The test kit enables unreleased features by default; tests should see what production brokers offer.
            builder.setConfigProp("unstable.api.versions.enable", "false");
            builder.setConfigProp("unstable.feature.versions.enable", "false");
            cluster = builder.build();
            formatQuietly(cluster);
            cluster.startup();
            cluster.waitForReadyBrokers();
            int port = cluster.brokers().values().iterator().next()
                    .boundPort(ListenerName.normalised(brokerListener));
            return new InJvmBroker(cluster, Ports.LOOPBACK + ":" + port);
        } catch (Exception e) {
            closeQuietly(cluster);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new LocalStackException("in-JVM broker did not start: " + e, e);
        }
    }

    /**
     * The test kit's formatter prints its bootstrap metadata to {@code System.out}, into the test output; keep it
     * and show it only if formatting fails. Stack start happens before tests run, so little else prints meanwhile.
     */
    private static void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            cluster.format();
        } catch (Exception e) {
            console.print(captured.toString(StandardCharsets.UTF_8));
            throw e;
        } finally {
            System.setOut(console);
        }
    }

    private static BootstrapMetadata productionMetadata() {
        MetadataVersion version = MetadataVersion.latestProduction();
        Map<String, Short> levels = Feature.PRODUCTION_FEATURES.stream()
                .collect(Collectors.toMap(Feature::featureName, feature -> feature.defaultLevel(version),
                        (a, b) -> a, TreeMap::new));
        return BootstrapMetadata.fromVersions(version, levels, "exbus-local-stack");
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public OptionalLong pid() {
        return OptionalLong.empty();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            closeQuietly(cluster);
        }
    }

    private static void closeQuietly(KafkaClusterTestKit cluster) {
        if (cluster == null) {
            return;
        }
        try {
            cluster.close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // The broker's threads are stopped or dying; its directory goes with the stack's work directory.
        }
    }
}
