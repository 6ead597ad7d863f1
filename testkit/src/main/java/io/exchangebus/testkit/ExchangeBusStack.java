package io.exchangebus.testkit;

import io.exchangebus.avro.topics.Topics;
import io.exchangebus.localstack.process.JvmOptions;
import io.exchangebus.localstack.process.Ports;
import io.exchangebus.localstack.process.ServiceProcess;
import io.exchangebus.localstack.process.WorkDir;
import io.exchangebus.service.demo.DemoConfigs;
import io.exchangebus.service.kafka.CatalogueTopics;
import io.exchangebus.sim.ExchangeSimulator;
import io.exchangebus.sim.ExchangeSimulators;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running ExchangeBus for a user's tests: a Kafka broker and schema registry ({@link BrokerMode}), the simulators
 * of the chosen exchanges in this JVM (markets moving, a funded demo account each), and the chosen services, each
 * in its own JVM, configured as {@code exbus demo} configures them, with every catalogue topic created. Started by
 * {@link #start(StackSpec, BrokerMode)} or by {@link ExchangeBusExtension}; {@link #close()} stops everything:
 * services, simulators, then broker and registry. Child JVMs also die with this JVM, however it ends
 * (local-stack's parent watchdog).
 *
 * <p>Typed helpers: {@link #orders()} (send an {@code OrderCommand}, await its ack and updates), {@link #books()}
 * (the latest book of a symbol), {@link #positions()} and {@link #balances()} (what pms-service publishes).
 * Thread-safe.
 */
public final class ExchangeBusStack implements AutoCloseable {
    /** How long the services may take to become ready, together. */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    private static final long SEED = 1;
    private static final Logger log = LoggerFactory.getLogger(ExchangeBusStack.class);

    private final StackSpec spec;
    private final BrokerMode mode;
    private final WorkDir workDir;
    private final Map<String, SimulatorHandle> simulators = new LinkedHashMap<>();
    private final Map<Service, ServiceProcess> services = new EnumMap<>(Service.class);
    private final Map<Service, Integer> ports = new EnumMap<>(Service.class);
    private KafkaAndRegistry kafka;
    private KitClients clients;
    private boolean closed;

    private ExchangeBusStack(StackSpec spec, BrokerMode mode) {
        this.spec = spec;
        this.mode = mode;
        this.workDir = WorkDir.create();
    }

    /** Starts the stack of {@code spec} with the broker and registry of the JVM's settings ({@link BrokerMode}). */
    public static ExchangeBusStack start(StackSpec spec) {
        return start(spec, BrokerMode.fromSettings());
    }

    /**
     * Starts the stack of {@code spec} in {@code mode}; returns when every service answers ready. On failure
     * everything started so far is stopped.
     *
     * @throws IllegalStateException naming the part that did not start, with the tail of its log
     * @throws org.opentest4j.TestAbortedException in containers mode without a Docker engine
     */
    public static ExchangeBusStack start(StackSpec spec, BrokerMode mode) {
        ExchangeBusStack stack = new ExchangeBusStack(spec, mode);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() {
        long started = System.nanoTime();
        // Broker and registry first: in containers mode without Docker, nothing else is started.
        kafka = KafkaAndRegistry.start(mode);
        ExchangeSimulators all = ExchangeSimulators.load(ExchangeBusStack.class.getClassLoader());
        for (String exchange : spec.exchanges()) {
            ExchangeSimulator simulator = all.find(exchange).orElseThrow(() -> new IllegalArgumentException(
                    "no simulator of '" + exchange + "'; there are: " + all.ids()));
            simulators.put(exchange, SimulatorHandle.launch(simulator, SEED));
        }
        CatalogueTopics.ensure(kafka.bootstrapServers(), Topics.ALL, Duration.ofSeconds(30));
        clients = new KitClients(kafka.bootstrapServers(), kafka.registryUrl());
        Map<String, Path> configs = writeConfigs();
        Path logs = workDir.resolve("logs");
        for (Service service : spec.services()) {
            services.put(service, ServiceProcess.launch(service.serviceName(), service.mainClass(), logs,
                    JvmOptions.QUICK_START, configs.get(service.serviceName()), ports.get(service)));
        }
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        for (ServiceProcess service : services.values()) {
            service.awaitReady(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        log.info("ExchangeBus test stack ({}) ready in {} ms: exchanges {}, services {}, bootstrap.servers={}, "
                        + "registry={}, logs in {}", mode, Duration.ofNanos(System.nanoTime() - started).toMillis(),
                spec.exchanges(), spec.services(), kafka.bootstrapServers(), kafka.registryUrl(), logs);
    }

    private Map<String, Path> writeConfigs() {
        List<Integer> free = Ports.freeLoopbackPorts(Service.values().length);
        for (Service service : Service.values()) {
            ports.put(service, free.get(service.ordinal()));
        }
        List<DemoConfigs.DemoExchange> exchanges = new ArrayList<>();
        simulators.values().forEach(s -> exchanges.add(new DemoConfigs.DemoExchange(s.exchange(), s.account(),
                s.connectionForConfig())));
        try {
            return new DemoConfigs(workDir.path(), kafka.bootstrapServers(), kafka.registryUrl(), exchanges, false)
                    .write(ports.get(Service.INGEST), ports.get(Service.PMS), ports.get(Service.OMS),
                            ports.get(Service.STREAMS));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the services' configuration in " + workDir.path(), e);
        }
    }

    /** What this stack runs. */
    public StackSpec spec() {
        return spec;
    }

    /** Where the broker and registry run. */
    public BrokerMode mode() {
        return mode;
    }

    /** For the clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The registry's Confluent-compatible API ({@code .../apis/ccompat/v7}), for the Avro serdes. */
    public String registryUrl() {
        return kafka.registryUrl();
    }

    /**
     * The simulator of {@code exchange}.
     *
     * @throws IllegalArgumentException if the stack does not run it
     */
    public SimulatorHandle simulator(String exchange) {
        SimulatorHandle handle = simulators.get(exchange);
        if (handle == null) {
            throw new IllegalArgumentException("this stack runs no simulator of '" + exchange + "'; it runs "
                    + simulators.keySet());
        }
        return handle;
    }

    /** Every simulator, in the spec's order. */
    public List<SimulatorHandle> simulators() {
        return List.copyOf(simulators.values());
    }

    /** The process of {@code service}, if the stack runs it (its ops port, log, pid). */
    public Optional<ServiceProcess> service(Service service) {
        return Optional.ofNullable(services.get(service));
    }

    /** The base URL of streams-apps' query API ({@code /books/…}, {@code /positions/…}), if it runs. */
    public Optional<String> streamsQueryUrl() {
        return service(Service.STREAMS).map(s -> "http://127.0.0.1:" + s.opsPort());
    }

    /** Sends order commands and awaits their acks and updates. */
    public OrderGateway orders() {
        return clients.orders();
    }

    /** Reads books from {@code market.book.v1} (written by ingest). */
    public BookReader books() {
        return clients.books();
    }

    /** Reads positions from {@code account.positions.v1} (written by pms-service). */
    public PositionReader positions() {
        return clients.positions();
    }

    /** Reads balances from {@code account.balances.v1} (written by pms-service). */
    public BalanceReader balances() {
        return clients.balances();
    }

    /** Pids of the child processes the stack runs: the services, and the registry in loopback mode. */
    public List<Long> childPids() {
        List<Long> pids = new ArrayList<>();
        services.values().forEach(s -> pids.add(s.pid()));
        if (kafka != null) {
            pids.addAll(kafka.childPids());
        }
        return pids;
    }

    /** The directory of the services' configuration and logs ({@code logs/<service>.log}); deleted on close. */
    public Path workDir() {
        return workDir.path();
    }

    /** Stops the services together, then the simulators, then broker and registry. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            ServiceProcess.stopAll(services.values(), STOP_GRACE);
            if (clients != null) {
                clients.close();
            }
            simulators.values().forEach(SimulatorHandle::close);
            if (kafka != null) {
                kafka.close();
            }
        } finally {
            workDir.close();
        }
    }

    @Override
    public String toString() {
        return "ExchangeBusStack[" + mode + ", " + spec + "]";
    }
}
