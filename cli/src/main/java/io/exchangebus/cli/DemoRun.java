package io.exchangebus.cli;

import io.exchangebus.avro.topics.Topics;
import io.exchangebus.ingest.IngestMain;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.process.ChildProcess;
import io.exchangebus.localstack.process.ChildReaper;
import io.exchangebus.localstack.process.Classpath;
import io.exchangebus.localstack.process.JvmOptions;
import io.exchangebus.localstack.process.Ports;
import io.exchangebus.localstack.process.WorkDir;
import io.exchangebus.oms.OmsServiceMain;
import io.exchangebus.pms.PmsServiceMain;
import io.exchangebus.recovery.RecoveryJobMain;
import io.exchangebus.sim.binance.BinanceSimulator;
import io.exchangebus.streams.StreamsAppsMain;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * One run of {@code exbus demo}: the local stack, two simulators, the recovery job (once, first), then ingest,
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
    private final boolean liveMarketData;
    private final int streamsPort;
    private final Duration timeout;
    private final DemoProgress progress;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<ChildProcess> simulators = new ArrayList<>();
    private final Map<String, ChildProcess> services = new LinkedHashMap<>();
    private final Map<String, Integer> servicePorts = new LinkedHashMap<>();
    private LocalStack stack;
    private boolean stopped;

    DemoRun(Path dir, boolean liveMarketData, int streamsPort, Duration timeout, DemoProgress progress) {
        this.dir = dir;
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
     * Starts everything and returns once every service is ready and both books have reached streams-apps' query
     * API.
     *
     * @throws DemoFailure naming the part that failed, with the tail of its log
     */
    Endpoints start() throws IOException, InterruptedException {
        prepareDir();
        Path logs = dir.resolve("logs");
        progress.step("starting Kafka broker (KRaft) and schema registry, and the Binance spot and USD-M simulators");
        ChildProcess spotSim = simulator(DemoConfigs.SPOT, logs);
        ChildProcess usdmSim = simulator(DemoConfigs.USDM, logs);
        stack = LocalStack.startProcesses();
        progress.step("Kafka at " + stack.bootstrapServers() + ", schema registry at " + stack.registryUrl());
        CatalogueTopics.ensure(stack.bootstrapServers(), Topics.ALL, Duration.ofSeconds(30));
        DemoConfigs.SimulatorConnection spot = awaitConnection(spotSim);
        DemoConfigs.SimulatorConnection usdm = awaitConnection(usdmSim);
        progress.step("simulators: binance-spot at " + spot.restUrl() + ", binance-usdm at " + usdm.restUrl());

        List<Integer> ports = Ports.freeLoopbackPorts(3);
        servicePorts.put(IngestMain.SERVICE, ports.get(0));
        servicePorts.put(PmsServiceMain.SERVICE_NAME, ports.get(1));
        servicePorts.put(OmsServiceMain.SERVICE, ports.get(2));
        servicePorts.put(StreamsAppsMain.SERVICE_NAME, streamsPort);
        Map<String, Path> configs = new DemoConfigs(dir, stack.bootstrapServers(), stack.registryUrl(), spot, usdm,
                liveMarketData).write(ports.get(0), ports.get(1), ports.get(2), streamsPort);

        progress.step("recovery-job: recovering both accounts into a first epoch on recovery.snapshots.v1");
        ChildProcess recovery = ChildProcess.start(RecoveryJobMain.SERVICE_NAME, logs, Classpath.current(),
                JvmOptions.QUICK_START, RecoveryJobMain.class.getName(),
                List.of("--config", configs.get(RecoveryJobMain.SERVICE_NAME).toString()));
        OptionalInt recovered = recovery.awaitExit(timeout);
        if (recovered.isEmpty() || recovered.getAsInt() != 0) {
            throw new DemoFailure("the recovery job did not finish cleanly: " + recovery.describe(LOG_LINES));
        }
        progress.step("recovery-job done; starting " + String.join(", ", SERVICES.keySet()));
        SERVICES.forEach((name, main) -> services.put(name, ChildProcess.start(name, logs, Classpath.current(),
                JvmOptions.QUICK_START, main, List.of("--config", configs.get(name).toString()))));
        awaitReady();
        String streamsUrl = "http://127.0.0.1:" + streamsPort;
        progress.step("all services ready; waiting for the first books to reach streams-apps");
        awaitBook(streamsUrl, DemoConfigs.SPOT);
        awaitBook(streamsUrl, DemoConfigs.USDM);
        return new Endpoints(stack.bootstrapServers(), stack.registryUrl(), streamsUrl,
                new LinkedHashMap<>(servicePorts), dir);
    }

    /** A service or simulator that has exited while the demo runs, if any. */
    List<ChildProcess> exited() {
        List<ChildProcess> gone = new ArrayList<>();
        simulators.stream().filter(c -> !c.isAlive()).forEach(gone::add);
        services.values().stream().filter(c -> !c.isAlive()).forEach(gone::add);
        return gone;
    }

    /** Stops the services together, then the simulators, then the stack. Idempotent. */
    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        ChildProcess.stopAll(new ArrayList<>(services.values()), STOP_GRACE);
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
                BinanceSimulator.class.getName(), List.of(exchange, "0", "1", connectionFile.toString()));
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

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, ChildProcess> waiting = new LinkedHashMap<>(services);
        while (!waiting.isEmpty()) {
            for (var it = waiting.entrySet().iterator(); it.hasNext(); ) {
                var entry = it.next();
                if (!entry.getValue().isAlive()) {
                    throw new DemoFailure(entry.getKey() + " stopped while starting: "
                            + entry.getValue().describe(LOG_LINES));
                }
                if (get("http://127.0.0.1:" + servicePorts.get(entry.getKey()) + "/health/ready") == 200) {
                    progress.step(entry.getKey() + " ready (ops port " + servicePorts.get(entry.getKey()) + ")");
                    it.remove();
                }
            }
            if (System.nanoTime() > deadline) {
                throw new DemoFailure("not ready within " + timeout.toSeconds() + " s: " + waiting.keySet()
                        + "; logs in " + dir.resolve("logs"));
            }
            Thread.sleep(100);
        }
    }

    private void awaitBook(String streamsUrl, String exchange) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String url = streamsUrl + "/books/" + exchange + "/" + DemoConfigs.SYMBOL;
        while (!bookShown(url)) {
            List<ChildProcess> gone = exited();
            if (!gone.isEmpty()) {
                throw new DemoFailure(gone.get(0).name() + " stopped: " + gone.get(0).describe(LOG_LINES));
            }
            if (System.nanoTime() > deadline) {
                throw new DemoFailure("no " + exchange + " " + DemoConfigs.SYMBOL + " book at " + url + " within "
                        + timeout.toSeconds() + " s; logs in " + dir.resolve("logs"));
            }
            Thread.sleep(100);
        }
        progress.step(exchange + " " + DemoConfigs.SYMBOL + " book flowing: exchange -> ingest -> market.book.v1 "
                + "-> streams-apps");
    }

    private boolean bookShown(String url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && !response.body().contains("\"book\":null");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private int get(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
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
