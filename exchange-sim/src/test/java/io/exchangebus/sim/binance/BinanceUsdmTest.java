package io.exchangebus.sim.binance;

import static io.exchangebus.sim.binance.BinanceTestSupport.keys;
import static io.exchangebus.sim.binance.BinanceTestSupport.params;
import static io.exchangebus.sim.binance.BinanceTestSupport.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.sim.account.ApiKey;
import io.exchangebus.sim.engine.OrderRequest;
import io.exchangebus.sim.engine.Side;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** USDⓈ-M: REST views, the WebSocket API, and the listenKey user-data stream. */
class BinanceUsdmTest {

    private static final String PRIVATE = "usdm_rest_private.docs.jsonl";
    private static final String PUBLIC = "usdm_rest_public.docs.jsonl";
    private static final String UDS = "usdm_user_data_and_ws_api.docs.jsonl";

    private BinanceSimulator sim;
    private ApiKey key;
    private WsClient api;

    @BeforeEach
    void start() throws Exception {
        sim = BinanceSimulator.builder(BinanceFamily.USDM).seed(9).listenKeyValidity(Duration.ofMillis(400)).build();
        key = sim.createAccount("alice");
        sim.deposit("alice", "USDT", "10000");
        sim.createAccount("bob");
        sim.deposit("bob", "USDT", "10000");
        api = WsClient.connect(sim.wsApiUri());
    }

    @AfterEach
    void stop() throws InterruptedException {
        api.closeBlocking();
        sim.close();
    }

    private String listenKey() throws Exception {
        var r = BinanceTestSupport.send(sim, "POST", "/fapi/v1/listenKey", "", key.keyId());
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
        return r.body().get("listenKey").asText();
    }

    private WsClient userStream(String listenKey) throws Exception {
        return WsClient.stream(URI.create(sim.streamBaseUri() + "/ws/" + listenKey));
    }

    private JsonNode place(Object... kv) throws Exception {
        Map<String, Object> p = params("symbol", "BTCUSDT");
        p.putAll(params(kv));
        return BinanceTestSupport.wsSigned(api, sim, "order.place", p, key);
    }

    private static JsonNode update(WsClient user, long orderId, String exec) throws Exception {
        return user.await(n -> n.path("e").asText().equals("ORDER_TRADE_UPDATE")
                && n.path("o").path("i").asLong() == orderId && n.path("o").path("x").asText().equals(exec));
    }

    @Test
    void shouldReturnTheSameListenKeyWhileValidAndExtendItWithPut() throws Exception {
        String first = listenKey();
        assertThat(listenKey()).isEqualTo(first);
        var put = BinanceTestSupport.send(sim, "PUT", "/fapi/v1/listenKey", "", key.keyId());
        assertThat(put.body().get("listenKey").asText()).isEqualTo(first);
        var delete = BinanceTestSupport.send(sim, "DELETE", "/fapi/v1/listenKey", "", key.keyId());
        assertThat(delete.body().toString()).isEqualTo("{}");
        assertThat(listenKey()).isNotEqualTo(first);
        assertThat(BinanceTestSupport.send(sim, "POST", "/fapi/v1/listenKey", "", "unknown").body().get("code").asInt())
                .isEqualTo(-2015);
    }

    @Test
    void shouldSendListenKeyExpiredThenNothingAndRefuseTheExtensionWithMinus1125() throws Exception {
        String listenKey = listenKey();
        WsClient user = userStream(listenKey);
        JsonNode expired = user.await(n -> n.path("e").asText().equals("listenKeyExpired"));
        assertThat(keys(expired)).isEqualTo(keys(sample(UDS, "Event: User Data Stream Expired", 0)));
        assertThat(expired.get("listenKey").asText()).isEqualTo(listenKey);
        sim.deposit("alice", "USDT", "1");
        var put = BinanceTestSupport.send(sim, "PUT", "/fapi/v1/listenKey", "", key.keyId());
        assertThat(put.status()).isEqualTo(400);
        assertThat(put.body().get("code").asInt()).isEqualTo(-1125);
        assertThat(user.all(n -> n.path("e").asText().equals("ACCOUNT_UPDATE"))).isEmpty();
        user.closeBlocking();
    }

    @Test
    void shouldDeliverOrderUpdatesForPlaceModifyCancelOnTheListenKeyStream() throws Exception {
        sim = restartWithLongListenKeys();
        WsClient user = userStream(listenKey());
        JsonNode placed = place("side", "BUY", "type", "LIMIT", "timeInForce", "GTC", "price", "50000.0",
                "quantity", "0.010", "newClientOrderId", "u-1");
        assertThat(placed.get("status").asInt()).as(placed.toString()).isEqualTo(200);
        assertThat(keys(placed.get("result"))).containsAll(keys(sample(UDS, "WebSocket API General Info > Response format", 0)
                .get("result")));
        long id = placed.at("/result/orderId").asLong();
        JsonNode created = update(user, id, "NEW");
        assertThat(keys(created.get("o"))).containsAll(keys(sample(UDS, "Event: Order Update", 0).get("o"))
                .stream().filter(k -> !k.equals("AP") && !k.equals("cr")).toList());
        assertThat(created.at("/o/c").asText()).isEqualTo("u-1");
        JsonNode modified = BinanceTestSupport.wsSigned(api, sim, "order.modify", params("symbol", "BTCUSDT",
                "orderId", id, "side", "BUY", "quantity", "0.020", "price", "50001.0"), key);
        assertThat(modified.at("/result/price").asText()).as(modified.toString()).isEqualTo("50001.00");
        assertThat(update(user, id, "AMENDMENT").at("/o/q").asText()).isEqualTo("0.020");
        JsonNode status = BinanceTestSupport.wsSigned(api, sim, "order.status", params("symbol", "BTCUSDT",
                "origClientOrderId", "u-1"), key);
        assertThat(status.at("/result/status").asText()).isEqualTo("NEW");
        JsonNode canceled = BinanceTestSupport.wsSigned(api, sim, "order.cancel", params("symbol", "BTCUSDT",
                "orderId", id), key);
        assertThat(canceled.at("/result/status").asText()).isEqualTo("CANCELED");
        update(user, id, "CANCELED");
        JsonNode unknown = BinanceTestSupport.wsSigned(api, sim, "order.cancel", params("symbol", "BTCUSDT",
                "orderId", id), key);
        assertThat(unknown.at("/error/code").asInt()).isEqualTo(-2011);
        user.closeBlocking();
    }

    @Test
    void shouldSendTradeUpdatesAndAccountUpdateWithThePositionOnAFill() throws Exception {
        sim = restartWithLongListenKeys();
        WsClient user = userStream(listenKey());
        sim.simulator().place("BTCUSDT", OrderRequest.limit("bob", Side.SELL, "60000.0", "0.010"));
        JsonNode r = place("side", "BUY", "type", "MARKET", "quantity", "0.010");
        long id = r.at("/result/orderId").asLong();
        JsonNode trade = update(user, id, "TRADE");
        assertThat(trade.at("/o/X").asText()).isEqualTo("FILLED");
        assertThat(trade.at("/o/L").asText()).isEqualTo("60000.00");
        JsonNode account = user.await(n -> n.path("e").asText().equals("ACCOUNT_UPDATE"));
        assertThat(account.at("/a/m").asText()).isEqualTo("ORDER");
        assertThat(account.at("/a/P/0/pa").asText()).isEqualTo("0.010");
        assertThat(keys(account.at("/a/P/0"))).containsAll(java.util.List.of("s", "pa", "ep", "bep", "cr", "up",
                "mt", "iw", "ps"));
        var positions = BinanceTestSupport.signed(sim, "GET", "/fapi/v2/positionRisk", "symbol=BTCUSDT", key);
        assertThat(keys(positions.body().get(0))).containsAll(keys(sample(PRIVATE, "Position Information V2", 0).get(0)));
        assertThat(positions.body().get(0).get("positionAmt").asText()).isEqualTo("0.010");
        var v3 = BinanceTestSupport.signed(sim, "GET", "/fapi/v3/positionRisk", "", key);
        assertThat(keys(v3.body().get(0))).containsAll(keys(sample(PRIVATE, "Position Information V3", 0).get(0)));
        JsonNode reduce = place("side", "BUY", "type", "MARKET", "quantity", "0.010", "reduceOnly", "true");
        assertThat(reduce.at("/error/code").asInt()).isEqualTo(-2022);
        user.closeBlocking();
    }

    @Test
    void shouldSendAccountUpdateWithReasonDepositAndNothingWhileNoStreamIsOpen() throws Exception {
        sim = restartWithLongListenKeys();
        String listenKey = listenKey();
        sim.deposit("alice", "USDT", "5");
        WsClient user = userStream(listenKey);
        sim.deposit("alice", "USDT", "7");
        JsonNode update = user.await(n -> n.path("e").asText().equals("ACCOUNT_UPDATE"));
        assertThat(update.at("/a/m").asText()).isEqualTo("DEPOSIT");
        assertThat(new BigDecimal(update.at("/a/B/0/bc").asText())).isEqualByComparingTo("7");
        assertThat(new BigDecimal(update.at("/a/B/0/wb").asText())).isEqualByComparingTo("10012");
        assertThat(user.all(n -> n.path("e").asText().equals("ACCOUNT_UPDATE"))).hasSize(1);
        var balance = BinanceTestSupport.signed(sim, "GET", "/fapi/v2/balance", "", key);
        assertThat(keys(balance.body().get(0))).isEqualTo(keys(sample(PRIVATE, "Futures Account Balance V2", 0).get(0)));
        assertThat(new BigDecimal(balance.body().get(0).get("balance").asText())).isEqualByComparingTo("10012");
        user.closeBlocking();
    }

    @Test
    void shouldRejectOrdersBeyondTheMarginWithMinus2019AndBelowMinNotionalWithMinus4164() throws Exception {
        JsonNode margin = place("side", "BUY", "type", "LIMIT", "timeInForce", "GTC", "price", "50000.0",
                "quantity", "5.000");
        assertThat(margin.at("/error/code").asInt()).as(margin.toString()).isEqualTo(-2019);
        assertThat(margin.at("/error/msg").asText()).isEqualTo("Margin is insufficient.");
        JsonNode small = place("side", "BUY", "type", "LIMIT", "timeInForce", "GTC", "price", "50000.0",
                "quantity", "0.001");
        assertThat(small.at("/error/code").asInt()).isEqualTo(-4164);
        JsonNode tick = place("side", "BUY", "type", "LIMIT", "timeInForce", "GTC", "price", "50000.05",
                "quantity", "0.010");
        assertThat(tick.at("/error/code").asInt()).isEqualTo(-4014);
        sim.simulator().place("BTCUSDT", OrderRequest.limit("bob", Side.SELL, "60000.0", "0.010"));
        JsonNode gtx = place("side", "BUY", "type", "LIMIT", "timeInForce", "GTX", "price", "60000.0",
                "quantity", "0.010");
        assertThat(gtx.at("/error/code").asInt()).isEqualTo(-5022);
    }

    @Test
    void shouldServeRestViewsWithTheFieldsOfTheDocumentedSamples() throws Exception {
        JsonNode placed = place("side", "SELL", "type", "LIMIT", "timeInForce", "GTC", "price", "70000.0",
                "quantity", "0.010");
        long id = placed.at("/result/orderId").asLong();
        var order = BinanceTestSupport.signed(sim, "GET", "/fapi/v1/order", "symbol=BTCUSDT&orderId=" + id, key);
        assertThat(keys(order.body())).containsAll(keys(sample(PRIVATE, "Query Order (USER_DATA)", 0)).stream()
                .filter(k -> !k.equals("activatePrice") && !k.equals("priceRate")).toList());
        var all = BinanceTestSupport.signed(sim, "GET", "/fapi/v1/allOrders", "symbol=BTCUSDT", key);
        assertThat(all.body()).hasSize(1);
        var open = BinanceTestSupport.signed(sim, "GET", "/fapi/v1/openOrders", "symbol=BTCUSDT", key);
        assertThat(open.body().get(0).get("orderId").asLong()).isEqualTo(id);
        var account = BinanceTestSupport.signed(sim, "GET", "/fapi/v2/account", "", key);
        assertThat(keys(account.body())).contains("totalWalletBalance", "availableBalance", "assets", "positions",
                "totalOpenOrderInitialMargin", "canTrade");
        var depth = BinanceTestSupport.get(sim, "/fapi/v1/depth", "symbol=BTCUSDT&limit=5");
        assertThat(keys(depth.body())).isEqualTo(keys(sample(PUBLIC, "Order Book", 0)));
        assertThat(depth.body().at("/asks/0/0").asText()).isEqualTo("70000.00");
        var info = BinanceTestSupport.get(sim, "/fapi/v1/exchangeInfo", "");
        JsonNode infoSample = sample(PUBLIC, "Exchange Information", 0);
        assertThat(keys(info.body())).containsAll(keys(infoSample));
        assertThat(keys(info.body().at("/symbols/0"))).containsAll(keys(infoSample.at("/symbols/0")));
        assertThat(info.body().at("/symbols/0/contractType").asText()).isEqualTo("PERPETUAL");
        assertThat(info.body().at("/symbols/0/filters").toString()).contains("\"filterType\":\"MIN_NOTIONAL\",\"notional\":\"100\"");
        var cancelAll = BinanceTestSupport.signed(sim, "DELETE", "/fapi/v1/allOpenOrders", "symbol=BTCUSDT", key);
        assertThat(cancelAll.body()).isEqualTo(sample(PRIVATE, "Cancel All Open Orders (TRADE)", 0));
        assertThat(cancelAll.header("X-MBX-USED-WEIGHT-1M")).isNotNull();
        var post = BinanceTestSupport.signed(sim, "POST", "/fapi/v1/order",
                "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&price=50000.0&quantity=0.010", key);
        assertThat(post.status()).isEqualTo(200);
        assertThat(post.header("X-MBX-ORDER-COUNT-1M")).isEqualTo("2");
    }

    @Test
    void shouldLeaveADelistedSymbolOutOfExchangeInfo() throws Exception {
        try (BinanceSimulator two = BinanceSimulator.builder(BinanceFamily.USDM).seed(9)
                .symbol(BinanceSymbol.usdmBtcUsdt()).symbol(BinanceSymbol.usdmEthUsdt()).build()) {
            two.delist("ETHUSDT");

            var info = BinanceTestSupport.get(two, "/fapi/v1/exchangeInfo", "");

            assertThat(info.body().get("symbols")).hasSize(1);
            assertThat(info.body().at("/symbols/0/symbol").asText()).isEqualTo("BTCUSDT");
        }
    }

    private BinanceSimulator restartWithLongListenKeys() throws Exception {
        api.closeBlocking();
        sim.close();
        BinanceSimulator s = BinanceSimulator.builder(BinanceFamily.USDM).seed(9).build();
        key = s.createAccount("alice");
        s.deposit("alice", "USDT", "10000");
        s.createAccount("bob");
        s.deposit("bob", "USDT", "10000");
        sim = s;
        api = WsClient.connect(s.wsApiUri());
        return s;
    }

    @Test
    void shouldAcceptStopMarketOrdersThatWaitForTheirTrigger() throws Exception {
        JsonNode stop = place("side", "SELL", "type", "STOP_MARKET", "stopPrice", "55000.0", "quantity", "0.010");
        assertThat(stop.get("status").asInt()).as(stop.toString()).isEqualTo(200);
        assertThat(stop.at("/result/type").asText()).isEqualTo("STOP_MARKET");
        assertThat(stop.at("/result/status").asText()).isEqualTo("NEW");
        assertThat(stop.at("/result/stopPrice").asText()).isEqualTo("55000.00");
        var open = BinanceTestSupport.signed(sim, "GET", "/fapi/v1/openOrders", "", key);
        assertThat(open.body()).hasSize(1);
    }
}
