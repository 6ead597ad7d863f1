package io.exchangebus.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.avro.topics.Topics;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.DeadLetter;
import io.exchangebus.events.RawFrame;
import io.exchangebus.events.Side;
import io.exchangebus.events.Trade;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.junit.LocalStackExtension;
import io.exchangebus.sim.binance.BinanceFamily;
import io.exchangebus.sim.engine.BookSnapshot;
import io.exchangebus.sim.engine.Fill;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Ingest as {@code main} runs it, against the real broker and registry and a Binance simulator over real sockets:
 * what reaches the topics is the simulator's book and trades; a sequence gap gives a resync snapshot; a malformed
 * frame becomes a dead letter; subscriptions come and go over the admin API.
 */
@ExtendWith(LocalStackExtension.class)
class IngestIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String BTC = "BTCUSDT";
    private static final String ETH = "ETHUSDT";

    @TempDir
    Path dir;
    private LocalStack stack;
    private SimulatedExchange exchange;
    private RunningIngest ingest;
    private TopicReader<BookUpdate> books;
    private TopicReader<Trade> trades;
    private TopicReader<RawFrame> raw;
    private TopicReader<DeadLetter> deadLetters;

    @BeforeEach
    void readers(LocalStack stack) throws Exception {
        this.stack = stack;
        CatalogueTopics.ensure(stack.bootstrapServers());
        books = reader(Topics.MARKET_BOOK.name());
        trades = reader(Topics.MARKET_TRADES.name());
        raw = reader(Topics.MARKET_RAW.name());
        deadLetters = reader(Topics.deadLetter(IngestMain.SERVICE).name());
    }

    @AfterEach
    void stop() throws Exception {
        if (ingest != null) {
            assertThat(ingest.stop()).as("exit code after a clean stop").isZero();
        }
        if (exchange != null) {
            exchange.close();
        }
        for (TopicReader<?> reader : List.of(books, trades, raw, deadLetters)) {
            reader.close();
        }
    }

    @ParameterizedTest
    @EnumSource(BinanceFamily.class)
    void shouldPublishTheSimulatorsBookAndEveryTradeItPrinted(BinanceFamily family) throws Exception {
        exchange = SimulatedExchange.start(family, b -> { });
        ingest = RunningIngest.start(dir, config(true, subscription("btc", BTC, 0, true)));
        assertThat(ingest.get("/health/ready").statusCode()).isEqualTo(200);
        String key = exchange.exchange() + ":" + BTC;

        stepUntil(() -> !trades.poll().isEmpty() && !trades.values(key).isEmpty());
        for (int i = 0; i < 20; i++) {
            exchange.simulator().generator(BTC).step();
        }

        BookSnapshot truth = exchange.simulator().simulator().book(BTC);
        books.awaitValues(key, WAIT, "the simulator's full book",
                updates -> BookView.of(updates).equalsTruth(truth.bids(), truth.asks()));
        long firstId = Long.parseLong(trades.values(key).get(0).getTradeId());
        // Trades printed before the exchange had the trade stream subscribed never came to us; every one after did.
        List<Fill> printed = exchange.printed(BTC).stream().filter(f -> f.tradeId() >= firstId).toList();
        assertThat(printed).as("trades the simulator printed").hasSizeGreaterThanOrEqualTo(20);
        List<Trade> published = trades.awaitValues(key, WAIT, "every printed trade",
                values -> values.size() >= printed.size());
        Map<String, Trade> byId = published.stream().collect(Collectors.toMap(Trade::getTradeId,
                Function.identity(), (a, b) -> {
                    throw new AssertionError("trade " + a.getTradeId() + " published twice");
                }));
        assertThat(byId.keySet()).containsExactlyInAnyOrderElementsOf(
                printed.stream().map(f -> Long.toString(f.tradeId())).toList());
        for (Fill fill : printed) {
            Trade trade = byId.get(Long.toString(fill.tradeId()));
            assertThat(trade.getPrice()).isEqualByComparingTo(fill.price());
            assertThat(trade.getQuantity()).isEqualByComparingTo(fill.quantity());
            assertThat(trade.getAggressorSide()).isEqualTo(Side.valueOf(fill.takerSide().name()));
            assertThat(trade.getExchange()).isEqualTo(exchange.exchange());
        }
        assertThat(books.values(key).get(0).getKind()).isEqualTo(BookUpdateKind.SNAPSHOT);
        String lastId = Long.toString(printed.get(printed.size() - 1).tradeId());
        raw.awaitValues(key, WAIT, "the raw frame of the last trade",
                frames -> frames.stream().anyMatch(f -> f.getPayload().contains(lastId)));
        String metrics = ingest.get("/metrics").body();
        assertThat(metrics).contains("exbus_messages_out_total{instance=")
                .contains("topic=\"market.trades.v1\"")
                .contains("exbus_end_to_end_latency_seconds_count{instance=");
    }

    @Test
    void shouldPublishAResyncSnapshotAfterAGapAndDeadLetterAMalformedFrame() throws Exception {
        exchange = SimulatedExchange.start(BinanceFamily.SPOT, b -> { });
        ingest = RunningIngest.start(dir, config(false, subscription("btc", BTC, 0, false)));
        String key = "binance-spot:" + BTC;
        books.awaitValues(key, WAIT, "the first snapshot", values -> !values.isEmpty());
        stepUntil(() -> books.poll() != null && books.values(key).size() > 1);
        assertThat(books.values(key)).noneMatch(BookUpdate::getResync);

        exchange.simulator().faults().skipSequence(1);
        for (int i = 0; i < 3; i++) {
            exchange.simulator().generator(BTC).step();
        }

        List<BookUpdate> updates = books.awaitValues(key, WAIT, "a resync snapshot",
                values -> values.stream().anyMatch(BookUpdate::getResync));
        BookUpdate resync = updates.stream().filter(BookUpdate::getResync).findFirst().orElseThrow();
        assertThat(resync.getKind()).isEqualTo(BookUpdateKind.SNAPSHOT);
        assertThat(resync.getDepth()).isZero();
        BookSnapshot truth = exchange.simulator().simulator().book(BTC);
        books.awaitValues(key, WAIT, "the simulator's book after the resync",
                values -> BookView.of(values).equalsTruth(truth.bids(), truth.asks()));
        assertThat(ingest.get("/metrics").body())
                .containsPattern("exbus_resyncs_total\\{exchange=\"binance-spot\"[^}]*} 1\\.0");

        exchange.simulator().faults().sendMalformedFrame();
        exchange.simulator().generator(BTC).step();

        DeadLetter letter = awaitDeadLetter();
        assertThat(letter.getService()).isEqualTo("ingest");
        assertThat(letter.getExchange()).isEqualTo("binance-spot");
        assertThat(letter.getErrorType()).isEqualTo("MALFORMED_FRAME");
        assertThat(letter.getReason()).isNotBlank();
        assertThat(StandardCharsets.UTF_8.decode(letter.getPayload()).toString()).isNotBlank();
        String metrics = ingest.get("/metrics").body();
        assertThat(metrics).containsPattern("exbus_errors_total\\{[^}]*type=\"malformed-frame\"} 1\\.0")
                .containsPattern("exbus_dead_letters_total\\{error_type=\"MALFORMED_FRAME\"[^}]*} 1\\.0");
    }

    @Test
    void shouldStartAndStopAnInstrumentsDataWhenItsSubscriptionIsAddedAndRemoved() throws Exception {
        exchange = SimulatedExchange.start(BinanceFamily.SPOT, b -> b.marketData(true));
        ingest = RunningIngest.start(dir, config(false, subscription("btc", BTC, 5, false)));
        String btc = "binance-spot:" + BTC;
        String eth = "binance-spot:" + ETH;

        HttpResponse<String> added = ingest.put("/subscriptions/eth", "{\"exchange\":\"binance-spot\","
                + "\"symbol\":\"ETHUSDT\",\"book-depth\":5,\"book-interval\":\"100ms\",\"trades\":true}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        assertThat(ingest.get("/subscriptions").body()).contains("\"name\":\"btc\"")
                .contains("\"name\":\"eth\",\"exchange\":\"binance-spot\",\"symbol\":\"ETHUSDT\"");
        List<BookUpdate> ethBooks = books.awaitValues(eth, WAIT, "ETHUSDT top-5 snapshots", v -> v.size() >= 3);
        assertThat(ethBooks).allMatch(b -> b.getDepth() == 5 && b.getKind() == BookUpdateKind.SNAPSHOT
                && b.getBids().size() <= 5);
        trades.awaitValues(eth, WAIT, "ETHUSDT trades", v -> !v.isEmpty());

        assertThat(ingest.delete("/subscriptions/eth").statusCode()).isEqualTo(204);
        int btcAtDelete = books.awaitValues(btc, WAIT, "BTC books", v -> true).size();
        books.awaitValues(btc, WAIT, "BTC books for a while after the delete", v -> v.size() >= btcAtDelete + 5);
        // Everything written until now, read to the end: what was in flight at the delete is in this count.
        books.drain();
        trades.drain();
        int ethSettled = books.values(eth).size() + trades.values(eth).size();
        books.awaitValues(btc, WAIT, "BTC books for a while longer", v -> v.size() >= btcAtDelete + 10);
        books.drain();
        trades.drain();

        assertThat(books.values(eth).size() + trades.values(eth).size()).as("ETHUSDT records after removal")
                .isEqualTo(ethSettled);
        assertThat(ingest.get("/subscriptions").body()).doesNotContain("ETHUSDT");
        HttpResponse<String> unknownSymbol = ingest.put("/subscriptions/nope",
                "{\"exchange\":\"binance-spot\",\"symbol\":\"NOPEUSDT\"}");
        assertThat(unknownSymbol.statusCode()).isEqualTo(400);
        assertThat(unknownSymbol.body()).contains("NOPEUSDT");
        assertThat(ingest.put("/subscriptions/x", "{\"exchange\":\"deribit\",\"symbol\":\"BTC\"}").statusCode())
                .isEqualTo(404);
        assertThat(ingest.put("/subscriptions/btc2", "{\"exchange\":\"binance-spot\",\"symbol\":\"BTCUSDT\"}")
                .statusCode()).isEqualTo(409);
        assertThat(ingest.delete("/subscriptions/eth").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldRefuseToStartWithASymbolTheExchangeDoesNotList() throws Exception {
        exchange = SimulatedExchange.start(BinanceFamily.SPOT, b -> { });
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        Path file = java.nio.file.Files.writeString(dir.resolve("bad.yaml"),
                config(false, subscription("doge", "DOGEUSDT", 5, true)));
        io.exchangebus.service.ServiceRunner runner = new io.exchangebus.service.ServiceRunner(IngestMain.SERVICE,
                IngestKeys.SCHEMA, Map.of(), new java.io.PrintStream(err, true, StandardCharsets.UTF_8));

        int code = runner.run(new String[] {"--config", file.toString()}, IngestMain::create);

        // found only once the exchange's instruments are known, but a configuration error all the same
        assertThat(code).isEqualTo(io.exchangebus.service.ServiceRunner.EXIT_BAD_CONFIG);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("config key 'ingest.subscriptions.doge.symbol': "
                + "exchange binance-spot lists no symbol 'DOGEUSDT'");
    }

    /** Steps BTCUSDT's market until {@code condition} holds; fails after {@link #WAIT}. */
    private long stepUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long steps = 0;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met after " + steps + " steps");
            }
            exchange.simulator().generator(BTC).step();
            steps++;
        }
        return steps;
    }

    private DeadLetter awaitDeadLetter() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<DeadLetter> letters = deadLetters.poll().stream().map(r -> r.value()).toList();
            if (!letters.isEmpty()) {
                return letters.get(0);
            }
        }
        throw new AssertionError("no dead letter within " + WAIT.toSeconds() + " s");
    }

    private <V> TopicReader<V> reader(String topic) {
        return new TopicReader<>(stack.bootstrapServers(), stack.registryUrl(), topic);
    }

    private String config(boolean rawFrames, String subscriptions) {
        return "service:\n  http-port: 0\n  shutdown-timeout: 10s\n"
                + "kafka:\n  bootstrap-servers: " + stack.bootstrapServers() + "\n"
                + "  schema-registry-url: " + stack.registryUrl() + "\n"
                + "exchanges:\n" + exchange.exchangeYaml()
                + "ingest:\n  raw-frames: " + rawFrames + "\n  subscriptions:\n" + subscriptions;
    }

    private String subscription(String name, String symbol, int depth, boolean trades) {
        return "    " + name + ":\n      exchange: " + exchange.exchange() + "\n      symbol: " + symbol + "\n"
                + "      book-depth: " + depth + "\n      trades: " + trades + "\n";
    }
}
