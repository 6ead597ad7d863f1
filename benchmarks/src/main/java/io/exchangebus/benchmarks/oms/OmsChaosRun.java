package io.exchangebus.benchmarks.oms;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.avro.topics.Topics;
import io.exchangebus.localstack.process.ChildProcess;
import io.exchangebus.localstack.process.ServiceProcess;
import io.exchangebus.localstack.process.WorkDir;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code benchmarks/run-oms-chaos}: oms-service under crashes and load. Many funded accounts on the Binance spot and
 * USD-M simulators; a command stream in a process of its own at a steady rate; oms-service (its own JVM, as
 * deployed) killed with SIGKILL at random moments and started again with the same configuration, and the broker
 * killed and restarted likewise. Then it counts, from the topics and the simulators' own records: acks per command,
 * orders per client order id at the exchange, orders placed but not acked ACCEPTED, cancels executed but not acked
 * ACCEPTED, orders without an update, dead letters; and how long oms-service took to be ready after each restart.
 * Exit code 0 only when every count is right.
 */
public final class OmsChaosRun {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(180);

    private final ChaosOptions options;
    private final PrintStream out;
    private final List<Long> omsRestartMillis = new ArrayList<>();
    private final List<Long> omsReadyAfterBrokerMillis = new ArrayList<>();

    OmsChaosRun(ChaosOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("logback.configurationFile") == null) {
            // before the first logger: the services' own logback.xml is on this class path too
            System.setProperty("logback.configurationFile", "exbus-benchmarks-logback.xml");
        }
        ChaosOptions options;
        try {
            options = ChaosOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(new OmsChaosRun(options, System.out).run() ? 0 : 1);
    }

    /** Runs it; whether every count is right. */
    boolean run() throws Exception {
        WorkDir work = WorkDir.create();
        out.println("oms-chaos: " + options + "; logs in " + work.path());
        try {
            return run(work);
        } finally {
            out.println("oms-chaos: logs kept in " + OmsBenchStack.keepLogs(work.path(), "oms-chaos"));
        }
    }

    private boolean run(WorkDir work) throws Exception {
        try (OmsBenchStack stack = new OmsBenchStack(work.path(), "binance", options.accountNames(), options.seed(),
                List.of(Topics.ORDER_COMMANDS, Topics.ORDER_ACKS, Topics.ORDER_UPDATES, Topics.MARKET_BOOK,
                        Topics.deadLetter("oms-service")), options.addresses())) {
            String bootstrap = stack.bootstrap();
            ServiceProcess oms = stack.startOms();
            out.println("oms-chaos: broker " + bootstrap + ", registry " + stack.registryUrl()
                    + ", oms-service ready");
            ChildProcess stream = stack.startCommandStream(Topics.ORDER_COMMANDS.name(), options.commands(),
                    options.rate(), options.seed(), options.expiringShare(), options.cancelShare(),
                    options.accountNames());
            long streamSeconds = (long) Math.ceil((double) options.commands() / options.rate());
            long start = System.nanoTime();
            for (Kill kill : schedule(streamSeconds)) {
                sleepUntil(start + kill.atMillis() * 1_000_000);
                if (kill.broker()) {
                    out.printf("oms-chaos: %5.1f s  kill -9 broker%n", seconds(start));
                    stack.broker.kill();
                    Thread.sleep(kill.downMillis());
                    stack.broker.restart();
                    long back = System.nanoTime();
                    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                        long acksBefore = ackRecords(admin);
                        oms = awaitOmsAfterBroker(oms, stack);
                        awaitAcks(admin, acksBefore);
                    }
                    long ms = (System.nanoTime() - back) / 1_000_000;
                    omsReadyAfterBrokerMillis.add(ms);
                    out.printf("oms-chaos: %5.1f s  broker back; oms-service ready and acking %d ms later%n",
                            seconds(start), ms);
                } else {
                    out.printf("oms-chaos: %5.1f s  kill -9 oms-service%n", seconds(start));
                    oms.kill();
                    Thread.sleep(kill.downMillis());
                    long restarted = System.nanoTime();
                    oms = stack.startOms();
                    long ms = (System.nanoTime() - restarted) / 1_000_000;
                    omsRestartMillis.add(ms);
                    out.printf("oms-chaos: %5.1f s  oms-service restarted, taking commands in %d ms%n",
                            seconds(start), ms);
                }
            }
            OptionalInt streamExit = stream.awaitExit(Duration.ofSeconds(streamSeconds + 600));
            out.println("oms-chaos: command stream ended (" + streamExit + "): " + stream.logTail(1).strip());
            ChaosTally tally = settle(bootstrap, stack.registryUrl());
            tally.compare(stack.atExchange());
            oms.close();
            return report(tally, (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** A kill: of the broker or of oms-service, when (ms after the stream starts), and for how long it stays down. */
    private record Kill(boolean broker, long atMillis, long downMillis) {
    }

    /** Kills spread over the stream's middle 80 %, each at a random moment of its own slot, broker ones among them. */
    private List<Kill> schedule(long streamSeconds) {
        Random random = new Random(options.seed());
        int total = options.omsKills() + options.brokerKills();
        List<Boolean> kinds = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            kinds.add(i < options.brokerKills());
        }
        java.util.Collections.shuffle(kinds, random);
        List<Kill> kills = new ArrayList<>();
        long span = streamSeconds * 1000 * 8 / 10;
        long slot = total == 0 ? 0 : span / total;
        for (int i = 0; i < total; i++) {
            long at = streamSeconds * 100 + i * slot + (long) (random.nextDouble() * slot * 0.5);
            kills.add(new Kill(kinds.get(i), at, kinds.get(i) ? 2000 + random.nextInt(3000) : random.nextInt(2000)));
        }
        return kills;
    }

    /** After the broker's return: oms-service ready again, or, if it stopped processing, started again. */
    private ServiceProcess awaitOmsAfterBroker(ServiceProcess oms, OmsBenchStack stack) {
        try {
            OmsBenchStack.awaitTakingCommands(oms, READY_TIMEOUT);
            return oms;
        } catch (IllegalStateException e) {
            out.println("oms-chaos: oms-service did not recover from the broker restart by itself; restarting it: "
                    + e.getMessage().lines().findFirst().orElse(""));
            oms.kill();
            return stack.startOms();
        }
    }

    /** How many records the acks topic holds (end offsets, all partitions). */
    private static long ackRecords(Admin admin) throws ExecutionException, InterruptedException {
        int partitions = admin.describeTopics(List.of(Topics.ORDER_ACKS.name())).allTopicNames().get()
                .get(Topics.ORDER_ACKS.name()).partitions().size();
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(Topics.ORDER_ACKS.name(), p), OffsetSpec.latest());
        }
        return admin.listOffsets(latest).all().get().values().stream()
                .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
    }

    /** Waits until acks beyond {@code before} records are written: the OMS commits again. */
    private static void awaitAcks(Admin admin, long before) throws ExecutionException, InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (ackRecords(admin) <= before && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    /** Reads the topics until every command has an ack, or nothing has changed for a while. */
    private ChaosTally settle(String bootstrap, String registry) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        ChaosTally tally;
        while (true) {
            tally = read(bootstrap, registry);
            long acked = tally.commands.keySet().stream().filter(tally.acks::containsKey).count();
            out.printf("oms-chaos: %d commands, %d acked%n", tally.commands.size(), acked);
            if (acked == tally.commands.size() || System.nanoTime() > deadline) {
                return tally;
            }
            Thread.sleep(5000);
        }
    }

    private static ChaosTally read(String bootstrap, String registry) {
        return ChaosTally.read(bootstrap, registry, Topics.ORDER_COMMANDS.name(), Topics.ORDER_ACKS.name(),
                Topics.ORDER_UPDATES.name(), Topics.deadLetter("oms-service").name());
    }

    private boolean report(ChaosTally tally, long elapsedMillis) throws IOException {
        out.println();
        out.println("oms-chaos report (" + options.commands() + " commands at " + options.rate() + "/s over "
                + options.accounts() + " accounts on " + options.addresses() + " addresses, "
                + omsRestartMillis.size() + " oms-service kills, "
                + omsReadyAfterBrokerMillis.size() + " broker kills, " + elapsedMillis / 1000 + " s)");
        out.printf("  commands on orders.commands.v1        %d%n", tally.commands.size());
        out.printf("  acks by status                        %s%n", tally.acksByStatus);
        out.printf("  refusals by code                      %s%n", tally.rejectionsByCode);
        out.printf("  orders placed at the exchanges        %d%n", tally.placedAtExchange);
        out.printf("  cancels executed at the exchanges     %d%n", tally.canceledAtExchange);
        out.printf("  oms-service taking commands after a kill -9 and restart   %s ms%n", omsRestartMillis);
        out.printf("  acks again after the broker's return  %s ms%n", omsReadyAfterBrokerMillis);
        tally.problems().forEach((what, n) -> out.printf("  %-60s %d%n", what, n));
        tally.examples.forEach(e -> out.println("    e.g. " + e));
        boolean passed = tally.passed() && tally.commands.size() == options.commands();
        out.println(passed ? "PASSED" : "FAILED");
        if (options.json() != null) {
            ObjectMapper json = new ObjectMapper();
            ObjectNode root = json.createObjectNode();
            root.put("commands", tally.commands.size());
            root.set("acksByStatus", json.valueToTree(tally.acksByStatus));
            root.set("refusalsByCode", json.valueToTree(tally.rejectionsByCode));
            root.put("placedAtExchange", tally.placedAtExchange);
            root.put("canceledAtExchange", tally.canceledAtExchange);
            root.set("omsReadyAfterKillMillis", json.valueToTree(omsRestartMillis));
            root.set("omsReadyAfterBrokerMillis", json.valueToTree(omsReadyAfterBrokerMillis));
            root.set("problems", json.valueToTree(tally.problems()));
            root.put("passed", passed);
            Files.writeString(options.json(), json.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        }
        return passed;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
