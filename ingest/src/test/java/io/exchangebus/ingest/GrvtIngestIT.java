package io.exchangebus.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.avro.topics.Topics;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.Ticker;
import io.exchangebus.events.Trade;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.junit.LocalStackExtension;
import io.exchangebus.sim.engine.BookSnapshot;
import io.exchangebus.sim.engine.EngineEvent;
import io.exchangebus.sim.engine.Fill;
import io.exchangebus.sim.grvt.GrvtSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest with GRVT by configuration alone (an {@code exchanges.grvt} entry with custom endpoints and subscriptions
 * naming GRVT's instruments), against the real broker and registry and the GRVT simulator over real sockets: the
 * perpetual's full book ({@code v1.book.d}) and another's top 10 ({@code v1.book.s}) on {@code market.book.v1} equal
 * the simulator's book; trades equal the trades its engine printed; tickers reach {@code market.tickers.v1}; every
 * event carries our instrument id ({@code BTC_USDT_Perp} is {@code BTC-USDT-PERP}, as Binance USD-M's BTCUSDT).
 */
@ExtendWith(LocalStackExtension.class)
class GrvtIngestIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String BTC = "BTC_USDT_Perp";
    private static final String ETH = "ETH_USDT_Perp";

    @TempDir
    Path dir;
    private LocalStack stack;
    private GrvtSimulator sim;
    private RunningIngest ingest;
    private TopicReader<BookUpdate> books;
    private TopicReader<Trade> trades;
    private TopicReader<Ticker> tickers;
    /**
     * The engine's trades by symbol and GRVT trade id ({@code <engine id>-1}, as the simulator prints it; the engine
     * numbers each instrument's trades on its own).
     */
    private final Map<String, Fill> printed = new ConcurrentHashMap<>();

    @BeforeEach
    void start(LocalStack stack) throws Exception {
        this.stack = stack;
        CatalogueTopics.ensure(stack.bootstrapServers());
        books = new TopicReader<>(stack.bootstrapServers(), stack.registryUrl(), Topics.MARKET_BOOK.name());
        trades = new TopicReader<>(stack.bootstrapServers(), stack.registryUrl(), Topics.MARKET_TRADES.name());
        tickers = new TopicReader<>(stack.bootstrapServers(), stack.registryUrl(), Topics.MARKET_TICKERS.name());
        sim = GrvtSimulator.builder().seed(42).marketData(false).publishInterval(Duration.ofMillis(100)).build();
        sim.simulator().addListener(event -> {
            if (event instanceof EngineEvent.TradePrinted t) {
                printed.put(t.fill().symbol() + ":" + t.fill().tradeId() + "-1", t.fill());
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        if (ingest != null) {
            assertThat(ingest.stop()).as("exit code after a clean stop").isZero();
        }
        sim.close();
        for (TopicReader<?> reader : List.of(books, trades, tickers)) {
            reader.close();
        }
    }

    @Test
    void shouldPublishGrvtsBooksTradesAndTickersUnderOurInstrumentIds() throws Exception {
        ingest = RunningIngest.start(dir, config());
        assertThat(ingest.get("/health/ready").statusCode()).isEqualTo(200);
        String btcKey = "grvt:" + BTC;
        String ethKey = "grvt:" + ETH;

        stepUntil(() -> !trades.poll().isEmpty() && !trades.values(btcKey).isEmpty()
                && !trades.values(ethKey).isEmpty());
        for (int i = 0; i < 20; i++) {
            sim.generator(BTC).step();
            sim.generator(ETH).step();
        }

        BookSnapshot btcTruth = sim.simulator().book(BTC);
        List<BookUpdate> btcBooks = books.awaitValues(btcKey, WAIT, "the perpetual's full book as the simulator's",
                updates -> BookView.of(updates).equalsTruth(btcTruth.bids(), btcTruth.asks()));
        assertThat(btcBooks.get(0).getKind()).isEqualTo(BookUpdateKind.SNAPSHOT);
        assertThat(btcBooks.get(0).getInstrumentId()).isEqualTo("BTC-USDT-PERP");
        assertThat(btcBooks.subList(1, btcBooks.size())).anyMatch(b -> b.getKind() == BookUpdateKind.DELTA);
        BookSnapshot ethTruth = sim.simulator().book(ETH).top(10);
        List<BookUpdate> ethBooks = books.awaitValues(ethKey, WAIT, "the top 10 as the simulator's",
                updates -> BookView.of(updates.subList(updates.size() - 1, updates.size()))
                        .equalsTruth(ethTruth.bids(), ethTruth.asks()));
        assertThat(ethBooks).allMatch(b -> b.getKind() == BookUpdateKind.SNAPSHOT && b.getDepth() == 10);
        assertThat(ethBooks.get(0).getInstrumentId()).isEqualTo("ETH-USDT-PERP");

        assertTradesAsTheEnginePrintedThem(btcKey);
        assertTradesAsTheEnginePrintedThem(ethKey);

        Ticker ticker = tickers.awaitValues(btcKey, WAIT, "the perpetual's tickers", v -> !v.isEmpty()).get(0);
        assertThat(ticker.getInstrumentId()).isEqualTo("BTC-USDT-PERP");
        assertThat(ticker.getMarkPrice()).isPositive();
        assertThat(ticker.getGreeks()).isNull();
        assertThat(ingest.get("/subscriptions").body()).contains("\"tickers\":true");
    }

    /** Every trade published under {@code key} is a trade the engine printed, of that price and size, once. */
    private void assertTradesAsTheEnginePrintedThem(String key) {
        List<Trade> published = trades.awaitValues(key, WAIT, "trades of " + key, values -> values.size() >= 1);
        assertThat(published.stream().map(Trade::getTradeId).distinct().count()).as("published once")
                .isEqualTo(published.size());
        for (Trade trade : published) {
            Fill fill = printed.get(trade.getSymbol() + ":" + trade.getTradeId());
            assertThat(fill).as("trade %s printed by the engine", trade.getTradeId()).isNotNull();
            assertThat(trade.getSymbol()).isEqualTo(fill.symbol());
            assertThat(trade.getPrice()).isEqualByComparingTo(fill.price());
            assertThat(trade.getQuantity()).isEqualByComparingTo(fill.quantity());
            assertThat(trade.getExchange()).isEqualTo("grvt");
        }
    }

    private void stepUntil(BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT.toSeconds() + " s");
            }
            sim.generator(BTC).step();
            sim.generator(ETH).step();
        }
    }

    /** GRVT by configuration: custom endpoints at the simulator, no account (public streams). */
    private String config() {
        return "service:\n  http-port: 0\n  shutdown-timeout: 10s\n"
                + "kafka:\n  bootstrap-servers: " + stack.bootstrapServers() + "\n"
                + "  schema-registry-url: " + stack.registryUrl() + "\n"
                + "exchanges:\n  grvt:\n    environment: custom\n    endpoints:\n"
                + "      edge-url: " + sim.restBaseUri() + "\n"
                + "      trades-url: " + sim.restBaseUri() + "\n"
                + "      market-data-url: " + sim.restBaseUri() + "\n"
                + "      trades-ws-url: " + sim.tradesWsUri() + "\n"
                + "      market-data-ws-url: " + sim.marketDataWsUri() + "\n"
                + "ingest:\n  subscriptions:\n"
                + "    btc-perp:\n      exchange: grvt\n      symbol: " + BTC + "\n"
                + "      book-depth: 0\n      trades: true\n      tickers: true\n"
                + "    eth-perp:\n      exchange: grvt\n      symbol: " + ETH + "\n"
                + "      book-depth: 10\n      book-interval: 500ms\n      trades: true\n";
    }
}
