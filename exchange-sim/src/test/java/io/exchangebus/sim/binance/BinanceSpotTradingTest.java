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
import java.security.KeyPair;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spot order entry over the WebSocket API, with user data on the same connection, and the REST views. */
class BinanceSpotTradingTest {

    private static final String SPOT_REST = "spot_rest_api.docs.jsonl";
    private static final String SPOT_WS = "spot_ws_api.docs.jsonl";
    private static final String SPOT_UDS = "spot_user_data_stream.docs.jsonl";

    private BinanceSimulator sim;
    private ApiKey key;
    private WsClient ws;

    @BeforeEach
    void start() throws Exception {
        sim = BinanceSimulator.builder(BinanceFamily.SPOT).seed(5).build();
        key = sim.createAccount("alice");
        sim.deposit("alice", "USDT", "100000");
        sim.deposit("alice", "BTC", "1");
        sim.createAccount("bob");
        sim.deposit("bob", "BTC", "1");
        sim.deposit("bob", "USDT", "100000");
        ws = WsClient.connect(sim.wsApiUri());
        JsonNode sub = BinanceTestSupport.wsSigned(ws, sim, "userDataStream.subscribe.signature", params(), key);
        assertThat(sub.at("/result/subscriptionId").asInt()).isZero();
    }

    @AfterEach
    void stop() throws InterruptedException {
        ws.closeBlocking();
        sim.close();
    }

    private JsonNode place(Object... kv) throws Exception {
        Map<String, Object> p = params("symbol", "BTCUSDT");
        p.putAll(params(kv));
        return BinanceTestSupport.wsSigned(ws, sim, "order.place", p, key);
    }

    private JsonNode report(long orderId, String exec) throws Exception {
        return ws.await(n -> n.path("event").path("e").asText().equals("executionReport")
                && n.path("event").path("i").asLong() == orderId && n.path("event").path("x").asText().equals(exec))
                .get("event");
    }

    @Test
    void shouldPlaceALimitOrderAndSendItsExecutionReportAndAccountPosition() throws Exception {
        JsonNode r = place("side", "BUY", "type", "LIMIT", "timeInForce", "GTC", "price", "50000.00",
                "quantity", "0.01000", "newClientOrderId", "my-1");
        assertThat(r.get("status").asInt()).as(r.toString()).isEqualTo(200);
        assertThat(keys(r.get("result"))).containsAll(keys(sample(SPOT_WS, "Place new order (TRADE)", 2).get("result")));
        assertThat(keys(r)).containsExactlyInAnyOrder("id", "status", "result", "rateLimits");
        assertThat(r.get("rateLimits").toString()).contains("REQUEST_WEIGHT").contains("ORDERS");
        long id = r.at("/result/orderId").asLong();
        JsonNode report = report(id, "NEW");
        assertThat(keys(report)).containsAll(keys(sample(SPOT_UDS, "Order Update", 0).get("event"))
                .stream().filter(k -> !k.equals("v")).toList());
        assertThat(report.get("c").asText()).isEqualTo("my-1");
        assertThat(report.get("X").asText()).isEqualTo("NEW");
        JsonNode position = ws.await(n -> n.path("event").path("e").asText().equals("outboundAccountPosition"));
        assertThat(position.get("subscriptionId").asInt()).isZero();
        assertThat(keys(position.get("event"))).isEqualTo(keys(sample(SPOT_UDS, "Account Update", 0).get("event")));
    }

    @Test
    void shouldReportTradesOfAFillWithMakerFlagsCommissionsAndTradeIds() throws Exception {
        sim.simulator().place("BTCUSDT", OrderRequest.limit("bob", Side.SELL, "60000.00", "0.00500"));
        JsonNode r = place("side", "BUY", "type", "MARKET", "quantity", "0.00500");
        assertThat(r.at("/result/status").asText()).as(r.toString()).isEqualTo("FILLED");
        assertThat(r.at("/result/fills")).hasSize(1);
        assertThat(r.at("/result/fills/0/tradeId").asLong()).isPositive();
        JsonNode trade = report(r.at("/result/orderId").asLong(), "TRADE");
        assertThat(trade.get("X").asText()).isEqualTo("FILLED");
        assertThat(trade.get("m").asBoolean()).isFalse();
        assertThat(trade.get("L").asText()).isEqualTo("60000.00000000");
        assertThat(new BigDecimal(trade.get("l").asText())).isEqualByComparingTo("0.005");
        assertThat(trade.get("N").asText()).isEqualTo("BTC");
        assertThat(trade.get("t").asLong()).isEqualTo(r.at("/result/fills/0/tradeId").asLong());
    }

    @Test
    void shouldCancelByClientOrderIdWithTheCancelIdInCAndTheOriginalInC() throws Exception {
        JsonNode placed = place("side", "SELL", "type", "LIMIT", "timeInForce", "GTC", "price", "70000.00",
                "quantity", "0.01000", "newClientOrderId", "orig-1");
        JsonNode c = BinanceTestSupport.wsSigned(ws, sim, "order.cancel", params("symbol", "BTCUSDT",
                "origClientOrderId", "orig-1", "newClientOrderId", "cancel-1"), key);
        assertThat(c.get("status").asInt()).as(c.toString()).isEqualTo(200);
        assertThat(c.at("/result/status").asText()).isEqualTo("CANCELED");
        assertThat(keys(c.get("result"))).containsAll(keys(sample(SPOT_WS, "Cancel order (TRADE)", 1).get("result"))
                .stream().filter(k -> !k.startsWith("strategy") && !k.equals("trailingDelta")
                        && !k.equals("icebergQty")).toList());
        JsonNode report = report(placed.at("/result/orderId").asLong(), "CANCELED");
        assertThat(report.get("c").asText()).isEqualTo("cancel-1");
        assertThat(report.get("C").asText()).isEqualTo("orig-1");
        JsonNode again = BinanceTestSupport.wsSigned(ws, sim, "order.cancel", params("symbol", "BTCUSDT",
                "origClientOrderId", "orig-1"), key);
        assertThat(again.at("/error/code").asInt()).isEqualTo(-2011);
        assertThat(again.at("/error/msg").asText()).isEqualTo("Unknown order sent.");
    }

    @Test
    void shouldCancelAndReplaceAnOrderAndReportBothSides() throws Exception {
        JsonNode placed = place("side", "SELL", "type", "LIMIT", "timeInForce", "GTC", "price", "70000.00",
                "quantity", "0.01000", "newClientOrderId", "cr-1");
        JsonNode r = BinanceTestSupport.wsSigned(ws, sim, "order.cancelReplace", params("symbol", "BTCUSDT",
                "cancelReplaceMode", "STOP_ON_FAILURE", "cancelOrigClientOrderId", "cr-1", "side", "SELL",
                "type", "LIMIT", "timeInForce", "GTC", "price", "71000.00", "quantity", "0.01000",
                "newClientOrderId", "cr-1"), key);
        assertThat(r.get("status").asInt()).as(r.toString()).isEqualTo(200);
        assertThat(keys(r.get("result"))).isEqualTo(keys(sample(SPOT_WS, "Cancel and replace order (TRADE)", 1)
                .get("result")));
        assertThat(r.at("/result/newOrderResponse/price").asText()).isEqualTo("71000.00000000");
        report(placed.at("/result/orderId").asLong(), "CANCELED");
        report(r.at("/result/newOrderResponse/orderId").asLong(), "NEW");
        JsonNode failed = BinanceTestSupport.wsSigned(ws, sim, "order.cancelReplace", params("symbol", "BTCUSDT",
                "cancelReplaceMode", "STOP_ON_FAILURE", "cancelOrderId", 1, "side", "SELL", "type", "LIMIT",
                "timeInForce", "GTC", "price", "71000.00", "quantity", "0.01000"), key);
        assertThat(failed.get("status").asInt()).isEqualTo(400);
        assertThat(failed.at("/error/code").asInt()).isEqualTo(-2022);
        assertThat(failed.at("/error/data/newOrderResult").asText()).isEqualTo("NOT_ATTEMPTED");
        assertThat(failed.at("/error/data/cancelResponse/code").asInt()).isEqualTo(-2011);
    }

    @Test
    void shouldRejectALimitMakerThatWouldCrossWithMinus2010() throws Exception {
        sim.simulator().place("BTCUSDT", OrderRequest.limit("bob", Side.SELL, "60000.00", "0.00500"));
        JsonNode r = place("side", "BUY", "type", "LIMIT_MAKER", "price", "60000.00", "quantity", "0.00500");
        assertThat(r.get("status").asInt()).isEqualTo(400);
        assertThat(r.at("/error/code").asInt()).isEqualTo(-2010);
        assertThat(r.at("/error/msg").asText()).isEqualTo("Order would immediately match and take.");
        JsonNode ok = place("side", "BUY", "type", "LIMIT_MAKER", "price", "59000.00", "quantity", "0.00500",
                "newOrderRespType", "RESULT");
        assertThat(ok.at("/result/type").asText()).isEqualTo("LIMIT_MAKER");
    }

    @Test
    void shouldRejectFilterFailuresWithMinus1013() throws Exception {
        assertThat(place("side", "BUY", "type", "LIMIT", "timeInForce", "GTC", "price", "50000.001",
                "quantity", "0.01000").at("/error/msg").asText()).isEqualTo("Filter failure: PRICE_FILTER");
        assertThat(place("side", "BUY", "type", "LIMIT", "timeInForce", "GTC", "price", "50000.00",
                "quantity", "0.000015").at("/error/msg").asText()).isEqualTo("Filter failure: LOT_SIZE");
        JsonNode notional = place("side", "BUY", "type", "LIMIT", "timeInForce", "GTC", "price", "50000.00",
                "quantity", "0.00001");
        assertThat(notional.at("/error/code").asInt()).isEqualTo(-1013);
        assertThat(notional.at("/error/msg").asText()).isEqualTo("Filter failure: NOTIONAL");
    }

    @Test
    void shouldRejectMissingParametersAndUnknownSymbols() throws Exception {
        assertThat(place("side", "BUY", "type", "LIMIT", "price", "50000.00", "quantity", "0.01")
                .at("/error/code").asInt()).isEqualTo(-1102);
        JsonNode bad = BinanceTestSupport.wsSigned(ws, sim, "order.place", params("symbol", "NOPE", "side", "BUY",
                "type", "MARKET", "quantity", "1"), key);
        assertThat(bad.at("/error/code").asInt()).isEqualTo(-1121);
    }

    @Test
    void shouldRejectAnOrderTheBalanceCannotCoverWithMinus2010() throws Exception {
        JsonNode r = place("side", "BUY", "type", "LIMIT", "timeInForce", "GTC", "price", "50000.00",
                "quantity", "3.00000");
        assertThat(r.at("/error/code").asInt()).isEqualTo(-2010);
        assertThat(r.at("/error/msg").asText()).isEqualTo("Account has insufficient balance for requested action.");
    }

    @Test
    void shouldQueryOrdersAndCancelAllOpenOrders() throws Exception {
        place("side", "BUY", "type", "LIMIT", "timeInForce", "GTC", "price", "50000.00", "quantity", "0.01000");
        place("side", "BUY", "type", "LIMIT", "timeInForce", "GTC", "price", "50001.00", "quantity", "0.01000");
        JsonNode open = BinanceTestSupport.wsSigned(ws, sim, "openOrders.status", params("symbol", "BTCUSDT"), key);
        assertThat(open.get("result")).hasSize(2);
        JsonNode unknown = BinanceTestSupport.wsSigned(ws, sim, "order.status", params("symbol", "BTCUSDT",
                "orderId", 42), key);
        assertThat(unknown.at("/error/code").asInt()).isEqualTo(-2013);
        assertThat(unknown.at("/error/msg").asText()).isEqualTo("Order does not exist.");
        JsonNode all = BinanceTestSupport.wsSigned(ws, sim, "openOrders.cancelAll", params("symbol", "BTCUSDT"), key);
        assertThat(all.get("result")).hasSize(2);
        assertThat(all.at("/result/0/status").asText()).isEqualTo("CANCELED");
        JsonNode status = BinanceTestSupport.wsSigned(ws, sim, "order.status", params("symbol", "BTCUSDT",
                "orderId", all.at("/result/0/orderId").asLong()), key);
        assertThat(status.at("/result/status").asText()).isEqualTo("CANCELED");
        assertThat(ws.all(n -> n.path("event").path("x").asText().equals("CANCELED"))).hasSize(2);
        JsonNode none = BinanceTestSupport.wsSigned(ws, sim, "openOrders.cancelAll", params("symbol", "BTCUSDT"), key);
        assertThat(none.at("/error/code").asInt()).isEqualTo(-2011);
    }

    @Test
    void shouldExpireTheUnfilledRestOfAnIocOrder() throws Exception {
        sim.simulator().place("BTCUSDT", OrderRequest.limit("bob", Side.SELL, "60000.00", "0.00200"));
        JsonNode r = place("side", "BUY", "type", "LIMIT", "timeInForce", "IOC", "price", "60000.00",
                "quantity", "0.00500");
        assertThat(r.at("/result/status").asText()).isEqualTo("EXPIRED");
        report(r.at("/result/orderId").asLong(), "EXPIRED");
    }

    @Test
    void shouldSendBalanceUpdateAndAccountPositionOnDeposit() throws Exception {
        sim.deposit("alice", "ETH", "2.5");
        JsonNode update = ws.await(n -> n.path("event").path("e").asText().equals("balanceUpdate"));
        assertThat(keys(update)).isEqualTo(keys(sample(SPOT_UDS, "Balance Update", 0)));
        assertThat(keys(update.get("event"))).isEqualTo(keys(sample(SPOT_UDS, "Balance Update", 0).get("event")));
        assertThat(new BigDecimal(update.at("/event/d").asText())).isEqualByComparingTo("2.5");
        JsonNode position = ws.await(n -> n.path("event").path("e").asText().equals("outboundAccountPosition"));
        assertThat(position.at("/event/B/0/a").asText()).isEqualTo("ETH");
    }

    @Test
    void shouldSubscribeToUserDataAfterAnEd25519Logon() throws Exception {
        KeyPair pair = BinanceTestSupport.ed25519KeyPair();
        sim.addEd25519Key("alice", "alice-ed", pair.getPublic());
        WsClient other = WsClient.connect(sim.wsApiUri());
        BinanceTestSupport.wsSignedEd25519(other, sim, "session.logon", params(), "alice-ed", pair.getPrivate());
        JsonNode sub = BinanceTestSupport.wsRequest(other, "userDataStream.subscribe", null);
        assertThat(sub.get("result").toString()).isEqualTo("{\"subscriptionId\":0}");
        sim.deposit("alice", "USDT", "1");
        other.await(n -> n.path("event").path("e").asText().equals("balanceUpdate"));
        JsonNode unsub = BinanceTestSupport.wsRequest(other, "userDataStream.unsubscribe", null);
        assertThat(unsub.get("result").toString()).isEqualTo("{}");
        other.closeBlocking();
    }

    @Test
    void shouldServeRestViewsWithTheFieldsOfTheDocumentedSamples() throws Exception {
        JsonNode placed = place("side", "BUY", "type", "LIMIT", "timeInForce", "GTC", "price", "50000.00",
                "quantity", "0.01000");
        long id = placed.at("/result/orderId").asLong();
        var order = BinanceTestSupport.signed(sim, "GET", "/api/v3/order", "symbol=BTCUSDT&orderId=" + id, key);
        assertThat(keys(order.body())).isEqualTo(keys(sample(SPOT_REST, "Query order (USER_DATA)", 0)));
        var open = BinanceTestSupport.signed(sim, "GET", "/api/v3/openOrders", "symbol=BTCUSDT", key);
        assertThat(keys(open.body().get(0))).isEqualTo(keys(sample(SPOT_REST, "Current open orders", 0).get(0)));
        var all = BinanceTestSupport.signed(sim, "GET", "/api/v3/allOrders", "symbol=BTCUSDT", key);
        assertThat(keys(all.body().get(0))).isEqualTo(keys(sample(SPOT_REST, "All orders (USER_DATA)", 0).get(0)));
        var account = BinanceTestSupport.signed(sim, "GET", "/api/v3/account", "", key);
        assertThat(keys(account.body())).isEqualTo(keys(sample(SPOT_REST, "Account information (USER_DATA)", 0)));
        assertThat(account.body().get("balances").toString()).contains("\"asset\":\"USDT\"");
        var depth = BinanceTestSupport.get(sim, "/api/v3/depth", "symbol=BTCUSDT&limit=5");
        assertThat(keys(depth.body())).isEqualTo(keys(sample(SPOT_REST, "Order book", 0)));
        assertThat(depth.body().at("/bids/0/0").asText()).isEqualTo("50000.00000000");
        assertThat(depth.header("X-MBX-USED-WEIGHT-1M")).isNotNull();
        var info = BinanceTestSupport.get(sim, "/api/v3/exchangeInfo", "symbol=BTCUSDT");
        JsonNode infoSample = sample(SPOT_REST, "Exchange information", 0);
        assertThat(keys(info.body())).containsAll(keys(infoSample).stream().filter(k -> !k.equals("sors")).toList());
        assertThat(keys(info.body().at("/symbols/0"))).containsAll(keys(infoSample.at("/symbols/0")));
        assertThat(info.body().at("/symbols/0/filters").toString()).contains("PRICE_FILTER", "LOT_SIZE",
                "MARKET_LOT_SIZE", "NOTIONAL", "\"tickSize\":\"0.01000000\"", "\"stepSize\":\"0.00001000\"");
        assertThat(BinanceTestSupport.get(sim, "/api/v3/ping", "").body().toString()).isEqualTo("{}");
        assertThat(BinanceTestSupport.get(sim, "/api/v3/time", "").body().has("serverTime")).isTrue();
        assertThat(BinanceTestSupport.get(sim, "/api/v3/depth", "symbol=XXX").body().get("code").asInt())
                .isEqualTo(-1121);
    }

    @Test
    void shouldPageAllOrdersFromAnOrderIdUpwardsOrReturnTheMostRecent() throws Exception {
        long first = 0;
        for (int i = 0; i < 5; i++) {
            JsonNode r = place("side", "BUY", "type", "LIMIT", "timeInForce", "GTC", "price", "5000" + i + ".00",
                    "quantity", "0.01000");
            if (i == 0) {
                first = r.at("/result/orderId").asLong();
            }
        }
        var recent = BinanceTestSupport.signed(sim, "GET", "/api/v3/allOrders", "symbol=BTCUSDT&limit=2", key);
        assertThat(recent.body()).hasSize(2);
        assertThat(recent.body().get(1).get("orderId").asLong()).isEqualTo(first + 4);
        var from = BinanceTestSupport.signed(sim, "GET", "/api/v3/allOrders",
                "symbol=BTCUSDT&limit=2&orderId=" + (first + 1), key);
        assertThat(from.body().get(0).get("orderId").asLong()).isEqualTo(first + 1);
        assertThat(from.body().get(1).get("orderId").asLong()).isEqualTo(first + 2);
        var tooMany = BinanceTestSupport.signed(sim, "GET", "/api/v3/allOrders", "symbol=BTCUSDT&limit=1001", key);
        assertThat(tooMany.status()).isEqualTo(400);
        var noSymbol = BinanceTestSupport.signed(sim, "GET", "/api/v3/allOrders", "", key);
        assertThat(noSymbol.body().get("code").asInt()).isEqualTo(-1102);
    }

    @Test
    void shouldKeepAStopLossLimitWaitingUntilTheLastPriceReachesItsStop() throws Exception {
        JsonNode stop = place("side", "SELL", "type", "STOP_LOSS_LIMIT", "timeInForce", "GTC", "price", "58000.00",
                "stopPrice", "59000.00", "quantity", "0.00500", "newOrderRespType", "RESULT");
        assertThat(stop.get("status").asInt()).as(stop.toString()).isEqualTo(200);
        long id = stop.at("/result/orderId").asLong();
        var waiting = BinanceTestSupport.signed(sim, "GET", "/api/v3/order", "symbol=BTCUSDT&orderId=" + id, key);
        assertThat(waiting.body().get("type").asText()).isEqualTo("STOP_LOSS_LIMIT");
        assertThat(waiting.body().get("isWorking").asBoolean()).isFalse();
        assertThat(waiting.body().get("stopPrice").asText()).isEqualTo("59000.00000000");
        sim.simulator().place("BTCUSDT", OrderRequest.limit("bob", Side.BUY, "58500.00", "0.01000"));
        sim.simulator().place("BTCUSDT", OrderRequest.limit("bob", Side.SELL, "58500.00", "0.00100"));
        JsonNode trade = report(id, "TRADE");
        assertThat(trade.get("L").asText()).isEqualTo("58500.00000000");
        assertThat(place("side", "SELL", "type", "STOP_LOSS", "quantity", "0.00500").at("/error/code").asInt())
                .isEqualTo(-1102);
    }
}
