package io.exchangebus.sim.deribit;

import static io.exchangebus.sim.deribit.DeribitTestSupport.assertSameShape;
import static io.exchangebus.sim.deribit.DeribitTestSupport.fixture;
import static io.exchangebus.sim.deribit.DeribitTestSupport.login;
import static io.exchangebus.sim.deribit.DeribitTestSupport.quiet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.sim.account.ApiKey;
import java.math.BigDecimal;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeribitOrdersTest {

    private static final String PERP = "BTC-PERPETUAL";

    private DeribitSimulator sim;
    private ApiKey key;
    private DeribitWsClient client;

    @BeforeEach
    void start() throws Exception {
        sim = quiet().matchingEngineCredits(1, 1000, 1000).build();
        key = sim.createAccount("alice");
        sim.fundDemo("alice");
        sim.generator(PERP).step();
        client = login(sim, key);
    }

    @AfterEach
    void stop() {
        client.close();
        sim.close();
    }

    @Test
    void shouldRestALimitOrderAndAnswerTheFixturesOrderObject() throws Exception {
        JsonNode result = client.result("private/buy", limit(PERP, "100", below(), "a1"));

        JsonNode sample = fixture("nautilus_test_data.jsonl", "ws_order_buy_response.json").get("result");
        assertSameShape("buy", sample, result, Set.of());
        JsonNode order = result.get("order");
        assertThat(order.get("order_state").asText()).isEqualTo("open");
        assertThat(order.get("order_id").asText()).matches("\\d+");
        assertThat(order.get("contracts").decimalValue()).isEqualByComparingTo("10");
        assertThat(order.get("label").asText()).isEqualTo("a1");
        assertThat(result.get("trades")).isEmpty();
        assertThat(client.result("private/get_order_state", "{\"order_id\":\"" + order.get("order_id").asText()
                + "\"}").get("price").decimalValue()).isEqualByComparingTo(order.get("price").decimalValue());
    }

    @Test
    void shouldTellTheLabelOfAnOrderTheEngineReceivedUnderTheSimulatorsOwnId() throws Exception {
        client.result("private/buy", limit(PERP, "100", below(), "a1"));

        var received = sim.simulator().receivedOrders().get(0);
        assertThat(received.request().clientOrderId()).isNotEqualTo("a1");
        assertThat(sim.labelOf(received.request().clientOrderId())).contains("a1");
        assertThat(sim.labelOf("no-such-order")).isEmpty();
    }

    @Test
    void shouldFillAMarketOrderAndAnswerItsTrades() throws Exception {
        JsonNode result = client.result("private/sell", "{\"instrument_name\":\"BTC-PERPETUAL\",\"amount\":50,"
                + "\"type\":\"market\",\"label\":\"m\"}");

        JsonNode order = result.get("order");
        assertThat(order.get("order_state").asText()).isEqualTo("filled");
        assertThat(order.get("order_type").asText()).isEqualTo("market");
        assertThat(order.get("filled_amount").decimalValue()).isEqualByComparingTo("50");
        JsonNode trade = result.get("trades").get(0);
        assertSameShape("user trade", fixture("ws_notifications.gocryptotrader.jsonl", "User Trades")
                .get("params").get("data").get(0), trade, Set.of());
        assertThat(trade.get("liquidity").asText()).isEqualTo("T");
        assertThat(trade.get("fee_currency").asText()).isEqualTo("BTC");
        assertThat(trade.get("direction").asText()).isEqualTo("sell");
        JsonNode history = client.result("private/get_user_trades_by_currency", "{\"currency\":\"BTC\"}");
        assertThat(history.get("trades").size()).isEqualTo(result.get("trades").size());
    }

    @Test
    void shouldEditAnOrderKeepingItsId() throws Exception {
        JsonNode order = client.result("private/buy", limit(PERP, "100", below(), "e")).get("order");
        BigDecimal newPrice = below().subtract(BigDecimal.ONE);

        JsonNode edited = client.result("private/edit", "{\"order_id\":\"" + order.get("order_id").asText()
                + "\",\"amount\":200,\"price\":" + newPrice + "}").get("order");

        assertThat(edited.get("order_id").asText()).isEqualTo(order.get("order_id").asText());
        assertThat(edited.get("replaced").asBoolean()).isTrue();
        assertThat(edited.get("price").decimalValue()).isEqualByComparingTo(newPrice);
        assertThat(edited.get("amount").decimalValue()).isEqualByComparingTo("200");
    }

    @Test
    void shouldCancelOnceAndNameUnknownOrders() throws Exception {
        String id = client.result("private/buy", limit(PERP, "100", below(), "c")).get("order").get("order_id")
                .asText();

        JsonNode cancelled = client.result("private/cancel", "{\"order_id\":\"" + id + "\"}");
        assertThat(cancelled.get("order_state").asText()).isEqualTo("cancelled");
        assertThat(cancelled.get("cancel_reason").asText()).isEqualTo("user_request");
        assertThat(code(client.call("private/cancel", "{\"order_id\":\"" + id + "\"}"))).isEqualTo(11044);
        assertThat(code(client.call("private/cancel", "{\"order_id\":\"12\"}"))).isEqualTo(10004);
    }

    @Test
    void shouldCancelByInstrumentCurrencyLabelAndAll() throws Exception {
        client.result("private/buy", limit(PERP, "10", below(), "x"));
        client.result("private/buy", limit(PERP, "10", below(), "x"));
        client.result("private/buy", limit(PERP, "20", below(), "y"));
        assertThat(client.result("private/buy", limit("ETH-PERPETUAL", "1", new BigDecimal("2000"), "y"))
                .get("order").get("order_id").asText()).startsWith("ETH-");
        client.result("private/buy", limit("BTC_USDC-PERPETUAL", "0.01", new BigDecimal("80000"), "z"));

        assertThat(client.result("private/get_order_state_by_label", "{\"currency\":\"BTC\",\"label\":\"x\"}"))
                .hasSize(2);
        assertThat(client.result("private/get_open_orders_by_currency", "{\"currency\":\"BTC\"}")).hasSize(3);
        assertThat(client.result("private/cancel_by_label", "{\"label\":\"x\"}").asInt()).isEqualTo(2);
        assertThat(client.result("private/cancel_all_by_instrument", "{\"instrument_name\":\"BTC-PERPETUAL\"}")
                .asInt()).isEqualTo(1);
        assertThat(client.result("private/cancel_all_by_currency", "{\"currency\":\"ETH\"}").asInt()).isEqualTo(1);
        assertThat(client.result("private/get_open_orders_by_instrument",
                "{\"instrument_name\":\"BTC_USDC-PERPETUAL\"}").get(0).get("order_id").asText()).startsWith("USDC-");
        assertThat(client.result("private/cancel_all", "{}").asInt()).isEqualTo(1);
        assertThat(client.result("private/get_order_history_by_currency",
                "{\"currency\":\"BTC\",\"include_unfilled\":true}")).hasSize(3);
    }

    @Test
    void shouldRejectOrRepriceACrossingPostOnlyOrder() throws Exception {
        BigDecimal ask = sim.simulator().book(PERP).asks().get(0).price();
        String crossing = "{\"instrument_name\":\"BTC-PERPETUAL\",\"amount\":10,\"price\":" + ask
                + ",\"post_only\":true";

        assertThat(code(client.call("private/buy", crossing + ",\"reject_post_only\":true}"))).isEqualTo(11054);
        JsonNode repriced = client.result("private/buy", crossing + "}").get("order");
        assertThat(repriced.get("order_state").asText()).isEqualTo("open");
        assertThat(repriced.get("price").decimalValue()).isEqualByComparingTo(ask.subtract(new BigDecimal("0.5")));
    }

    @Test
    void shouldRefuseWhatDeribitRefuses() throws Exception {
        assertThat(code(client.call("private/buy", limit(PERP, "100", below(), "l".repeat(65))))).isEqualTo(-32602);
        assertThat(code(client.call("private/buy", limit(PERP, "15", below(), "")))).isEqualTo(10027);
        assertThat(code(client.call("private/buy", limit(PERP, "100", below().add(new BigDecimal("0.25")), ""))))
                .isEqualTo(10043);
        assertThat(code(client.call("private/buy", limit(PERP, "100000000", below(), "")))).isEqualTo(10009);
        assertThat(code(client.call("private/buy", limit(sim.options().get(0), "0.1", new BigDecimal("0.0501"), ""))))
                .isEqualTo(10043);
    }

    @Test
    void shouldAcknowledgeAnUntriggeredStopMarketWithMarketPrice() throws Exception {
        JsonNode order = client.result("private/sell", "{\"instrument_name\":\"BTC-PERPETUAL\",\"amount\":10,"
                + "\"type\":\"stop_market\",\"trigger_price\":80000,\"trigger\":\"last_price\"}").get("order");

        assertSameShape("stop market", fixture("nautilus_test_data_2.jsonl", "ws_order_stop_market_response.json")
                .get("result").get("order"), order, Set.of());
        assertThat(order.get("order_state").asText()).isEqualTo("untriggered");
        assertThat(order.get("price").asText()).isEqualTo("market_price");
    }

    @Test
    void shouldCancelTheConnectionsOrdersOnDisconnectWhenEnabled() throws Exception {
        client.result("private/enable_cancel_on_disconnect", "{\"scope\":\"connection\"}");
        String id = client.result("private/buy", limit(PERP, "10", below(), "cod")).get("order").get("order_id")
                .asText();
        client.closeBlocking();

        DeribitWsClient other = login(sim, key);
        DeribitTestSupport.waitUntil(() -> state(other, id).equals("cancelled"));
        assertThat(other.result("private/get_order_state", "{\"order_id\":\"" + id + "\"}").get("cancel_reason")
                .asText()).isEqualTo("cancel_on_disconnect");
        client = other;
    }

    private static String state(DeribitWsClient c, String id) {
        try {
            return c.result("private/get_order_state", "{\"order_id\":\"" + id + "\"}").get("order_state").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ten ticks below the best bid: rests. */
    private BigDecimal below() {
        return sim.simulator().book(PERP).bids().get(0).price().subtract(new BigDecimal("5"));
    }

    static String limit(String instrument, String amount, BigDecimal price, String label) {
        return "{\"instrument_name\":\"" + instrument + "\",\"amount\":" + amount + ",\"price\":" + price
                + ",\"label\":\"" + label + "\"}";
    }

    static int code(JsonNode answer) {
        return answer.get("error").get("code").asInt();
    }
}
