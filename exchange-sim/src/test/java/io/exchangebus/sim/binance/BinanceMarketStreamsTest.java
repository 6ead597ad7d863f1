package io.exchangebus.sim.binance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.sim.engine.BookSnapshot;
import io.exchangebus.sim.engine.EngineEvent;
import io.exchangebus.sim.engine.OrderRequest;
import io.exchangebus.sim.engine.PriceLevel;
import io.exchangebus.sim.engine.Side;
import io.exchangebus.sim.market.MarketDataGenerator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Market streams of both families: diff depth with a REST snapshot, partial depth, trades, limits. */
class BinanceMarketStreamsTest {

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

    private BinanceSimulator start(BinanceFamily family) {
        sim = BinanceSimulator.builder(family).seed(11).build();
        return sim;
    }

    private WsClient connect(String path) throws Exception {
        WsClient c = WsClient.stream(java.net.URI.create(sim.streamBaseUri() + path));
        clients.add(c);
        return c;
    }

    private static List<PriceLevel> parse(JsonNode levels) {
        List<PriceLevel> out = new ArrayList<>();
        levels.forEach(l -> out.add(new PriceLevel(new BigDecimal(l.get(0).asText()), new BigDecimal(l.get(1).asText()))));
        return out;
    }

    /** Binance's documented procedure: buffer, snapshot, drop u <= lastUpdateId, check continuity, apply. */
    private BookSnapshot reconstruct(BinanceFamily family, WsClient stream, JsonNode snapshot, long untilId)
            throws Exception {
        stream.await(n -> n.path("u").asLong() >= untilId);
        long lastUpdateId = snapshot.get("lastUpdateId").asLong();
        BookSnapshot book = new BookSnapshot("BTCUSDT", lastUpdateId, parse(snapshot.get("bids")),
                parse(snapshot.get("asks")));
        long previousU = -1;
        for (JsonNode e : stream.all(n -> "depthUpdate".equals(n.path("e").asText()))) {
            long first = e.get("U").asLong();
            long last = e.get("u").asLong();
            boolean spot = family == BinanceFamily.SPOT;
            // Spot: drop u <= lastUpdateId, the first kept has U <= lastUpdateId+1 <= u. USDⓈ-M: drop u <
            // lastUpdateId, the first kept has U <= lastUpdateId <= u (and is re-applied: levels are absolute).
            if (spot ? last <= lastUpdateId : last < lastUpdateId) {
                continue;
            }
            if (previousU < 0) {
                long target = spot ? lastUpdateId + 1 : lastUpdateId;
                assertThat(first).isLessThanOrEqualTo(target);
                assertThat(last).isGreaterThanOrEqualTo(target);
            } else if (family == BinanceFamily.SPOT) {
                assertThat(first).as("no gap").isEqualTo(previousU + 1);
            } else {
                assertThat(e.get("pu").asLong()).as("no gap").isEqualTo(previousU);
            }
            previousU = last;
            book = book.apply(new EngineEvent.BookDiff("BTCUSDT", 0, first, last, parse(e.get("b")), parse(e.get("a")),
                    null));
        }
        return book;
    }

    @ParameterizedTest
    @EnumSource(BinanceFamily.class)
    void shouldReconstructTheTrueBookFromDiffDepthAndARestSnapshot(BinanceFamily family) throws Exception {
        start(family);
        WsClient stream = connect("/ws/btcusdt@depth@100ms");
        MarketDataGenerator generator = sim.generator("BTCUSDT");
        for (int i = 0; i < 5; i++) {
            generator.step();
        }
        String path = family == BinanceFamily.SPOT ? "/api/v3/depth" : "/fapi/v1/depth";
        var snapshot = BinanceTestSupport.get(sim, path, "symbol=BTCUSDT&limit=1000");
        assertThat(snapshot.status()).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            generator.step();
        }
        long last = sim.simulator().engine("BTCUSDT").lastUpdateId();
        BookSnapshot rebuilt = reconstruct(family, stream, snapshot.body(), last);
        assertThat(rebuilt).isEqualTo(sim.simulator().book("BTCUSDT"));
        JsonNode event = stream.await(n -> true);
        if (family == BinanceFamily.SPOT) {
            assertThat(BinanceTestSupport.keys(event)).containsExactlyInAnyOrder("e", "E", "s", "U", "u", "b", "a");
        } else {
            assertThat(BinanceTestSupport.keys(event)).containsExactlyInAnyOrder("e", "E", "T", "s", "U", "u", "pu",
                    "b", "a");
        }
    }

    @ParameterizedTest
    @EnumSource(BinanceFamily.class)
    void shouldShowAGapInUpdateIdsWhenTheSkipFaultDropsADiff(BinanceFamily family) throws Exception {
        start(family);
        WsClient stream = connect("/stream?streams=btcusdt@depth");
        sim.generator("BTCUSDT").step();
        sim.faults().skipSequence(1);
        sim.generator("BTCUSDT").step();
        sim.generator("BTCUSDT").step();
        long last = sim.simulator().engine("BTCUSDT").lastUpdateId();
        stream.await(n -> n.path("data").path("u").asLong() == last);
        List<JsonNode> events = stream.all(n -> n.has("data")).stream().map(n -> n.get("data")).toList();
        boolean gap = false;
        for (int i = 1; i < events.size(); i++) {
            JsonNode prev = events.get(i - 1);
            JsonNode e = events.get(i);
            gap |= family == BinanceFamily.SPOT ? e.get("U").asLong() != prev.get("u").asLong() + 1
                    : e.get("pu").asLong() != prev.get("u").asLong();
        }
        assertThat(gap).isTrue();
        assertThat(stream.all(n -> n.has("stream")).get(0).get("stream").asText()).isEqualTo("btcusdt@depth");
    }

    @Test
    void shouldSendTheRepeatedDiffTwiceOnSpot() throws Exception {
        start(BinanceFamily.SPOT);
        WsClient stream = connect("/ws/btcusdt@depth");
        sim.faults().repeatSequence(1);
        sim.generator("BTCUSDT").step();
        long last = sim.simulator().engine("BTCUSDT").lastUpdateId();
        stream.await(n -> n.path("u").asLong() == last);
        List<JsonNode> events = stream.all(n -> n.has("u"));
        assertThat(events.get(0)).isEqualTo(events.get(1));
    }

    @ParameterizedTest
    @EnumSource(BinanceFamily.class)
    void shouldPushPartialDepthOfTheTopLevels(BinanceFamily family) throws Exception {
        start(family);
        sim.generator("BTCUSDT").step();
        WsClient stream = connect("/ws/btcusdt@depth5@100ms");
        JsonNode partial = stream.nextJson();
        BookSnapshot top = sim.simulator().book("BTCUSDT").top(5);
        if (family == BinanceFamily.SPOT) {
            assertThat(BinanceTestSupport.keys(partial)).containsExactlyInAnyOrderElementsOf(BinanceTestSupport.keys(
                    BinanceTestSupport.sample("spot_ws_market_streams.docs.jsonl", "Partial Book Depth Streams", 0)));
            assertThat(parse(partial.get("bids"))).isEqualTo(top.bids());
            assertThat(parse(partial.get("asks"))).isEqualTo(top.asks());
            assertThat(partial.get("lastUpdateId").asLong()).isEqualTo(top.lastUpdateId());
        } else {
            assertThat(BinanceTestSupport.keys(partial)).containsExactlyInAnyOrderElementsOf(BinanceTestSupport.keys(
                    BinanceTestSupport.sample("usdm_ws_market_streams.docs.jsonl", "Partial Book Depth Streams", 0)));
            assertThat(parse(partial.get("b"))).isEqualTo(top.bids());
            assertThat(parse(partial.get("a"))).isEqualTo(top.asks());
            assertThat(partial.get("u").asLong()).isEqualTo(top.lastUpdateId());
        }
    }

    @Test
    void shouldPushTradeAndAggTradeOnAFillOnSpot() throws Exception {
        start(BinanceFamily.SPOT);
        WsClient stream = connect("/stream?streams=btcusdt@trade/btcusdt@aggTrade");
        sim.createAccount("a");
        sim.createAccount("b");
        sim.deposit("a", "BTC", "1");
        sim.deposit("b", "USDT", "100000");
        sim.simulator().place("BTCUSDT", OrderRequest.limit("a", Side.SELL, "60000.00", "0.01000"));
        sim.simulator().place("BTCUSDT", OrderRequest.limit("b", Side.BUY, "60000.00", "0.00400"));
        JsonNode trade = stream.await(n -> n.path("stream").asText().equals("btcusdt@trade")).get("data");
        JsonNode agg = stream.await(n -> n.path("stream").asText().equals("btcusdt@aggTrade")).get("data");
        assertThat(BinanceTestSupport.keys(trade)).containsExactlyInAnyOrderElementsOf(BinanceTestSupport.keys(
                BinanceTestSupport.sample("spot_ws_market_streams.docs.jsonl", "Trade Streams", 0)));
        assertThat(BinanceTestSupport.keys(agg)).containsExactlyInAnyOrderElementsOf(BinanceTestSupport.keys(
                BinanceTestSupport.sample("spot_ws_market_streams.docs.jsonl", "Aggregate Trade Streams", 0)));
        assertThat(trade.get("p").asText()).isEqualTo("60000.00000000");
        assertThat(new BigDecimal(trade.get("q").asText())).isEqualByComparingTo("0.004");
        assertThat(trade.get("m").asBoolean()).isFalse();
    }

    @Test
    void shouldPushAggTradeOnUsdm() throws Exception {
        start(BinanceFamily.USDM);
        WsClient stream = connect("/ws/btcusdt@aggTrade");
        sim.createAccount("a");
        sim.createAccount("b");
        sim.simulator().place("BTCUSDT", OrderRequest.limit("a", Side.BUY, "60000.0", "0.010"));
        sim.simulator().place("BTCUSDT", OrderRequest.limit("b", Side.SELL, "60000.0", "0.010"));
        JsonNode agg = stream.nextJson();
        assertThat(BinanceTestSupport.keys(agg)).containsExactlyInAnyOrderElementsOf(BinanceTestSupport.keys(
                BinanceTestSupport.sample("usdm_ws_market_streams.docs.jsonl", "Aggregate Trade Streams", 0)));
        assertThat(agg.get("m").asBoolean()).isTrue();
    }

    @Test
    void shouldAnswerSubscribeUnsubscribeAndListSubscriptions() throws Exception {
        start(BinanceFamily.SPOT);
        WsClient ws = connect("/ws");
        ws.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@aggTrade\",\"btcusdt@depth\"],\"id\":1}");
        assertThat(ws.nextJson().toString()).isEqualTo("{\"result\":null,\"id\":1}");
        ws.send("{\"method\":\"UNSUBSCRIBE\",\"params\":[\"btcusdt@depth\"],\"id\":312}");
        assertThat(ws.nextJson().toString()).isEqualTo("{\"result\":null,\"id\":312}");
        ws.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":3}");
        assertThat(ws.nextJson().toString()).isEqualTo("{\"result\":[\"btcusdt@aggTrade\"],\"id\":3}");
        ws.send("{\"method\":\"SET_PROPERTY\",\"params\":[\"combined\",true],\"id\":5}");
        assertThat(ws.nextJson().get("result").isNull()).isTrue();
        ws.send("{\"method\":\"GET_PROPERTY\",\"params\":[\"combined\"],\"id\":2}");
        assertThat(ws.nextJson().toString()).isEqualTo("{\"result\":true,\"id\":2}");
        ws.send("{\"method\":\"FOO\",\"id\":4}");
        assertThat(ws.nextJson().get("code").asInt()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(BinanceFamily.class)
    void shouldCloseAConnectionThatSubscribesBeyondTheStreamLimit(BinanceFamily family) throws Exception {
        sim = BinanceSimulator.builder(family).streamLimit(2).build();
        WsClient ws = connect("/ws/btcusdt@depth");
        ws.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@aggTrade\"],\"id\":1}");
        assertThat(ws.nextJson().get("id").asInt()).isEqualTo(1);
        ws.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@depth5\"],\"id\":2}");
        assertThat(ws.closeCode.get(5, TimeUnit.SECONDS)).isEqualTo(1008);
        WsClient combined = new WsClient(java.net.URI.create(sim.streamBaseUri()
                + "/stream?streams=btcusdt@depth/btcusdt@aggTrade/btcusdt@trade"));
        combined.connectBlocking(5, TimeUnit.SECONDS);
        assertThat(combined.closeCode.get(5, TimeUnit.SECONDS)).isEqualTo(1008);
    }

    @Test
    void shouldDropEveryStreamConnectionAndCorruptAFrameOnDemand() throws Exception {
        start(BinanceFamily.SPOT);
        WsClient ws = connect("/ws/btcusdt@depth");
        sim.faults().sendMalformedFrame();
        sim.generator("BTCUSDT").step();
        String first = ws.next();
        assertThat(first).isNotNull();
        assertThat(ws.history.get(0).isTextual()).as("not JSON: " + first).isTrue();
        sim.faults().dropConnections();
        assertThat(ws.closeCode.get(5, TimeUnit.SECONDS)).isEqualTo(1006);
    }
}
