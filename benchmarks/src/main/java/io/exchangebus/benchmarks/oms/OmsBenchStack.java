package io.exchangebus.benchmarks.oms;

import io.exchangebus.avro.registry.SchemaRegistryClient;
import io.exchangebus.avro.topics.CatalogueSchemas;
import io.exchangebus.avro.topics.Topic;
import io.exchangebus.localstack.broker.RestartableBroker;
import io.exchangebus.localstack.process.ChildProcess;
import io.exchangebus.localstack.process.Classpath;
import io.exchangebus.localstack.process.JvmOptions;
import io.exchangebus.localstack.process.Ports;
import io.exchangebus.localstack.process.ServiceProcess;
import io.exchangebus.localstack.registry.RegistryLocator;
import io.exchangebus.localstack.registry.RegistryProcess;
import io.exchangebus.sim.ReceivedOrderCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * What the OMS harnesses run on, each part real and on loopback: a KRaft broker in its own process that can be
 * killed and restarted on the same ports and data, the schema registry with the catalogue's schemas registered, the
 * exchanges' simulators in this JVM ({@link BenchVenue}: Binance spot and USD-M, Deribit or GRVT) with funded
 * accounts, and oms-service in a JVM of its own, configured for those accounts.
 */
final class OmsBenchStack implements AutoCloseable {
    static final String OMS_MAIN = "io.exchangebus.oms.OmsServiceMain";
    /** JVM options added to oms-service's, e.g. to record a profile: {@code -XX:StartFlightRecording=...}. */
    static final String OMS_JVM_OPTIONS_PROPERTY = "exbus.bench.oms-jvm-options";
    /** The exchanges a harness can run against: {@code binance} (spot and USD-M), {@code deribit}, {@code grvt}. */
    static final List<String> EXCHANGES = List.of("binance", "deribit", "grvt");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    final Path dir;
    final RestartableBroker broker;
    final RegistryProcess registry;
    final List<BenchVenue> venues;
    final int omsPort = Ports.freeLoopbackPorts(1).get(0);
    private final Path omsConfig;

    /**
     * @param exchange  one of {@link #EXCHANGES}
     * @param addresses how many network addresses the accounts' requests come from: the Binance simulators'
     *        request-weight limit is that many times Binance's per-address limit, as when a deployment spreads its
     *        accounts over several hosts; the harness's loopback has one address
     */
    OmsBenchStack(Path dir, String exchange, List<String> accounts, long seed, List<Topic> topics, int addresses)
            throws Exception {
        this.dir = dir;
        List<AutoCloseable> started = new ArrayList<>();
        try {
            // As deployed: the JVM's own defaults (the tests' quick-start flags would measure a handicapped broker).
            broker = RestartableBroker.start(Files.createDirectories(dir.resolve("broker")), List.of());
            started.add(broker);
            registry = RegistryProcess.start(dir.resolve("registry"), RegistryLocator.fromEnvironment().locate(),
                    Duration.ofSeconds(90));
            started.add(registry);
            venues = venues(exchange, seed, addresses, started);
            createTopics(topics);
            CatalogueSchemas.register(new SchemaRegistryClient(SchemaRegistryClient.Settings.of(registryUrl())));
            omsConfig = writeOmsConfig(accounts);
        } catch (Exception e) {
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
            throw e;
        }
    }

    private static List<BenchVenue> venues(String exchange, long seed, int addresses, List<AutoCloseable> started) {
        List<BenchVenue> venues = new ArrayList<>();
        switch (exchange) {
            case "binance" -> {
                venues.add(new BinanceBenchVenue(BenchMarket.SPOT, seed, addresses));
                started.add(venues.get(0));
                venues.add(new BinanceBenchVenue(BenchMarket.USDM, seed + 1, addresses));
            }
            case "deribit" -> venues.add(new DeribitBenchVenue(seed));
            case "grvt" -> venues.add(new GrvtBenchVenue(seed));
            default -> throw new IllegalArgumentException("no exchange " + exchange + "; one of " + EXCHANGES);
        }
        started.add(venues.get(venues.size() - 1));
        return venues;
    }

    /**
     * {@code n} account names for {@code exchange}: on Binance {@code s1…} on spot (the larger half) and {@code u1…}
     * on USD-M; else the market's letter and a number.
     */
    static List<String> accountNames(String exchange, int n) {
        List<String> names = new ArrayList<>();
        if (exchange.equals("binance")) {
            for (int i = 1; i <= n - n / 2; i++) {
                names.add(BenchMarket.SPOT.prefix() + String.valueOf(i));
            }
            for (int i = 1; i <= n / 2; i++) {
                names.add(BenchMarket.USDM.prefix() + String.valueOf(i));
            }
        } else {
            char prefix = exchange.equals("deribit") ? BenchMarket.DERIBIT.prefix() : BenchMarket.GRVT.prefix();
            for (int i = 1; i <= n; i++) {
                names.add(prefix + String.valueOf(i));
            }
        }
        return names;
    }

    /**
     * A meter of the stack's processes: the broker, the registry, and this JVM (the simulators, and the harness's
     * own consumer and bookkeeping).
     */
    CpuMeter cpuMeter() {
        return new CpuMeter().process("broker", broker.pid()).process("registry", registry.pid())
                .process("harness (simulators)", ProcessHandle.current().pid());
    }

    String bootstrap() {
        return broker.bootstrapServers();
    }

    String registryUrl() {
        return registry.ccompatUrl();
    }

    /**
     * Starts oms-service with this stack's configuration and waits until it takes commands: its command partitions
     * assigned ({@code /health/ready} no longer lists {@code commands} as failing). Accounts that are still
     * connecting are not waited for: the OMS trades the others meanwhile, and refuses theirs, retryable.
     */
    ServiceProcess startOms() {
        // As deployed: the JVM's own defaults beside the heap size; more (a profiler) from the system property.
        List<String> jvm = new ArrayList<>(List.of("-Xmx512m"));
        jvm.addAll(JvmOptions.fromProperty(OMS_JVM_OPTIONS_PROPERTY, List.of()));
        ServiceProcess oms = ServiceProcess.launch("oms-service", OMS_MAIN, dir, jvm, omsConfig, omsPort);
        awaitTakingCommands(oms, READY_TIMEOUT);
        return oms;
    }

    /** Waits until oms-service's readiness no longer lists its command partitions among what is failing. */
    static void awaitTakingCommands(ServiceProcess oms, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!oms.isAlive()) {
                throw new IllegalStateException("oms-service exited: " + oms.describe());
            }
            try {
                var ready = oms.get("/health/ready");
                // Failing checks are listed by name; until the service has started, "started" is among them.
                String body = ready.body();
                if (ready.statusCode() == 200 || (body.contains("\"failing\"") && !body.contains("\"started\"")
                        && !body.contains("\"commands\""))) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new IllegalStateException("oms-service takes no command after " + timeout.toSeconds() + " s: "
                + oms.describe());
    }

    /** Copies the logs of a run's work folder to a folder of its own under the temporary directory, kept. */
    static Path keepLogs(Path workDir, String run) {
        try {
            Path kept = Files.createTempDirectory(run + "-logs-");
            try (var files = Files.list(workDir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".log") || p.toString().endsWith(".yaml"))
                        .toList()) {
                    Files.copy(f, kept.resolve(f.getFileName()));
                }
            }
            Path broker = workDir.resolve("broker").resolve("broker.log");
            if (Files.exists(broker)) {
                Files.copy(broker, kept.resolve("broker.log"));
            }
            return kept;
        } catch (IOException e) {
            return workDir;
        }
    }

    /** Starts the command stream ({@link CommandStream}) in a process of its own. */
    ChildProcess startCommandStream(String topic, int commands, int rate, long seed, double expiringShare,
                                    double cancelShare, List<String> accounts) {
        List<String> args = new ArrayList<>(List.of(bootstrap(), registryUrl(), topic, String.valueOf(commands),
                String.valueOf(rate), String.valueOf(seed), String.valueOf(expiringShare),
                String.valueOf(cancelShare)));
        args.addAll(accounts);
        return ChildProcess.start("command-stream", dir, Classpath.current(), List.of("-Xmx256m"),
                CommandStream.class.getName(), args);
    }

    /** What the exchanges received, each with its exchange id. */
    List<ChaosTally.AtExchange> atExchange() {
        List<ChaosTally.AtExchange> all = new ArrayList<>();
        for (BenchVenue venue : venues) {
            for (ReceivedOrderCommand r : venue.received()) {
                all.add(new ChaosTally.AtExchange(venue.market().exchange(), r));
            }
        }
        return all;
    }

    /** The venue of {@code exchange}. */
    BenchVenue venue(String exchange) {
        return venues.stream().filter(v -> v.market().exchange().equals(exchange)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no venue " + exchange));
    }

    private void createTopics(List<Topic> topics) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            List<NewTopic> created = new ArrayList<>();
            for (Topic topic : topics) {
                created.add(new NewTopic(topic.name(), Optional.of(topic.partitions()), Optional.empty()));
            }
            admin.createTopics(created).all().get();
        }
    }

    /** Funds every account on its simulator and writes oms-service's configuration for them. */
    private Path writeOmsConfig(List<String> accounts) throws IOException {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        StringBuilder yamlAccounts = new StringBuilder();
        for (String account : accounts) {
            yamlAccounts.append(venue(BenchMarket.of(account).exchange()).fundAccount(account, keys));
        }
        StringBuilder exchanges = new StringBuilder();
        venues.forEach(v -> exchanges.append(v.exchangeYaml()));
        String yaml = "service:\n  instance-id: oms-bench\n  http-port: " + omsPort + "\n  shutdown-timeout: 10s\n"
                + "kafka:\n  bootstrap-servers: " + bootstrap() + "\n  schema-registry-url: " + registryUrl() + "\n"
                + "exchanges:\n" + exchanges
                + "accounts:\n" + yamlAccounts
                + "oms:\n  group-id: oms-bench\n  risk:\n    price-band: 0\n"
                + "    max-open-orders: 1000\n";
        Path file = dir.resolve("oms-service.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    @Override
    public void close() {
        for (int i = venues.size() - 1; i >= 0; i--) {
            venues.get(i).close();
        }
        registry.close();
        broker.close();
    }
}
