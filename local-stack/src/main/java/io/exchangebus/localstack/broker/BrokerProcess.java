package io.exchangebus.localstack.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.stream.Stream;

import org.apache.kafka.common.Uuid;

import io.exchangebus.localstack.LocalStackException;
import io.exchangebus.localstack.process.ChildProcess;
import io.exchangebus.localstack.process.Classpath;
import io.exchangebus.localstack.process.Deadline;
import io.exchangebus.localstack.process.JvmOptions;
import io.exchangebus.localstack.process.Ports;
import io.exchangebus.localstack.process.WorkDir;

/**
 * A single-node KRaft broker (combined broker and controller) in its own JVM: {@code kafka.Kafka} with a
 * generated {@code server.properties}, on two free loopback ports, data in the stack's work directory.
 */
public final class BrokerProcess implements Broker {

    /** System property with the broker JVM's heap, JIT and GC options, replacing {@link #DEFAULT_JVM_OPTIONS}. */
    public static final String JVM_OPTIONS_PROPERTY = "exbus.stack.broker.jvm-options";
    public static final List<String> DEFAULT_JVM_OPTIONS = Stream.concat(
            Stream.of("-Xms128m", "-Xmx1g"), JvmOptions.QUICK_START.stream()).toList();
    static final String LOG_CONFIG = "io/exchangebus/localstack/child-logback.xml";
    private static final int BIND_ATTEMPTS = 3;
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final int LOG_LINES_ON_FAILURE = 40;

    private final ChildProcess process;
    private final String bootstrapServers;

    private BrokerProcess(ChildProcess process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Starts the broker and waits until it is registered and unfenced.
     *
     * @param dir      directory for {@code server.properties}, the data and {@code broker.log}; must exist
     * @throws LocalStackException if it is not ready within {@code timeout}, with the end of its log
     */
    public static BrokerProcess start(Path dir, Duration timeout) {
        Deadline deadline = Deadline.after(timeout);
        for (int attempt = 1; ; attempt++) {
            List<Integer> ports = Ports.freeLoopbackPorts(2);
            ChildProcess process = launch(dir, ports.get(0), ports.get(1));
            String bootstrap = Ports.LOOPBACK + ":" + ports.get(0);
            try {
                awaitReady(process, ports.get(0), bootstrap, deadline);
                return new BrokerProcess(process, bootstrap);
            } catch (PortTakenException e) {
                process.stop(Duration.ZERO);
                if (attempt == BIND_ATTEMPTS) {
                    throw new LocalStackException("broker could not bind a free port in " + BIND_ATTEMPTS
                            + " attempts; " + process.describe(LOG_LINES_ON_FAILURE));
                }
            } catch (RuntimeException | Error e) {
                process.stop(Duration.ZERO);
                throw e;
            }
        }
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public OptionalLong pid() {
        return OptionalLong.of(process.pid());
    }

    public ChildProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.stop(STOP_GRACE);
    }

    private static ChildProcess launch(Path dir, int brokerPort, int controllerPort) {
        Path data = dir.resolve("data");
        Path properties = dir.resolve("server.properties");
        try {
            WorkDir.deleteRecursively(data);
            Files.createDirectories(data);
            writeProperties(properties, serverProperties(data, brokerPort, controllerPort));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the broker directory " + dir, e);
        }
        List<String> jvmOptions = new ArrayList<>(JvmOptions.fromProperty(JVM_OPTIONS_PROPERTY, DEFAULT_JVM_OPTIONS));
        jvmOptions.addAll(List.of("-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true",
                "-Dlogback.configurationFile=" + LOG_CONFIG));
        return ChildProcess.start("broker", dir, Classpath.current(), jvmOptions, KafkaServerMain.class.getName(),
                List.of(properties.toString(), Uuid.randomUuid().toString()));
    }

    static Map<String, String> serverProperties(Path data, int brokerPort, int controllerPort) {
        Map<String, String> props = BrokerSettings.singleNode();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@" + Ports.LOOPBACK + ":" + controllerPort);
        props.put("listeners", "PLAINTEXT://" + Ports.LOOPBACK + ":" + brokerPort
                + ",CONTROLLER://" + Ports.LOOPBACK + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + Ports.LOOPBACK + ":" + brokerPort);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("controller.listener.names", "CONTROLLER");
        props.put("log.dirs", data.toString());
        return props;
    }

    private static void writeProperties(Path file, Map<String, String> values) throws IOException {
        Properties properties = new Properties();
        properties.putAll(values);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "generated by io.exchangebus.localstack.broker.BrokerProcess");
        }
    }

    private static void awaitReady(ChildProcess process, int port, String bootstrap, Deadline deadline) {
        try {
            while (!BrokerReadiness.accepts(Ports.LOOPBACK, port)) {
                checkAlive(process);
                if (deadline.passed()) {
                    throw notReady(process, deadline);
                }
                deadline.pause(50);
            }
            while (!BrokerReadiness.answers(bootstrap, deadline)) {
                checkAlive(process);
                if (deadline.passed()) {
                    throw notReady(process, deadline);
                }
                deadline.pause(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while waiting for the broker", e);
        }
    }

    private static void checkAlive(ChildProcess process) {
        if (process.isAlive()) {
            return;
        }
        if (process.logTail(200).contains("Address already in use")) {
            throw new PortTakenException();
        }
        throw new LocalStackException("broker exited before it was ready; " + process.describe(LOG_LINES_ON_FAILURE));
    }

    private static LocalStackException notReady(ChildProcess process, Deadline deadline) {
        return new LocalStackException("broker not ready within " + deadline.timeout().toMillis() + " ms; "
                + process.describe(LOG_LINES_ON_FAILURE));
    }

    /** The child lost the race for a port we had found free; start again with other ports. */
    private static final class PortTakenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PortTakenException() {
            super(null, null, false, false);
        }
    }
}
