package io.exchangebus.localstack.broker;

import io.exchangebus.localstack.LocalStackException;
import io.exchangebus.localstack.process.ChildProcess;
import io.exchangebus.localstack.process.Classpath;
import io.exchangebus.localstack.process.JvmOptions;
import io.exchangebus.localstack.process.Ports;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft broker in a child process that can be killed and started again on the same ports and log
 * directory, built from local-stack's parts ({@link KafkaServerMain}, {@link ChildProcess}): local-stack's own
 * brokers take new free ports and a fresh directory on every start, so they cannot come back as the same broker.
 */
public final class RestartableBroker implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final Path properties;
    private final String clusterId = Uuid.randomUuid().toString();
    private final int port;
    private final List<String> jvmOptions;
    private ChildProcess process;

    private RestartableBroker(Path dir, int port, int controllerPort, List<String> jvmOptions) throws Exception {
        this.jvmOptions = List.copyOf(jvmOptions);
        this.dir = dir;
        this.port = port;
        this.properties = dir.resolve("server.properties");
        Properties props = new Properties();
        props.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@" + Ports.LOOPBACK + ":" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://" + Ports.LOOPBACK + ":" + port + ",CONTROLLER://"
                        + Ports.LOOPBACK + ":" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://" + Ports.LOOPBACK + ":" + port),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("log.dirs", dir.resolve("data").toString()),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024))));
        try (Writer out = Files.newBufferedWriter(properties, StandardCharsets.UTF_8)) {
            props.store(out, "RestartableBroker");
        }
    }

    /** Starts a broker on two free loopback ports, data under {@code dir}, tuned to start quickly (tests). */
    public static RestartableBroker start(Path dir) throws Exception {
        return start(dir, JvmOptions.QUICK_START);
    }

    /**
     * Starts a broker on two free loopback ports, data under {@code dir}, its JVM run with {@code jvmOptions} beside
     * the heap size: {@link JvmOptions#QUICK_START} for tests, none (the JVM's defaults, as a broker is deployed) for
     * benchmarks.
     */
    public static RestartableBroker start(Path dir, List<String> jvmOptions) throws Exception {
        List<Integer> ports = Ports.freeLoopbackPorts(2);
        RestartableBroker broker = new RestartableBroker(dir, ports.get(0), ports.get(1), jvmOptions);
        broker.restart();
        return broker;
    }

    /** The process id of the broker's current JVM. */
    public long pid() {
        return process.pid();
    }

    public String bootstrapServers() {
        return Ports.LOOPBACK + ":" + port;
    }

    /** Kills the broker process at once (SIGKILL), as a crash would. */
    public void kill() {
        process.kill();
    }

    /** Starts the broker again on the same ports and data, and waits until it answers. */
    public void restart() throws Exception {
        List<String> jvm = new ArrayList<>(List.of("-Xms128m", "-Xmx512m"));
        jvm.addAll(jvmOptions);
        process = ChildProcess.start("broker", dir, Classpath.current(), jvm, KafkaServerMain.class.getName(),
                List.of(properties.toString(), clusterId));
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "2000"))) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    // still starting
                }
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new LocalStackException("broker did not start: " + process.describe(40));
                }
            }
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.stop(Duration.ofSeconds(5));
        }
    }
}
