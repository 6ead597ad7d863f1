package io.exchangebus.cli;

import io.exchangebus.avro.topics.Topics;
import io.exchangebus.ingest.IngestMain;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.process.ChildProcess;
import io.exchangebus.localstack.process.ChildReaper;
import io.exchangebus.localstack.process.Classpath;
import io.exchangebus.localstack.process.JvmOptions;
import io.exchangebus.localstack.process.Ports;
import io.exchangebus.localstack.process.ServiceProcess;
import io.exchangebus.localstack.process.WorkDir;
import io.exchangebus.oms.OmsServiceMain;
import io.exchangebus.pms.PmsServiceMain;
import io.exchangebus.recovery.RecoveryJobMain;
import io.exchangebus.service.demo.DemoConfigs;
import io.exchangebus.service.kafka.CatalogueTopics;
import io.exchangebus.sim.ExchangeSimulator;
import io.exchangebus.sim.ExchangeSimulatorMain;
import io.exchangebus.streams.StreamsAppsMain;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * One run of {@code exbus demo}: the local stack, the chosen exchanges' simulators (found through exchange-sim's
 * registry, each run by {@link ExchangeSimulatorMain}), the recovery job (once, first), then ingest,
 * pms-service, oms-service and streams-apps, each its own process with its log in {@code <dir>/logs}. Every child
 * is wrapped in local-stack's parent watchdog, so none outlives this JVM, however it ends; on a normal exit
 * (Ctrl-C, SIGTERM) {@link #stop()} stops them in order: services, simulators, then the stack.
 */
final class DemoRun {
    /** The services in start order, each with its main class. */
    private static final Map<String, String> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put(StreamsAppsMain.SERVICE_NAME, StreamsAppsMain.class.getName());
        SERVICES.put(IngestMain.SERVICE, IngestMain.class.getName());
        SERVICES.put(PmsServiceMain.SERVICE_NAME, PmsServiceMain.class.getName());
        SERVICES.put(OmsServiceMain.SERVICE, OmsServiceMain.class.getName());
    }

    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    private static final int LOG_LINES = 30;

    private final Path dir;
    private final List<ExchangeSimulator> exchanges;
    private final boolean liveMarketData;
    private final int streamsPort;
    private final Duration timeout;
    private final DemoProgress progress;
    private final List<ChildProcess> simulators = new ArrayList<>();
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, Integer> servicePorts = new LinkedHashMap<>();
    private LocalStack stack;
    private volatile boolean stopping;

    /**
     * @param exchanges the simulators to run, in order; at least one
     */
    DemoRun(Path dir, List<ExchangeSimulator> exchanges, boolean liveMarketData, int streamsPort, Duration timeout,
            DemoProgress progress) {
        this.dir = dir;
        this.exchanges = List.copyOf(exchanges);
        this.liveMarketData = liveMarketData;
        this.streamsPort = streamsPort;
        this.timeout = timeout;
        this.progress = progress;
        ChildReaper.beforeStop(this::stop);
    }

    /** Where the running demo is, for the summary and the stack file. */
    record Endpoints(String bootstrap, String registry, String streamsUrl, Map<String, Integer> servicePorts,
                     Path dir) {
        String dashboard() {
            return streamsUrl + "/dashboard";
        }
    }

    /**
     * Starts everything and returns once every service is ready and each exchange's book has reached streams-apps' query
     * API.
     *
     * @throws DemoFailure naming the part that failed, with the tail of its log
     */
    Endpoints start() throws IOException, InterruptedException {
        prepareDir();
        Path logs = dir.resolve("logs");
        List<String> ids = exchanges.stream().map(ExchangeSimulator::exchange).toList();
        progress.step("starting Kafka broker (KRaft) and schema registry, and the simulators of "
                + String.join(", ", ids));
        List<ChildProcess> sims = new ArrayList<>();
        for (String id : ids) {
            sims.add(simulator(id, logs));
        }
        stack = LocalStack.startProcesses();
        progress.step("Kafka at " + stack.bootstrapServers() + ", schema registry at " + stack.registryUrl());
        CatalogueTopics.ensure(stack.bootstrapServers(), Topics.ALL, Duration.ofSeconds(30));
        progress.step("schemas: " + SchemasCommand.registerCatalogue(stack.registryUrl()));
        List<DemoConfigs.DemoExchange> demoExchanges = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            demoExchanges.add(new DemoConfigs.DemoExchange(ids.get(i), exchanges.get(i).demoAccount(),
                    awaitConnection(sims.get(i))));
        }
        progress.step("simulators: " + String.join(", ", demoExchanges.stream()
                .map(e -> e.exchange() + " at " + e.simulator().restUrl()).toList()));

        List<Integer> ports = Ports.freeLoopbackPorts(3);
        servicePorts.put(IngestMain.SERVICE, ports.get(0));
        servicePorts.put(PmsServiceMain.SERVICE_NAME, ports.get(1));
        servicePorts.put(OmsServiceMain.SERVICE, ports.get(2));
        servicePorts.put(StreamsAppsMain.SERVICE_NAME, streamsPort);
        Map<String, Path> configs = new DemoConfigs(dir, stack.bootstrapServers(), stack.registryUrl(),
                demoExchanges, liveMarketData).write(ports.get(0), ports.get(1), ports.get(2), streamsPort);

        String accounts = ids.size() == 1 ? "the account" : ids.size() == 2 ? "both accounts"
                : "the " + ids.size() + " accounts";
        progress.step("recovery-job: recovering " + accounts + " into a first epoch on recovery.snapshots.v1");
        ChildProcess recovery = ChildProcess.start(RecoveryJobMain.SERVICE_NAME, logs, Classpath.current(),
                JvmOptions.QUICK_START, RecoveryJobMain.class.getName(),
                List.of("--config", configs.get(RecoveryJobMain.SERVICE_NAME).toString()));
        OptionalInt recovered = recovery.awaitExit(timeout);
        if (recovered.isEmpty() || recovered.getAsInt() != 0) {
            throw new DemoFailure("the recovery job did not finish cleanly: " + recovery.describe(LOG_LINES));
        }
        progress.step("recovery-job done; starting " + String.join(", ", SERVICES.keySet()));
        SERVICES.forEach((name, main) -> services.put(name, ServiceProcess.launch(name, main, logs,
                JvmOptions.QUICK_START, configs.get(name), servicePorts.get(name))));
        awaitReady();
        progress.step("all services ready; waiting for the first books to reach streams-apps");
        ServiceProcess streams = services.get(StreamsAppsMain.SERVICE_NAME);
        for (DemoConfigs.DemoExchange e : demoExchanges) {
            awaitBook(streams, e.exchange(), e.simulator().demoSymbols().get(0));
        }
        return new Endpoints(stack.bootstrapServers(), stack.registryUrl(), "http://127.0.0.1:" + streamsPort,
                new LinkedHashMap<>(servicePorts), dir);
    }

    /**
     * The first simulator or service that has exited while the demo runs (its state and the tail of its log), if
     * any and if the demo is not stopping them itself.
     */
    Optional<String> exited() {
        if (stopping) {
            return Optional.empty();
        }
        Optional<String> simulator = simulators.stream().filter(c -> !c.isAlive()).findFirst()
                .map(c -> c.describe(LOG_LINES));
        return simulator.isPresent() ? simulator
                : services.values().stream().filter(c -> !c.isAlive()).findFirst().map(ServiceProcess::describe);
    }

    /** Stops the services together, then the simulators, then the stack. Idempotent. */
    synchronized void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        ServiceProcess.stopAll(services.values(), STOP_GRACE);
        ChildProcess.stopAll(simulators, Duration.ofSeconds(5));
        if (stack != null) {
            stack.close();
        }
    }

    private void prepareDir() throws IOException {
        // The demo owns this folder: what a previous run left (logs, Streams state) goes.
        if (Files.exists(dir.resolve(".exbus-demo"))) {
            WorkDir.deleteRecursively(dir);
        } else if (Files.isDirectory(dir) && Files.list(dir).findAny().isPresent()) {
            throw new DemoFailure(dir + " is not empty and not a demo folder; choose another with --dir");
        }
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve(".exbus-demo"), "a folder of exbus demo, emptied by each run\n");
    }

    private ChildProcess simulator(String exchange, Path logs) {
        Path connectionFile = dir.resolve(exchange + "-sim.properties");
        ChildProcess sim = ChildProcess.start(exchange + "-sim", logs, Classpath.current(), JvmOptions.QUICK_START,
                ExchangeSimulatorMain.class.getName(), List.of(exchange, "0", "1", connectionFile.toString()));
        simulators.add(sim);
        return sim;
    }

    private DemoConfigs.SimulatorConnection awaitConnection(ChildProcess sim) throws IOException,
            InterruptedException {
        Path file = dir.resolve(sim.name() + ".properties");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(file)) {
            if (!sim.isAlive() || System.nanoTime() > deadline) {
                throw new DemoFailure("the simulator did not start: " + sim.describe(LOG_LINES));
            }
            Thread.sleep(50);
        }
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        }
        return DemoConfigs.SimulatorConnection.of(props);
    }

    /** Waits for each service in turn; they started together, so the wait is the slowest one's. */
    private void awaitReady() {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ServiceProcess service : services.values()) {
            try {
                service.awaitReady(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            } catch (IllegalStateException e) {
                throw new DemoFailure(e.getMessage());
            }
            progress.step(service.name() + " ready (ops port " + service.opsPort() + ")");
        }
    }

    private void awaitBook(ServiceProcess streams, String exchange, String symbol) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String path = "/books/" + exchange + "/" + symbol;
        while (!bookShown(streams, path)) {
            Optional<String> gone = exited();
            if (gone.isPresent()) {
                throw new DemoFailure(gone.get());
            }
            if (System.nanoTime() > deadline) {
                throw new DemoFailure("no " + exchange + " " + symbol + " book at "
                        + streams.name() + "'s " + path + " within " + timeout.toSeconds() + " s; logs in "
                        + dir.resolve("logs"));
            }
            Thread.sleep(100);
        }
        progress.step(exchange + " " + symbol + " book flowing: exchange -> ingest -> market.book.v1 "
                + "-> streams-apps");
    }

    private static boolean bookShown(ServiceProcess streams, String path) {
        try {
            HttpResponse<String> response = streams.get(path);
            return response.statusCode() == 200 && !response.body().contains("\"book\":null");
        } catch (IOException e) {
            return false;
        }
    }

    /** Prints start-up steps with the time since the demo began. */
    static final class DemoProgress {
        private final PrintWriter out;
        private final long started = System.nanoTime();

        DemoProgress(PrintWriter out) {
            this.out = out;
        }

        void step(String message) {
            out.printf("[%5.1f s] %s%n", seconds(), message);
            out.flush();
        }

        double seconds() {
            return (System.nanoTime() - started) / 1e9;
        }
    }

    /** The demo could not start: the message names what failed and where its log is. */
    static final class DemoFailure extends RuntimeException {
        DemoFailure(String message) {
            super(message);
        }
    }
}
