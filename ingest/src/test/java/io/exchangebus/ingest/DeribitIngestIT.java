package io.exchangebus.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.avro.topics.Topics;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.Ticker;
import io.exchangebus.events.Trade;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.junit.LocalStackExtension;
import io.exchangebus.sim.deribit.DeribitSimulator;
import io.exchangebus.sim.engine.PriceLevel;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest with Deribit by configuration alone (an {@code exchanges.deribit} entry with custom endpoints and
 * subscriptions naming Deribit's instruments), against the real broker and registry and the Deribit simulator over
 * real sockets: the inverse perpetual's full book and an option's top 10 on {@code market.book.v1} equal the
 * simulator's {@code public/get_order_book}; trades equal its {@code public/get_last_trades_by_instrument}; tickers,
 * with the option's greeks, reach {@code market.tickers.v1}.
 */
@ExtendWith(LocalStackExtension.class)
class DeribitIngestIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PERP = "BTC-PERPETUAL";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private LocalStack stack;
    private DeribitSimulator sim;
    private RunningIngest ingest;
    private TopicReader<BookUpdate> books;
    private TopicReader<Trade> trades;
    private TopicReader<Ticker> tickers;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start(LocalStack stack) throws Exception {
        this.stack = stack;
        CatalogueTopics.ensure(stack.bootstrapServers());
        books = new TopicReader<>(stack.bootstrapServers(), stack.registryUrl(), Topics.MARKET_BOOK.name());
        trades = new TopicReader<>(stack.bootstrapServers(), stack.registryUrl(), Topics.MARKET_TRADES.name());
        tickers = new TopicReader<>(stack.bootstrapServers(), stack.registryUrl(), Topics.MARKET_TICKERS.name());
        sim = DeribitSimulator.builder().seed(42).build();
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
    void shouldPublishDeribitsBooksTradesAndTickersWithAnOptionsGreeks() throws Exception {
        String option = sim.options().get(0);
        ingest = RunningIngest.start(dir, config(option));
        assertThat(ingest.get("/health/ready").statusCode()).isEqualTo(200);
        String perpKey = "deribit:" + PERP;
        String optionKey = "deribit:" + option;

        stepUntil(() -> !trades.poll().isEmpty() && !trades.values(perpKey).isEmpty()
                && !trades.values(optionKey).isEmpty());
        for (int i = 0; i < 20; i++) {
            sim.generator(PERP).step();
            sim.generator(option).step();
        }

        Book perpTruth = orderBook(PERP, 10_000);
        List<BookUpdate> perpBooks = books.awaitValues(perpKey, WAIT, "the perpetual's full book as get_order_book",
                updates -> BookView.of(updates).equalsTruth(perpTruth.bids(), perpTruth.asks()));
        assertThat(perpBooks.get(0).getKind()).isEqualTo(BookUpdateKind.SNAPSHOT);
        assertThat(perpBooks.get(0).getInstrumentId()).isEqualTo("BTC-USD-PERP");
        Book optionTruth = orderBook(option, 10);
        List<BookUpdate> optionBooks = books.awaitValues(optionKey, WAIT, "the option's top 10 as get_order_book",
                updates -> BookView.of(updates.subList(updates.size() - 1, updates.size()))
                        .equalsTruth(optionTruth.bids(), optionTruth.asks()));
        assertThat(optionBooks).allMatch(b -> b.getKind() == BookUpdateKind.SNAPSHOT && b.getDepth() == 10);

        assertTradesAsTheExchangeListsThem(PERP, perpKey);
        assertTradesAsTheExchangeListsThem(option, optionKey);

        List<Ticker> optionTickers = tickers.awaitValues(optionKey, WAIT, "the option's tickers", v -> !v.isEmpty());
        Ticker last = optionTickers.get(optionTickers.size() - 1);
        assertThat(last.getSymbol()).isEqualTo(option);
        assertThat(last.getGreeks()).as("an option's ticker carries its greeks").isNotNull();
        assertThat(last.getGreeks().getDelta()).isNotNull();
        assertThat(last.getMarkIv()).isPositive();
        assertThat(last.getUnderlyingPrice()).isPositive();
        Ticker perpTicker = tickers.awaitValues(perpKey, WAIT, "the perpetual's tickers", v -> !v.isEmpty()).get(0);
        assertThat(perpTicker.getGreeks()).isNull();
        assertThat(perpTicker.getMarkPrice()).isPositive();
        assertThat(perpTicker.getIndexPrice()).isPositive();
        assertThat(ingest.get("/subscriptions").body()).contains("\"tickers\":true");
    }

    /** Every trade published for {@code symbol} is the exchange's trade of that id, price and amount, once. */
    private void assertTradesAsTheExchangeListsThem(String symbol, String key) throws Exception {
        Map<String, JsonNode> listed = new HashMap<>();
        for (JsonNode t : rpc("public/get_last_trades_by_instrument?instrument_name=" + symbol
                + "&count=1000&sorting=asc").get("trades")) {
            listed.put(t.get("trade_id").asText(), t);
        }
        JsonNode lastListed = rpc("public/get_last_trades_by_instrument?instrument_name=" + symbol
                + "&count=1&sorting=desc").get("trades").get(0);
        List<Trade> published = trades.awaitValues(key, WAIT, "the last trade of " + symbol, values -> values.stream()
                .anyMatch(t -> t.getTradeId().equals(lastListed.get("trade_id").asText())));
        assertThat(published.stream().map(Trade::getTradeId).distinct().count()).as("published once")
                .isEqualTo(published.size());
        List<Long> sequences = new ArrayList<>();
        for (Trade trade : published) {
            JsonNode t = listed.get(trade.getTradeId());
            assertThat(t).as("trade %s listed by the exchange", trade.getTradeId()).isNotNull();
            assertThat(trade.getPrice()).isEqualByComparingTo(t.get("price").decimalValue());
            assertThat(trade.getQuantity()).isEqualByComparingTo(t.get("amount").decimalValue());
            assertThat(trade.getExchange()).isEqualTo("deribit");
            sequences.add(trade.getTradeSequence());
        }
        for (int i = 1; i < sequences.size(); i++) {
            assertThat(sequences.get(i)).as("trade_seq one by one").isEqualTo(sequences.get(i - 1) + 1);
        }
    }

    private record Book(List<PriceLevel> bids, List<PriceLevel> asks) {
    }

    /** The simulator's {@code public/get_order_book} over HTTP, as levels best first. */
    private Book orderBook(String instrument, int depth) throws Exception {
        JsonNode result = rpc("public/get_order_book?instrument_name=" + instrument + "&depth=" + depth);
        return new Book(levels(result.get("bids")), levels(result.get("asks")));
    }

    private static List<PriceLevel> levels(JsonNode side) {
        List<PriceLevel> out = new ArrayList<>();
        side.forEach(l -> out.add(new PriceLevel(new BigDecimal(l.get(0).asText()),
                new BigDecimal(l.get(1).asText()))));
        return out;
    }

    private JsonNode rpc(String pathAndQuery) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(sim.restBaseUri() + "/" + pathAndQuery)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("result");
    }

    private void stepUntil(BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT.toSeconds() + " s");
            }
            sim.generator(PERP).step();
            sim.generator(sim.options().get(0)).step();
        }
    }

    /** Deribit by configuration: custom endpoints at the simulator, no account (public channels). */
    private String config(String option) {
        return "service:\n  http-port: 0\n  shutdown-timeout: 10s\n"
                + "kafka:\n  bootstrap-servers: " + stack.bootstrapServers() + "\n"
                + "  schema-registry-url: " + stack.registryUrl() + "\n"
                + "exchanges:\n  deribit:\n    environment: custom\n    endpoints:\n"
                + "      ws-url: " + sim.wsUri() + "\n"
                + "      rest-url: " + sim.restBaseUri() + "\n"
                + "ingest:\n  subscriptions:\n"
                + "    btc-perp:\n      exchange: deribit\n      symbol: " + PERP + "\n"
                + "      book-depth: 0\n      trades: true\n      tickers: true\n"
                + "    btc-option:\n      exchange: deribit\n      symbol: " + option + "\n"
                + "      book-depth: 10\n      book-interval: 100ms\n      trades: true\n      tickers: true\n";
    }
}
