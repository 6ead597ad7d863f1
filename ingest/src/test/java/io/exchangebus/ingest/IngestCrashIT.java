package io.exchangebus.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.avro.topics.Topics;
import io.exchangebus.events.Trade;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.broker.RestartableBroker;
import io.exchangebus.localstack.junit.LocalStackExtension;
import io.exchangebus.localstack.process.Ports;
import io.exchangebus.sim.binance.BinanceFamily;
import io.exchangebus.sim.binance.BinanceSymbol;
import io.exchangebus.sim.engine.Fill;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crashes, with trades flowing from the Binance simulator and the simulator's own record of every trade it printed
 * to count against: the broker killed and started again (the idempotent producer waits and writes every trade
 * exactly once), and ingest itself killed and started again (the restarted process backfills the trades printed
 * while it was down from the exchange's trade history: every trade is there exactly once, in id order, none missed).
 */
@ExtendWith(LocalStackExtension.class)
class IngestCrashIT {
    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final String BTC = "BTCUSDT";
    private static final String KEY = "binance-spot:" + BTC;
    private static final Pattern MISSED = Pattern.compile(
            "exbus_trades_missed_total\\{exchange=\"binance-spot\"[^}]*symbol=\"BTCUSDT\"} ([0-9.]+)");
    private static final Pattern BACKFILLED = Pattern.compile(
            "exbus_trades_backfilled_total\\{exchange=\"binance-spot\"[^}]*symbol=\"BTCUSDT\"} ([0-9.]+)");

    @TempDir
    Path dir;

    @Test
    void shouldWriteEveryTradeExactlyOnceWhenTheBrokerIsKilledAndRestarted(LocalStack stack) throws Exception {
        try (RestartableBroker broker = RestartableBroker.start(Files.createDirectories(dir.resolve("broker")));
             SimulatedExchange exchange = singleSymbolExchange(5_000_000_000L)) {
            CatalogueTopics.ensure(broker.bootstrapServers());
            try (TopicReader<Trade> trades = new TopicReader<>(broker.bootstrapServers(), stack.registryUrl(),
                    Topics.MARKET_TRADES.name());
                 RunningIngest ingest = RunningIngest.start(dir, config(broker.bootstrapServers(),
                         stack.registryUrl(), exchange, 0))) {
                trades.awaitValues(KEY, WAIT, "trades flowing", values -> values.size() >= 10);

                broker.kill();
                int atKill = exchange.printed(BTC).size();
                await("30 trades printed while the broker is down", () -> exchange.printed(BTC).size() >= atKill + 30);
                broker.restart();
                int atRestart = exchange.printed(BTC).size();
                await("20 trades printed after the restart", () -> exchange.printed(BTC).size() >= atRestart + 20);
                exchange.simulator().generator(BTC).close();

                long first = Long.parseLong(trades.values(KEY).get(0).getTradeId());
                List<Long> printed = ids(exchange.printed(BTC), first);
                List<Trade> published = trades.awaitValues(KEY, WAIT, "every printed trade",
                        values -> values.size() >= printed.size());
                assertThat(published.stream().map(t -> Long.parseLong(t.getTradeId())).toList())
                        .as("every trade printed since the first published, once, in order")
                        .containsExactlyElementsOf(printed);
                assertThat(ingest.stop()).isZero();
            }
        }
    }

    @Test
    void shouldBackfillTheTradesPrintedWhileIngestWasKilledSoNoneIsLost(LocalStack stack) throws Exception {
        CatalogueTopics.ensure(stack.bootstrapServers());
        try (SimulatedExchange exchange = singleSymbolExchange(7_000_000_000L);
             TopicReader<Trade> trades = new TopicReader<>(stack.bootstrapServers(), stack.registryUrl(),
                     Topics.MARKET_TRADES.name())) {
            int opsPort = Ports.freeLoopbackPorts(1).get(0);
            Path config = Files.writeString(dir.resolve("ingest.yaml"),
                    config(stack.bootstrapServers(), stack.registryUrl(), exchange, opsPort));

            Process first = startChild(config, "first");
            try {
                trades.awaitValues(KEY, WAIT, "trades from the first process", values -> values.size() >= 10);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; its log:\n" + logOf("first"), e);
            } finally {
                first.destroyForcibly();
                assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
            int atKill = exchange.printed(BTC).size();
            await("10 trades printed while no ingest runs", () -> exchange.printed(BTC).size() >= atKill + 10);

            Process second = startChild(config, "second");
            String metrics;
            try {
                int atRestart = exchange.printed(BTC).size();
                trades.awaitValues(KEY, WAIT, "trades from the second process", values -> !values.isEmpty()
                        && exchange.printed(BTC).size() > atRestart
                        && Long.parseLong(values.get(values.size() - 1).getTradeId())
                        >= exchange.printed(BTC).get(atRestart).tradeId());
                await("20 trades printed after the restart", () -> exchange.printed(BTC).size() >= atRestart + 20);
                exchange.simulator().generator(BTC).close();
                long lastPrinted = exchange.printed(BTC).get(exchange.printed(BTC).size() - 1).tradeId();
                trades.awaitValues(KEY, WAIT, "the last printed trade", values -> !values.isEmpty()
                        && Long.parseLong(values.get(values.size() - 1).getTradeId()) == lastPrinted);
                metrics = get("http://127.0.0.1:" + opsPort + "/metrics").body();
            } finally {
                second.destroy();
                assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(second.exitValue()).as("143: ended by SIGTERM").isEqualTo(143);
            assertThat(logOf("second")).as("closed gracefully, producer flushed")
                    .contains("ingest closed: subscribers stopped, producer flushed").contains("ingest-vm stopped");

            long firstPublished = Long.parseLong(trades.values(KEY).get(0).getTradeId());
            List<Long> printed = ids(exchange.printed(BTC), firstPublished);
            List<Long> published = trades.values(KEY).stream().map(t -> Long.parseLong(t.getTradeId())).toList();
            assertThat(published).as("every trade printed since the first published, once, in id order")
                    .containsExactlyElementsOf(printed);
            Matcher missed = MISSED.matcher(metrics);
            assertThat(missed.find() ? Double.parseDouble(missed.group(1)) : 0.0)
                    .as("trades the restarted ingest counts as missed, in\n%s", metrics).isZero();
            Matcher backfilled = BACKFILLED.matcher(metrics);
            assertThat(backfilled.find()).as("exbus_trades_backfilled_total in\n%s", metrics).isTrue();
            assertThat(Double.parseDouble(backfilled.group(1))).as("at least the trades printed while it was down")
                    .isGreaterThanOrEqualTo(10);
        }
    }

    private static SimulatedExchange singleSymbolExchange(long firstTradeId) {
        return new SimulatedExchangeBuilder(firstTradeId).build();
    }

    private Process startChild(Path config, String name) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), IngestMain.class.getName(), "--config",
                config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("ingest-" + name + ".log").toFile());
        return builder.start();
    }

    private String logOf(String name) throws java.io.IOException {
        List<String> lines = Files.readAllLines(dir.resolve("ingest-" + name + ".log"));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static String config(String bootstrap, String registry, SimulatedExchange exchange, int opsPort) {
        return "service:\n  http-port: " + opsPort + "\n  shutdown-timeout: 10s\n"
                + "kafka:\n  bootstrap-servers: " + bootstrap + "\n  schema-registry-url: " + registry + "\n"
                + "exchanges:\n" + exchange.exchangeYaml()
                + "ingest:\n  subscriptions:\n    btc:\n      exchange: binance-spot\n      symbol: " + BTC + "\n"
                + "      book-depth: 5\n      trades: true\n";
    }

    /** Ids of {@code fills} from {@code from} on, in print order. */
    private static List<Long> ids(List<Fill> fills, long from) {
        List<Long> ids = new ArrayList<>();
        fills.stream().filter(f -> f.tradeId() >= from).forEach(f -> ids.add(f.tradeId()));
        return ids;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A running spot simulator of BTCUSDT alone, numbering trades from a given id. */
    private record SimulatedExchangeBuilder(long firstTradeId) {
        SimulatedExchange build() {
            SimulatedExchange exchange = SimulatedExchange.start(BinanceFamily.SPOT, BinanceSymbol.spotBtcUsdt(),
                    b -> b.firstIds(1, firstTradeId));
            // Started once the exchange records what it prints: a trade printed before that (the generator started
            // with the simulator) reached ingest but not the record, and the test saw one trade too many.
            exchange.simulator().generator(BTC).start();
            return exchange;
        }
    }
}
