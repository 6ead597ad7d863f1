package io.exchangebus.sim.binance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The REST trade history ({@code historicalTrades} spot, {@code aggTrades} USDⓈ-M): the same ids, prices and sides
 * as the market streams printed, numbered per symbol, paged by {@code fromId} and {@code limit}.
 */
class BinanceTradeHistoryTest {

    private static final long FIRST_TRADE_ID = 1_650_422_481L;

    private BinanceSimulator sim;
    private final List<WsClient> clients = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (WsClient c : clients) {
            c.closeBlocking();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private BinanceSimulator start(BinanceFamily family, BinanceSymbol... symbols) {
        BinanceSimulator.Builder b = BinanceSimulator.builder(family).seed(7).tradesPerStep(3);
        for (BinanceSymbol s : symbols) {
            b.symbol(s);
        }
        sim = b.build();
        return sim;
    }

    private WsClient connect(String path) throws Exception {
        WsClient c = WsClient.stream(URI.create(sim.streamBaseUri() + path));
        clients.add(c);
        return c;
    }

    /**
     * Steps the generator until the stream has printed at least {@code count} trades of {@code symbol}, then waits
     * until the stream has delivered every trade printed (its count stops growing).
     */
    private List<JsonNode> printTrades(String symbol, WsClient stream, String event, int count) throws Exception {
        for (int i = 0; i < 10_000 && trades(stream, event, symbol).size() < count; i++) {
            sim.generator(symbol).step();
        }
        List<JsonNode> all = trades(stream, event, symbol);
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            List<JsonNode> now = trades(stream, event, symbol);
            if (now.size() == all.size() && all.size() >= count) {
                break;
            }
            all = now;
        }
        assertThat(all).hasSizeGreaterThanOrEqualTo(count);
        return all;
    }

    private static List<JsonNode> trades(WsClient stream, String event, String symbol) {
        return stream.all(n -> event.equals(n.path("data").path("e").asText())
                && symbol.equals(n.path("data").path("s").asText())).stream().map(n -> n.get("data")).toList();
    }

    @Test
    void shouldNumberTradesPerSymbol() throws Exception {
        start(BinanceFamily.SPOT, BinanceSymbol.spotBtcUsdt(), BinanceSymbol.spotEthUsdt());
        WsClient stream = connect("/stream?streams=btcusdt@trade/ethusdt@trade");
        List<JsonNode> btc = printTrades("BTCUSDT", stream, "trade", 5);
        List<JsonNode> eth = printTrades("ETHUSDT", stream, "trade", 5);
        for (List<JsonNode> trades : List.of(btc, eth)) {
            for (int i = 0; i < trades.size(); i++) {
                assertThat(trades.get(i).get("t").asLong()).isEqualTo(FIRST_TRADE_ID + i);
            }
        }
    }

    @Test
    void shouldServeSpotHistoricalTradesWithTheStreamsIds() throws Exception {
        start(BinanceFamily.SPOT, BinanceSymbol.spotBtcUsdt(), BinanceSymbol.spotEthUsdt());
        WsClient stream = connect("/stream?streams=btcusdt@trade/ethusdt@trade");
        printTrades("ETHUSDT", stream, "trade", 3);
        List<JsonNode> printed = printTrades("BTCUSDT", stream, "trade", 12);
        long from = printed.get(2).get("t").asLong();

        BinanceTestSupport.Response r = BinanceTestSupport.get(sim, "/api/v3/historicalTrades",
                "symbol=BTCUSDT&fromId=" + from + "&limit=4");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).hasSize(4);
        JsonNode doc = BinanceTestSupport.sample("spot_rest_api.docs.jsonl", "Old trade lookup", 0).get(0);
        for (int i = 0; i < 4; i++) {
            JsonNode rest = r.body().get(i);
            JsonNode ws = printed.get(2 + i);
            assertThat(BinanceTestSupport.keys(rest)).isEqualTo(BinanceTestSupport.keys(doc));
            assertThat(rest.get("id").asLong()).isEqualTo(ws.get("t").asLong());
            assertThat(rest.get("price").asText()).isEqualTo(ws.get("p").asText());
            assertThat(rest.get("qty").asText()).isEqualTo(ws.get("q").asText());
            assertThat(rest.get("time").asLong()).isEqualTo(ws.get("T").asLong());
            assertThat(rest.get("isBuyerMaker").asBoolean()).isEqualTo(ws.get("m").asBoolean());
        }
    }

    @Test
    void shouldServeUsdmAggTradesWithTheStreamsIds() throws Exception {
        start(BinanceFamily.USDM, BinanceSymbol.usdmBtcUsdt());
        WsClient stream = connect("/stream?streams=btcusdt@aggTrade");
        List<JsonNode> printed = printTrades("BTCUSDT", stream, "aggTrade", 8);
        long from = printed.get(1).get("a").asLong();

        BinanceTestSupport.Response r = BinanceTestSupport.get(sim, "/fapi/v1/aggTrades",
                "symbol=BTCUSDT&fromId=" + from + "&limit=5");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).hasSize(5);
        JsonNode doc = BinanceTestSupport.sample("usdm_rest_public.docs.jsonl", "Compressed/Aggregate Trades List", 0)
                .get(0);
        for (int i = 0; i < 5; i++) {
            JsonNode rest = r.body().get(i);
            JsonNode ws = printed.get(1 + i);
            assertThat(BinanceTestSupport.keys(rest)).isEqualTo(BinanceTestSupport.keys(doc));
            for (String field : List.of("a", "p", "q", "f", "l", "T", "m")) {
                assertThat(rest.get(field)).as(field).isEqualTo(ws.get(field));
            }
        }
    }

    @Test
    void shouldAnswerTheMostRecentTradesWithoutFromIdAndDefaultLimit() throws Exception {
        start(BinanceFamily.SPOT, BinanceSymbol.spotBtcUsdt());
        WsClient stream = connect("/stream?streams=btcusdt@trade");
        List<JsonNode> printed = printTrades("BTCUSDT", stream, "trade", 6);

        BinanceTestSupport.Response r = BinanceTestSupport.get(sim, "/api/v3/historicalTrades",
                "symbol=BTCUSDT&limit=2");

        assertThat(r.status()).isEqualTo(200);
        long last = printed.get(printed.size() - 1).get("t").asLong();
        assertThat(r.body().get(1).get("id").asLong()).isEqualTo(last);
        assertThat(r.body().get(0).get("id").asLong()).isEqualTo(last - 1);
        assertThat(BinanceTestSupport.get(sim, "/api/v3/historicalTrades", "symbol=BTCUSDT").body())
                .hasSize(printed.size());
    }

    @Test
    void shouldRejectALimitAboveOneThousand() throws Exception {
        start(BinanceFamily.USDM, BinanceSymbol.usdmBtcUsdt());

        BinanceTestSupport.Response r = BinanceTestSupport.get(sim, "/fapi/v1/aggTrades",
                "symbol=BTCUSDT&limit=1001");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("code").asInt()).isEqualTo(-1130);
    }
}
