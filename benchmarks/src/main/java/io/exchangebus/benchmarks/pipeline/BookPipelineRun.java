package io.exchangebus.benchmarks.pipeline;

import io.exchangebus.avro.topics.Topic;
import io.exchangebus.benchmarks.HarnessMain;
import io.exchangebus.ingest.IngestMain;
import io.exchangebus.avro.topics.Topics;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.broker.BrokerProcess;
import io.exchangebus.localstack.process.JvmOptions;
import io.exchangebus.streams.StreamsAppsMain;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The long-run check of the book pipeline: a Binance simulator's books, with sequence gaps injected, through ingest
 * to {@code market.book.v1} and through streams-apps to {@code state.books.v1}, compared with the simulator's true
 * books at checkpoints; reports mismatches (must be none) and the throughput in updates per second.
 *
 * <p>Everything is real and runs as deployed: a KRaft broker and the schema registry from local-stack, the
 * simulator serving Binance's WebSocket and REST on loopback, ingest and streams-apps each in its own JVM with its
 * own YAML. This JVM drives the market (it steps the simulator's generators itself, as fast as the pipeline takes,
 * never more than {@code --max-lag} ahead) and reads both topics as any consumer would. See benchmarks/README.md.
 *
 * <p>{@code benchmarks/run-book-pipeline [options]}; exit code 0 when the run passes, 1 when it fails, 2 for bad
 * options.
 */
public final class BookPipelineRun {
    /** JVM options of the service processes: {@code -Dexbus.bench.service.jvm-options="-Xmx1g ..."}. */
    public static final String SERVICE_JVM_OPTIONS = "exbus.bench.service.jvm-options";
    static final String INGEST_MAIN = IngestMain.class.getName();
    static final String STREAMS_MAIN = StreamsAppsMain.class.getName();

    private final PipelineOptions options;
    private final PrintStream out;

    public BookPipelineRun(PipelineOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        HarnessMain.useHarnessLogging();
        PipelineOptions options = HarnessMain.optionsOrExit(args, "book-pipeline", PipelineOptions.USAGE,
                PipelineOptions::parse);
        if (options == null) {
            return;
        }
        PipelineReport report = new BookPipelineRun(options, System.out).run();
        if (options.json() != null) {
            report.writeJson(options.json());
        }
        System.exit(report.passed() ? 0 : 1);
    }

    /** Starts everything, drives, checks, stops everything; returns the report (also printed). */
    public PipelineReport run() throws IOException {
        Path workDir = options.workDir() != null ? Files.createDirectories(options.workDir())
                : Files.createTempDirectory("exbus-book-pipeline-");
        if (System.getProperty(BrokerProcess.JVM_OPTIONS_PROPERTY) == null) {
            // the broker is measured here: full JIT and a heap of its own, not local-stack's quick-start options
            System.setProperty(BrokerProcess.JVM_OPTIONS_PROPERTY, "-Xmx1g");
        }
        out.println("book-pipeline: starting the broker and the registry (" + options.broker() + "), logs in "
                + workDir);
        try (LocalStack stack = options.broker() == LocalStack.Mode.IN_JVM ? LocalStack.startInJvm()
                : LocalStack.startProcesses();
             SimulatedMarket market = SimulatedMarket.start(options.symbols(), options.seed())) {
            createTopics(stack);
            PipelineReport report = new Pipeline(options, out, stack, market, workDir, serviceJvmOptions()).run();
            report.print(out);
            out.println("book-pipeline: services' logs and configuration in " + workDir);
            return report;
        }
    }

    /** The services' JVM options: {@value #SERVICE_JVM_OPTIONS} (default {@code -Xmx1g}) and their logging. */
    public static List<String> serviceJvmOptions() {
        List<String> jvmOptions = new ArrayList<>(JvmOptions.fromProperty(SERVICE_JVM_OPTIONS, List.of("-Xmx1g")));
        jvmOptions.add("-Dlogback.configurationFile=exbus-bench-service-logback.xml");
        return jvmOptions;
    }

    /** The catalogue's topics with their partitions and cleanup policies, and the services' dead-letter topics. */
    public static void createTopics(LocalStack stack) {
        List<Topic> topics = new ArrayList<>(Topics.ALL);
        topics.add(Topics.deadLetter(IngestMain.SERVICE));
        topics.add(Topics.deadLetter(StreamsAppsMain.SERVICE_NAME));
        for (Topic topic : topics) {
            stack.createTopic(topic.name(), topic.partitions(),
                    Map.of("cleanup.policy", topic.cleanupPolicy().kafkaValue()));
        }
    }
}
