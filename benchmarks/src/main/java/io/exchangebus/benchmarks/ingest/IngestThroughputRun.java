package io.exchangebus.benchmarks.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.avro.topics.Topics;
import io.exchangebus.benchmarks.HarnessMain;
import io.exchangebus.benchmarks.pipeline.BookPipelineRun;
import io.exchangebus.benchmarks.pipeline.IngestOverflows;
import io.exchangebus.benchmarks.pipeline.Services;
import io.exchangebus.benchmarks.pipeline.SimulatedMarket;
import io.exchangebus.ingest.IngestMain;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.broker.BrokerProcess;
import io.exchangebus.localstack.process.ChildProcess;
import io.exchangebus.localstack.process.Classpath;
import io.exchangebus.localstack.process.Ports;
import io.exchangebus.localstack.process.ServiceProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Ingest's throughput against the raw producer's, in one run (issue 19): an exchange's book frames ({@link Venue}:
 * Binance spot {@code depthUpdate}, Deribit {@code book.<instrument>.100ms} or GRVT {@code v1.book.d}) recorded once
 * from its simulator, replayed by {@link ReplayServer} (Binance) or {@link RpcReplayServer} in its own JVM as fast as
 * ingest takes them, ingest in its own JVM as deployed publishing them to {@code market.book.v1}; then {@link RawProducer} in its own
 * JVM, with ingest's producer settings, sending as many records of ingest's own serialized keys and values. Each
 * phase's rate is read from its topic's end offsets ({@link TopicCount}), after a warm-up. See benchmarks/README.md.
 *
 * <p>{@code benchmarks/run-ingest-throughput [options]}; exit code 0 when both phases ran and every frame sent reached
 * the topic ({@link BookCheck}), 1 otherwise, 2 for bad options.
 */
public final class IngestThroughputRun {
    /** The raw producer's topic, with as many partitions as market.book.v1. */
    static final String RAW_TOPIC = "bench.raw-producer.v1";
    private static final int SAMPLE_PER_PARTITION = 2000;
    private static final Duration REPLAY_READY = Duration.ofSeconds(60);
    /** The broker's warm-up ({@link #warmBroker}): its topic, its sample of frames, their length, its longest run. */
    private static final String WARMUP_TOPIC = "bench.broker-warmup";
    private static final int WARMUP_SAMPLE = 1_000;
    private static final int WARMUP_VALUE_BYTES = 128;
    private static final Duration WARMUP_TIMEOUT = Duration.ofMinutes(5);

    // Not static: main sets the logging up before the first class with a logger is loaded.
    private final int partitions = Topics.MARKET_BOOK.partitions();
    private final IngestThroughputOptions options;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    IngestThroughputRun(IngestThroughputOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        HarnessMain.useHarnessLogging();
        IngestThroughputOptions options = HarnessMain.optionsOrExit(args, "ingest-throughput",
                IngestThroughputOptions.USAGE, IngestThroughputOptions::parse);
        if (options == null) {
            return;
        }
        IngestThroughputReport report = new IngestThroughputRun(options, System.out).run();
        if (options.json() != null) {
            report.writeJson(options.json());
        }
        System.exit(report.passed() ? 0 : 1);
    }

    IngestThroughputReport run() throws IOException, InterruptedException {
        Path workDir = options.workDir() != null ? Files.createDirectories(options.workDir())
                : Files.createTempDirectory("exbus-ingest-throughput-");
        Path recordingFile = workDir.resolve("recording.bin");
        Recording recording = record();
        recording.write(recordingFile);
        out.printf(Locale.ROOT, "ingest-throughput: recorded %,d frames (%,d bytes), %s, in %s%n",
                recording.frames(), recording.frameBytes(), options.exchange().restSnapshots()
                        ? recording.snapshots().size() + " snapshots" : "each book's snapshot first", recordingFile);
        if (System.getProperty(BrokerProcess.JVM_OPTIONS_PROPERTY) == null) {
            // the broker is measured here: full JIT and a heap of its own, not local-stack's quick-start options
            System.setProperty(BrokerProcess.JVM_OPTIONS_PROPERTY, "-Xmx1g");
        }
        try (LocalStack stack = LocalStack.startProcesses()) {
            BookPipelineRun.createTopics(stack);
            stack.createTopic(RAW_TOPIC, partitions);
            warmBroker(stack, workDir, recording);
            IngestPhase ingest = ingestPhase(stack, workDir, recording, recordingFile);
            BookCheck check = BookCheck.read(stack.bootstrapServers(), stack.registryUrl(), options.exchange(),
                    recording, ingest.throughput().records());
            RecordSample sample = TopicSample.read(stack.bootstrapServers(), Topics.MARKET_BOOK.name(), partitions,
                    SAMPLE_PER_PARTITION);
            Path sampleFile = workDir.resolve("raw-producer-sample.bin");
            sample.write(sampleFile);
            Throughput raw = rawPhase(stack, workDir, sampleFile, ingest.throughput().records());
            JsonNode stats = ingest.replayStats();
            IngestThroughputReport report = new IngestThroughputReport(options, options.exchange().frameType(),
                    recording.frames(), stats.path("sent").asLong(), stats.path("skipped").asLong(),
                    stats.path("snapshots").asLong(), ingest.overflows(), sample.averageKeyBytes(),
                    sample.averageValueBytes(), ingest.throughput(), raw, check);
            report.print(out);
            out.println("ingest-throughput: logs, YAML and the recording in " + workDir);
            return report;
        }
    }

    /** What the ingest phase measured, the replay's last stats and ingest's queue overflows. */
    private record IngestPhase(Throughput throughput, JsonNode replayStats, IngestOverflows overflows) {
    }

    /** The replay and ingest, each in its own JVM, watched until the replay has sent everything and ingest is done. */
    private IngestPhase ingestPhase(LocalStack stack, Path workDir, Recording recording, Path recordingFile)
            throws InterruptedException {
        List<Integer> ports = Ports.freeLoopbackPorts(2);
        ChildProcess replay = startReplay(stack, workDir, recording, recordingFile, ports.get(0), ports.get(1));
        try {
            URI statsUri = URI.create("http://127.0.0.1:" + ports.get(1) + "/replay/stats");
            awaitReplay(replay, statsUri);
            String exchangeYaml = exchangeYaml(options.exchange(), "127.0.0.1:" + ports.get(1),
                    "127.0.0.1:" + ports.get(0));
            try (ServiceProcess ingest = startIngest(options.exchange(), recording.symbols(), exchangeYaml, stack,
                    workDir);
                 TopicCount count = new TopicCount(stack.bootstrapServers(), Topics.MARKET_BOOK.name(),
                         partitions)) {
                out.println("ingest-throughput: ingest ready, replaying");
                Map<String, Long> pids = new LinkedHashMap<>();
                pids.put("ingest", ingest.pid());
                pids.put("replay", replay.pid());
                pids.put("broker", brokerPid(stack));
                pids.put("harness", ProcessHandle.current().pid());
                List<Throughput.Sample> samples = new PhaseMeter("ingest", pids, out).watch(count,
                        () -> stats(statsUri).path("done").asBoolean(), () -> ingest.isAlive() && replay.isAlive());
                return new IngestPhase(Throughput.of(samples, options.warmupShare()), stats(statsUri),
                        IngestOverflows.fromLog(ingest.logFile()));
            }
        } finally {
            replay.stop(Duration.ofSeconds(5));
        }
    }

    /**
     * The {@code exchanges} entry of ingest's YAML: custom endpoints at the replay, whose REST server listens at
     * {@code rest} and WebSocket at {@code ws} (host:port; the WebSocket takes any path).
     */
    static String exchangeYaml(Venue venue, String rest, String ws) {
        return switch (venue) {
            case BINANCE -> SimulatedMarket.exchangeYaml(URI.create("http://" + rest), URI.create("ws://" + ws),
                    URI.create("ws://" + ws + "/ws-api/v3"));
            case DERIBIT -> "  deribit:\n    environment: custom\n    endpoints:\n"
                    + "      ws-url: ws://" + ws + "/ws/api/v2\n"
                    + "      rest-url: http://" + rest + "/api/v2\n";
            case GRVT -> "  grvt:\n    environment: custom\n    endpoints:\n"
                    + "      edge-url: http://" + rest + "\n"
                    + "      trades-url: http://" + rest + "\n"
                    + "      market-data-url: http://" + rest + "\n"
                    + "      trades-ws-url: ws://" + ws + "/ws/full\n"
                    + "      market-data-ws-url: ws://" + ws + "/ws/full\n";
        };
    }

    /** Ingest with the venue's endpoints; for Binance exactly the book pipeline's ({@link Services#startIngest}). */
    private static ServiceProcess startIngest(Venue venue, List<String> symbols, String exchangeYaml,
                                              LocalStack stack, Path workDir) {
        if (venue == Venue.BINANCE) {
            return Services.startIngest(symbols, exchangeYaml, stack, workDir, BookPipelineRun.serviceJvmOptions());
        }
        StringBuilder subscriptions = new StringBuilder();
        for (String symbol : symbols) {
            // entry names are lower-case letters, digits and '-' (GRVT's BTC_USDT_Perp)
            subscriptions.append("    ").append(symbol.toLowerCase(Locale.ROOT).replace('_', '-')).append(":\n")
                    .append("      exchange: ").append(venue.exchange).append('\n')
                    .append("      symbol: ").append(symbol).append('\n')
                    .append("      book-depth: 0\n")
                    .append("      trades: false\n");
        }
        return ServiceProcess.start("ingest", IngestMain.class.getName(), workDir,
                BookPipelineRun.serviceJvmOptions(), port -> "service:\n  http-port: " + port
                        + "\n  shutdown-timeout: 10s\n"
                        + "kafka:\n  bootstrap-servers: " + stack.bootstrapServers() + "\n"
                        + "  schema-registry-url: " + stack.registryUrl() + "\n"
                        + "exchanges:\n" + exchangeYaml
                        + "ingest:\n  raw-frames: false\n  subscriptions:\n" + subscriptions);
    }

    /** The replay server of the venue, its heap sized from the recording (which it holds whole). */
    private ChildProcess startReplay(LocalStack stack, Path workDir, Recording recording, Path recordingFile,
                                     int wsPort, int restPort) {
        long heapMb = Math.max(256, recording.frameBytes() * 3 / (1 << 20) + 128);
        List<String> flow = List.of(stack.bootstrapServers(), Topics.MARKET_BOOK.name(), Integer.toString(partitions),
                Integer.toString(options.window()));
        List<String> args = new ArrayList<>();
        String main;
        if (options.exchange() == Venue.BINANCE) {
            main = ReplayServer.class.getName();
            args.addAll(List.of(recordingFile.toString(), Integer.toString(wsPort), Integer.toString(restPort),
                    Long.toString(options.gapEvery())));
        } else {
            main = RpcReplayServer.class.getName();
            args.addAll(List.of(options.exchange().cliName(), recordingFile.toString(), Integer.toString(wsPort),
                    Integer.toString(restPort)));
        }
        args.addAll(flow);
        return ChildProcess.start("replay", workDir, Classpath.current(), List.of("-Xmx" + heapMb + "m"), main, args);
    }

    /** The broker's process (the stack runs it in one of its own). */
    private static long brokerPid(LocalStack stack) {
        return stack.childPids().get(0);
    }

    private Recording record() throws IOException, InterruptedException {
        out.printf(Locale.ROOT, "ingest-throughput: recording %,d %s frames of %d books from the simulator%n",
                options.frames(), options.exchange().frameType(), options.symbols());
        if (options.exchange() != Venue.BINANCE) {
            try (RpcMarket market = RpcMarket.start(options.exchange(), options.symbols(), options.seed())) {
                return new RpcFrameRecorder(market, RpcProtocol.of(options.exchange())).record(options.frames());
            }
        }
        try (SimulatedMarket market = SimulatedMarket.start(options.symbols(), options.seed(), 100_000_000)) {
            return new FrameRecorder(market).record(options.frames(), options.snapshotEvery());
        }
    }

    /**
     * Sends as many records as the recording has frames through the broker before either measured phase, unmeasured:
     * a broker just started compiles its produce path during the first phase it serves, which was ingest's (GRVT:
     * the broker's CPU per 1,000 of ingest's records 6.2 ms, 4.0 after a warm-up; ingest 110,575 records/s, 142,195
     * after one). The raw producer sends them, with ingest's producer settings, to a topic of its own; the values
     * are the recording's first frames cut to {@link #WARMUP_VALUE_BYTES}, about the size of a normalized record.
     */
    private void warmBroker(LocalStack stack, Path workDir, Recording recording)
            throws IOException, InterruptedException {
        stack.createTopic(WARMUP_TOPIC, partitions);
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < Math.min(recording.frames(), WARMUP_SAMPLE); i++) {
            keys.add(recording.symbols().get(recording.symbolOf(i)).getBytes(StandardCharsets.UTF_8));
            values.add(Arrays.copyOfRange(recording.data(), recording.offset(i),
                    recording.offset(i) + Math.min(recording.length(i), WARMUP_VALUE_BYTES)));
        }
        Path sampleFile = workDir.resolve("broker-warmup-sample.bin");
        new RecordSample(keys, values).write(sampleFile);
        Path config = Files.writeString(workDir.resolve("broker-warmup.yaml"), "kafka:\n  bootstrap-servers: "
                + stack.bootstrapServers() + "\n  schema-registry-url: " + stack.registryUrl() + "\n");
        out.printf(Locale.ROOT, "ingest-throughput: warming the broker with %,d records%n", recording.frames());
        ChildProcess producer = ChildProcess.start("broker-warmup", workDir, Classpath.current(),
                List.of("-Xmx512m"), RawProducer.class.getName(), List.of(config.toString(), WARMUP_TOPIC,
                        Integer.toString(recording.frames()), sampleFile.toString()));
        try {
            OptionalInt exit = producer.awaitExit(WARMUP_TIMEOUT);
            if (exit.isEmpty() || exit.getAsInt() != 0) {
                throw new IllegalStateException("the broker's warm-up failed: " + producer.describe(20));
            }
        } finally {
            producer.stop(Duration.ofSeconds(5));
        }
    }

    /** The raw producer in its own JVM, sending {@code records} of the sample, watched until it has ended. */
    private Throughput rawPhase(LocalStack stack, Path workDir, Path sampleFile, long records)
            throws InterruptedException {
        ChildProcess producer = ChildProcess.start("raw-producer", workDir, Classpath.current(), List.of("-Xmx512m"),
                RawProducer.class.getName(), List.of(workDir.resolve("ingest.yaml").toString(), RAW_TOPIC,
                        Long.toString(records), sampleFile.toString()));
        try (TopicCount count = new TopicCount(stack.bootstrapServers(), RAW_TOPIC, partitions)) {
            out.printf(Locale.ROOT, "ingest-throughput: raw producer sending %,d records%n", records);
            Map<String, Long> pids = new LinkedHashMap<>();
            pids.put("raw producer", producer.pid());
            pids.put("broker", brokerPid(stack));
            pids.put("harness", ProcessHandle.current().pid());
            List<Throughput.Sample> samples = new PhaseMeter("raw producer", pids, out).watch(count,
                    () -> !producer.isAlive(), () -> true);
            OptionalInt exit = producer.awaitExit(Duration.ofSeconds(30));
            if (exit.isEmpty() || exit.getAsInt() != 0) {
                throw new IllegalStateException("the raw producer failed: " + producer.describe(20));
            }
            return Throughput.of(samples, options.warmupShare());
        } finally {
            producer.stop(Duration.ofSeconds(5));
        }
    }

    private void awaitReplay(ChildProcess replay, URI statsUri) throws InterruptedException {
        long deadline = System.nanoTime() + REPLAY_READY.toNanos();
        while (System.nanoTime() < deadline) {
            if (!replay.isAlive()) {
                throw new IllegalStateException("the replay server exited: " + replay.describe(20));
            }
            try {
                stats(statsUri);
                return;
            } catch (IllegalStateException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the replay server did not start: " + replay.describe(20));
    }

    private JsonNode stats(URI statsUri) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(statsUri)
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("replay stats not read: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
