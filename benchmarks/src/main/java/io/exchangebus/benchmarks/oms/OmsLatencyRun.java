package io.exchangebus.benchmarks.oms;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.avro.serde.AvroDeserializer;
import io.exchangebus.avro.serde.AvroSerdeConfig;
import io.exchangebus.avro.topics.CleanupPolicy;
import io.exchangebus.avro.topics.Topic;
import io.exchangebus.avro.topics.TopicKey;
import io.exchangebus.avro.topics.Topics;
import io.exchangebus.events.OrderAck;
import io.exchangebus.events.OrderCommand;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.localstack.process.ChildProcess;
import io.exchangebus.localstack.process.Classpath;
import io.exchangebus.localstack.process.ServiceProcess;
import io.exchangebus.localstack.process.WorkDir;
import io.exchangebus.sim.ReceivedOrderCommand;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code benchmarks/run-oms-latency}: order latency at a steady rate, beside its floor, in one run. Two phases on
 * the same broker, each {@code --seconds} of commands at {@code --rate} from a process of their own:
 * <ol>
 *   <li><b>floor</b>: {@link EchoService}, a bare transactional consume → produce echo in its own JVM with
 *       oms-service's consumer settings; measured from each command's {@code createdAt} to its echo's arrival at a
 *       read_committed consumer here;</li>
 *   <li><b>oms-service</b> in its own JVM on the simulators of {@code --exchange} (Binance spot and USD-M, Deribit
 *       or GRVT): from {@code createdAt} to (a) the
 *       simulator's receipt of the order and (b) the ack's arrival at a read_committed consumer here.</li>
 * </ol>
 * Percentiles p50, p99, p99.9 and max of each, the ratio of oms-service's command → ack to the floor at each, and
 * whether a backlog grew (the share of commands acked after the stream ended, and the latency of the last second
 * against the first).
 */
public final class OmsLatencyRun {
    private static final Topic LATENCY_COMMANDS = new Topic("latency.commands.v1", TopicKey.EXCHANGE_ACCOUNT,
            OrderCommand.getClassSchema(), CleanupPolicy.DELETE, 6, "the floor's commands");
    private static final Topic LATENCY_ECHO = new Topic("latency.echo.v1", TopicKey.EXCHANGE_ACCOUNT,
            OrderCommand.getClassSchema(), CleanupPolicy.DELETE, 6, "the floor's echoes");
    private static final Duration DRAIN = Duration.ofSeconds(120);

    private final LatencyOptions options;
    private final PrintStream out;
    private final Map<String, Integer> ackStatuses = new java.util.TreeMap<>();

    OmsLatencyRun(LatencyOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("logback.configurationFile") == null) {
            // before the first logger: the services' own logback.xml is on this class path too
            System.setProperty("logback.configurationFile", "exbus-benchmarks-logback.xml");
        }
        LatencyOptions options;
        try {
            options = LatencyOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(new OmsLatencyRun(options, System.out).run().passed() ? 0 : 1);
    }

    /** One phase's latencies of the measured commands (after the warm-up), in microseconds; how many answered. */
    record Phase(String name, long[] micros, int answered, long lateAcks, CpuMeter cpu) {
        long percentile(double p) {
            long[] sorted = micros.clone();
            Arrays.sort(sorted);
            if (sorted.length == 0) {
                return -1;
            }
            return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1))];
        }
    }

    /** The figures of a run. */
    record Report(Phase floor, Phase toExchange, Phase toAck, int commands) {
        boolean passed() {
            return floor.answered() == commands && toAck.answered() == commands;
        }
    }

    Report run() throws Exception {
        WorkDir work = WorkDir.create();
        out.println("oms-latency: " + options + "; logs in " + work.path());
        List<String> accounts = options.accountNames();
        try (OmsBenchStack stack = new OmsBenchStack(work.path(), options.exchange(), accounts, options.seed(),
                List.of(Topics.ORDER_COMMANDS, Topics.ORDER_ACKS, Topics.ORDER_UPDATES, Topics.MARKET_BOOK,
                        Topics.deadLetter("oms-service"), LATENCY_COMMANDS, LATENCY_ECHO), options.addresses())) {
            ChildProcess echo = ChildProcess.start("echo", work.path(), Classpath.current(), List.of("-Xmx256m"),
                    EchoService.class.getName(), List.of(stack.bootstrap(), LATENCY_COMMANDS.name(),
                            LATENCY_ECHO.name()));
            Phase floor;
            try {
                floor = measure(stack, "floor", LATENCY_COMMANDS.name(), LATENCY_ECHO.name(),
                        v -> ((OrderCommand) v).getCommandId(),
                        v -> ((OrderCommand) v).getCreatedAt(), v -> { }, stack.cpuMeter().process("echo",
                                echo.pid()), () -> { });
            } finally {
                echo.stop(Duration.ofSeconds(5));
            }
            ServiceProcess oms = stack.startOms();
            Phase toAck;
            // scraped beside the reading loop: a pause there would add to the latency of the answers it holds up
            AtomicReference<CompletableFuture<Map<String, double[]>>> atMeasuring =
                    new AtomicReference<>(CompletableFuture.completedFuture(Map.of()));
            try {
                toAck = measure(stack, "oms-service", Topics.ORDER_COMMANDS.name(), Topics.ORDER_ACKS.name(),
                        v -> ((OrderAck) v).getCommandId(), v -> ((OrderAck) v).getCommandCreatedAt(), v -> {
                            OrderAck ack = (OrderAck) v;
                            ackStatuses.merge(ack.getStatus() + (ack.getError() == null ? ""
                                    : " " + ack.getError().getCode()), 1, Integer::sum);
                        }, stack.cpuMeter().process("oms-service", oms.pid()),
                        () -> atMeasuring.set(CompletableFuture.supplyAsync(() -> scrape(oms))));
                printBatchProfile(new MetricsWindow(atMeasuring.get().join(), scrape(oms)));
            } finally {
                oms.close();
            }
            Phase toExchange = toExchange(stack);
            Report report = new Report(floor, toExchange, toAck, options.commands());
            print(report);
            return report;
        }
    }

    /**
     * Sends the phase's commands and reads what answers them, read_committed, from the end of {@code answers}:
     * for each command, the time from its createdAt to the first answer's arrival here, which {@code onAnswer} sees.
     */
    private Phase measure(OmsBenchStack stack, String name, String commandsTopic, String answersTopic,
                          Function<Object, String> commandIdOf, Function<Object, Instant> createdAtOf,
                          java.util.function.Consumer<Object> onAnswer, CpuMeter cpu, Runnable atMeasuring)
            throws Exception {
        Map<String, long[]> latency = new LinkedHashMap<>(); // command id -> created (epoch µs), latency (µs)
        AtomicBoolean streaming = new AtomicBoolean(true);
        long[] afterStream = {0};
        try (KafkaConsumer<String, Object> answers = consumer(stack)) {
            List<TopicPartition> partitions = answers.partitionsFor(answersTopic).stream()
                    .map(p -> new TopicPartition(answersTopic, p.partition())).toList();
            answers.assign(partitions);
            answers.seekToEnd(partitions);
            partitions.forEach(answers::position);
            ChildProcess stream = stack.startCommandStream(commandsTopic, options.commands(), options.rate(),
                    options.seed(), 0.0, 0.5, options.accountNames());
            out.println("oms-latency: " + name + ": " + options.commands() + " commands at " + options.rate() + "/s");
            cpu.process("command stream", stream.pid());
            long measuring = System.nanoTime() + options.warmup() * 1_000_000_000L;
            long nextSample = 0;
            long deadline = Long.MAX_VALUE;
            while (latency.size() < options.commands() && System.nanoTime() < deadline) {
                if (measuring != 0 && System.nanoTime() >= measuring) {
                    atMeasuring.run();
                    cpu.start();
                    measuring = 0;
                }
                if (measuring == 0 && System.nanoTime() >= nextSample) {
                    cpu.sample();
                    nextSample = System.nanoTime() + 1_000_000_000L;
                }
                for (ConsumerRecord<String, Object> r : answers.poll(Duration.ofMillis(20))) {
                    Instant now = Instant.now();
                    Instant created = createdAtOf.apply(r.value());
                    if (latency.putIfAbsent(commandIdOf.apply(r.value()), new long[] {micros(created),
                            ChronoUnit.MICROS.between(created, now)}) == null) {
                        onAnswer.accept(r.value());
                    }
                    if (!streaming.get()) {
                        afterStream[0]++;
                    }
                }
                if (streaming.get() && !stream.isAlive()) {
                    streaming.set(false);
                    deadline = System.nanoTime() + DRAIN.toNanos();
                    out.println("oms-latency: " + name + ": stream done, " + latency.size() + " answered so far");
                }
            }
        }
        cpu.stop();
        long measuredFrom = latency.values().stream().mapToLong(v -> v[0]).min().orElse(0)
                + options.warmup() * 1_000_000L;
        long[] micros = latency.values().stream().filter(v -> v[0] >= measuredFrom).mapToLong(v -> v[1]).toArray();
        out.printf("oms-latency: %s: %d of %d answered, %d after the stream ended; %d measured after the %d s "
                + "warm-up%n", name, latency.size(), options.commands(), afterStream[0], micros.length,
                options.warmup());
        return new Phase(name, micros, latency.size(), afterStream[0], cpu);
    }

    private static long micros(Instant at) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at);
    }

    /** From each order's command createdAt to the simulator's receipt of it. */
    private Phase toExchange(OmsBenchStack stack) {
        // Keyed as the simulators record orders: their account and the exchange's client order id of ours.
        Map<String, Instant> createdByOrder = new HashMap<>();
        ChaosTally.readCommands(stack.bootstrap(), stack.registryUrl(), Topics.ORDER_COMMANDS.name(), c -> {
            if (c.getAction() instanceof PlaceOrder p) {
                createdByOrder.put(stack.venue(c.getExchange()).keyOf(c.getAccount(), p.getClientOrderId()),
                        c.getCreatedAt());
            }
        });
        Instant measuredFrom = createdByOrder.values().stream().min(Instant::compareTo).orElse(Instant.EPOCH)
                .plusSeconds(options.warmup());
        List<Long> micros = new ArrayList<>();
        int placed = 0;
        for (ChaosTally.AtExchange done : stack.atExchange()) {
            ReceivedOrderCommand r = done.command();
            if (r.kind() == ReceivedOrderCommand.Kind.PLACE && r.rejectReason() == null) {
                Instant created = createdByOrder.get(stack.venue(done.exchange()).keyOf(r));
                if (created != null) {
                    placed++;
                    if (!created.isBefore(measuredFrom)) {
                        micros.add(ChronoUnit.MICROS.between(created, r.receivedAt()));
                    }
                }
            }
        }
        return new Phase("command -> exchange", micros.stream().mapToLong(Long::longValue).toArray(), placed, 0,
                null);
    }

    /** oms-service's own timers as its {@code /metrics} has them now; empty if it cannot be read. */
    private Map<String, double[]> scrape(ServiceProcess oms) {
        try {
            return MetricsWindow.parse(oms.get("/metrics").body(), "exbus_oms_");
        } catch (java.io.IOException e) {
            out.println("oms-latency: /metrics unreadable: " + e);
            return Map.of();
        }
    }

    /** Commands per commit, and the mean of each phase and exchange round trip, over the measured part only. */
    private void printBatchProfile(MetricsWindow window) {
        out.println("oms-latency: oms-service's batches after the warm-up (from its /metrics: events, mean; "
                + "seconds in ms):");
        for (MetricsWindow.Series series : window.series()) {
            boolean seconds = series.name().contains("_seconds");
            out.printf("  %-110s %8d %10.3f%n", series.name().replace("instance=\"oms-bench\",", "")
                    .replace(",service=\"oms-service\"", "").replace("{service=\"oms-service\"}", ""),
                    series.count(), seconds ? series.mean() * 1000 : series.mean());
        }
    }

    private void print(Report report) throws java.io.IOException {
        double[] ps = {0.5, 0.99, 0.999, 1.0};
        String[] names = {"p50", "p99", "p99.9", "max"};
        out.println();
        out.printf("oms-latency report (%s): %d commands at %d/s a phase over %d accounts on %d addresses, the %d "
                + "of the last %d s measured (ms)%n", options.exchange(), options.commands(), options.rate(),
                options.accounts(), options.addresses(), options.measured(), options.seconds());
        out.printf("  %-34s %10s %10s %10s %10s%n", "", names[0], names[1], names[2], names[3]);
        for (Phase phase : List.of(report.floor(), report.toExchange(), report.toAck())) {
            StringBuilder line = new StringBuilder(String.format("  %-34s", phase.name() + (phase == report.toAck()
                    ? " command -> ack" : phase == report.floor() ? " echo (command -> echo)" : "")));
            for (double p : ps) {
                line.append(String.format(" %10.2f", phase.percentile(p) / 1000.0));
            }
            out.println(line);
        }
        StringBuilder ratio = new StringBuilder(String.format("  %-34s", "command -> ack / floor"));
        for (double p : ps) {
            ratio.append(String.format(" %10.2f", (double) report.toAck().percentile(p)
                    / Math.max(1, report.floor().percentile(p))));
        }
        out.println(ratio);
        out.printf("  answered after the stream ended: floor %d, oms-service %d%n", report.floor().lateAcks(),
                report.toAck().lateAcks());
        out.printf("  oms-service's acks by status (and refusal code): %s%n", ackStatuses);
        for (Phase phase : List.of(report.floor(), report.toAck())) {
            out.printf("  CPU of the %s phase after its warm-up (%.1f s): the machine %.0f %% busy; per 1,000 "
                    + "commands:", phase.name(), phase.cpu().wall().toMillis() / 1000.0,
                    100 * phase.cpu().machineShare());
            double thousands = options.rate() * phase.cpu().wall().toMillis() / 1_000_000.0;
            phase.cpu().used().forEach((process, cpu) -> out.printf(" %s %.0f ms;", process,
                    cpu.toMillis() / Math.max(thousands, 1e-9)));
            out.println();
        }
        out.println(report.passed() ? "COMPLETE" : "INCOMPLETE: not every command was answered");
        if (options.json() != null) {
            ObjectMapper json = new ObjectMapper();
            ObjectNode root = json.createObjectNode();
            root.put("exchange", options.exchange());
            root.put("commands", report.commands());
            root.put("rate", options.rate());
            root.put("warmupSeconds", options.warmup());
            root.put("measuredSeconds", options.seconds());
            root.put("accounts", options.accounts());
            root.put("addresses", options.addresses());
            root.set("acksByStatus", json.valueToTree(ackStatuses));
            for (Phase phase : List.of(report.floor(), report.toExchange(), report.toAck())) {
                ObjectNode node = root.putObject(phase.name());
                for (int i = 0; i < ps.length; i++) {
                    node.put(names[i] + "Micros", phase.percentile(ps[i]));
                }
                node.put("answered", phase.answered());
                if (phase.cpu() != null) {
                    ObjectNode cpu = node.putObject("cpuMillis");
                    phase.cpu().used().forEach((process, used) -> cpu.put(process, used.toMillis()));
                    node.put("machineBusy", phase.cpu().machineShare());
                }
                node.put("measured", phase.micros().length);
                node.put("afterStream", phase.lateAcks());
            }
            Files.writeString(options.json(), json.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        }
    }

    private static KafkaConsumer<String, Object> consumer(OmsBenchStack stack) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrap());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // The default fetch wait: the broker answers as soon as a commit makes answers visible; a short wait would
        // only add empty fetches, CPU of the broker and of this JVM taken from what is measured.
        AvroDeserializer<Object> values = new AvroDeserializer<>();
        values.configure(Map.of(AvroSerdeConfig.REGISTRY_URL, stack.registryUrl()), false);
        return new KafkaConsumer<>(props, new StringDeserializer(), values);
    }
}
