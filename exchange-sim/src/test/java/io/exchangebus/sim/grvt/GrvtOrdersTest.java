package io.exchangebus.sim.grvt;

import static io.exchangebus.sim.grvt.GrvtTestSupport.SUB;
import static io.exchangebus.sim.grvt.GrvtTestSupport.createParams;
import static io.exchangebus.sim.grvt.GrvtTestSupport.order;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.ManualClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Order entry over the trades WebSocket: ack 0x00 then the real id, duplicates, cancels, bulk cancel-replace. */
class GrvtOrdersTest {

    private final ManualClock clock = new ManualClock(GrvtTestSupport.START);
    private GrvtSimulator sim;
    private GrvtWsClient ws;

    @BeforeEach
    void start() throws Exception {
        sim = GrvtTestSupport.start(GrvtTestSupport.builder(clock).rateLimit(20, Duration.ofSeconds(10)));
        ws = GrvtTestSupport.trades(sim);
        ws.subscribe("v1.order", SUB.toString());
        ws.subscribe("v1.state", SUB + "-BTC_USDT_Perp");
    }

    @AfterEach
    void stop() {
        ws.close();
        sim.close();
    }

    @Test
    void shouldAnswerCreateWith0x00AndCarryTheRealIdOnV1Order() throws Exception {
        ObjectNode o = order("BTC_USDT_Perp", true, "0.01", "60000.0");
        JsonNode ack = ws.result("v1/create_order", createParams(o).toString());
        assertThat(ack.get("order_id").asText()).isEqualTo("0x00");
        assertThat(ack.get("state").get("status").asText()).isEqualTo("PENDING");
        assertThat(ack.get("metadata").get("client_order_id").asText())
                .isEqualTo(o.get("metadata").get("client_order_id").asText());

        JsonNode frame = ws.next("v1.order");
        JsonNode feed = frame.get("feed");
        assertThat(feed.get("order_id").asText()).startsWith("0x").isNotEqualTo("0x00");
        assertThat(feed.get("state").get("status").asText()).isEqualTo("OPEN");
        assertThat(feed.get("metadata").get("client_order_id").asText())
                .isEqualTo(o.get("metadata").get("client_order_id").asText());
        assertThat(frame.get("selector").asText()).isEqualTo(SUB.toString());
        assertThat(frame.get("sequence_number").asText()).isEqualTo("1");
        JsonNode state = ws.next("v1.state").get("feed");
        assertThat(state.get("order_id").asText()).isEqualTo(feed.get("order_id").asText());
        assertThat(state.get("order_state").get("status").asText()).isEqualTo("OPEN");
    }

    @Test
    void shouldIgnoreTheSameSignedPayloadSentTwice() throws Exception {
        ObjectNode o = order("BTC_USDT_Perp", true, "0.01", "60000.0");
        assertThat(ws.result("v1/create_order", createParams(o).toString()).get("order_id").asText())
                .isEqualTo("0x00");
        assertThat(ws.result("v1/create_order", createParams(o).toString()).get("order_id").asText())
                .isEqualTo("0x00");
        ws.next("v1.order");
        assertThat(sim.simulator().engine("BTC_USDT_Perp").openOrders(SUB.toString())).hasSize(1);
        assertThat(sim.simulator().receivedOrders()).hasSize(1);
    }

    @Test
    void shouldRefuseAnotherOrderWithTheClientOrderIdOfAnActiveOneWith2012() throws Exception {
        ObjectNode first = order("BTC_USDT_Perp", true, "0.01", "60000.0");
        ws.result("v1/create_order", createParams(first).toString());
        ObjectNode second = order("BTC_USDT_Perp", true, "0.01", "60000.0", "GOOD_TILL_TIME", false, 5,
                first.get("metadata").get("client_order_id").asText());
        assertThat(ws.call("v1/create_order", createParams(second)).path("error").path("code").asInt())
                .isEqualTo(2012);
    }

    @Test
    void shouldCancelByOrderIdAndByClientOrderId() throws Exception {
        ObjectNode a = order("BTC_USDT_Perp", true, "0.01", "60000.0");
        ObjectNode b = order("BTC_USDT_Perp", true, "0.02", "60000.0");
        ws.result("v1/create_order", createParams(a).toString());
        String idA = ws.next("v1.order").get("feed").get("order_id").asText();
        ws.result("v1/create_order", createParams(b).toString());
        ws.next("v1.order");

        JsonNode ack = ws.result("v1/cancel_order", "{\"sub_account_id\":\"" + SUB + "\",\"order_id\":\"" + idA + "\"}");
        assertThat(ack.get("ack").asText()).isEqualTo("true");
        JsonNode cancelled = ws.next("v1.order").get("feed");
        assertThat(cancelled.get("order_id").asText()).isEqualTo(idA);
        assertThat(cancelled.get("state").get("status").asText()).isEqualTo("CANCELLED");

        ws.result("v1/cancel_order", "{\"sub_account_id\":\"" + SUB + "\",\"client_order_id\":\""
                + b.get("metadata").get("client_order_id").asText() + "\"}");
        assertThat(ws.next("v1.order").get("feed").get("state").get("status").asText()).isEqualTo("CANCELLED");
        assertThat(sim.simulator().engine("BTC_USDT_Perp").openOrders(SUB.toString())).isEmpty();
    }

    @Test
    void shouldListTheOpenOrdersOldestFirstAndTheHistoryNewestFirstAfterACancel() throws Exception {
        ObjectNode a = order("BTC_USDT_Perp", true, "0.01", "60000.0");
        ObjectNode b = order("BTC_USDT_Perp", true, "0.02", "60000.0");
        ObjectNode c = order("BTC_USDT_Perp", true, "0.03", "60000.0");
        for (ObjectNode o : new ObjectNode[] {a, b, c}) {
            ws.result("v1/create_order", createParams(o).toString());
            ws.next("v1.order");
        }
        ws.result("v1/cancel_order", "{\"sub_account_id\":\"" + SUB + "\",\"client_order_id\":\"" + coid(b) + "\"}");
        ws.next("v1.order");

        JsonNode open = ws.result("v1/open_orders", "{\"sub_account_id\":\"" + SUB + "\"}");
        assertThat(open.findValuesAsText("client_order_id")).containsExactly(coid(a), coid(c));
        JsonNode history = ws.result("v1/order_history", "{\"sub_account_id\":\"" + SUB + "\"}").get("result");
        assertThat(history.findValuesAsText("client_order_id")).containsExactly(coid(c), coid(b), coid(a));
        assertThat(history.get(1).get("state").get("status").asText()).isEqualTo("CANCELLED");
    }

    private static String coid(ObjectNode order) {
        return order.get("metadata").get("client_order_id").asText();
    }

    @Test
    void shouldCancelAllOrdersOfTheSubAccount() throws Exception {
        ws.result("v1/create_order", createParams(order("BTC_USDT_Perp", true, "0.01", "60000.0")).toString());
        ws.result("v1/create_order", createParams(order("ETH_USDT_Perp", false, "0.1", "4000.00")).toString());
        assertThat(ws.result("v1/cancel_all_orders", "{\"sub_account_id\":\"" + SUB + "\"}").get("ack").asText())
                .isEqualTo("true");
        assertThat(sim.simulator().engine("BTC_USDT_Perp").openOrders(SUB.toString())).isEmpty();
        assertThat(sim.simulator().engine("ETH_USDT_Perp").openOrders(SUB.toString())).isEmpty();
    }

    @Test
    void shouldCancelThenCreateInBulkCancelReplace() throws Exception {
        ObjectNode old = order("BTC_USDT_Perp", true, "0.01", "60000.0");
        ws.result("v1/create_order", createParams(old).toString());
        String oldId = ws.next("v1.order").get("feed").get("order_id").asText();
        ObjectNode replacement = order("BTC_USDT_Perp", true, "0.01", "60100.0");
        ObjectNode params = GrvtWsClient.JSON.createObjectNode().put("sub_account_id", SUB.toString());
        params.putArray("orders").add(replacement);
        params.putArray("order_ids").add(oldId);

        JsonNode result = ws.result("v2/bulk_orders", params.toString());
        assertThat(result.get("cancel_acks").get(0).get("ack").asText()).isEqualTo("true");
        assertThat(result.get("orders").get(0).get("order_id").asText()).isEqualTo("0x00");
        JsonNode cancelled = ws.next("v1.order").get("feed");
        assertThat(cancelled.get("order_id").asText()).isEqualTo(oldId);
        assertThat(cancelled.get("state").get("status").asText()).isEqualTo("CANCELLED");
        JsonNode created = ws.next("v1.order").get("feed");
        assertThat(created.get("order_id").asText()).isNotEqualTo(oldId);
        assertThat(created.get("legs").get(0).get("limit_price").asText()).isEqualTo("60100.0");
        assertThat(sim.simulator().engine("BTC_USDT_Perp").openOrders(SUB.toString())).hasSize(1);
    }

    @Test
    void shouldPublishAnExpiredCancelOnV1CancelAndDropCreatesWithinTheTtl() throws Exception {
        ws.subscribe("v1.cancel", SUB.toString());
        ObjectNode o = order("BTC_USDT_Perp", true, "0.01", "60000.0");
        String coid = o.get("metadata").get("client_order_id").asText();
        ws.result("v1/cancel_order", "{\"sub_account_id\":\"" + SUB + "\",\"client_order_id\":\"" + coid
                + "\",\"time_to_live_ms\":\"300\"}");
        ws.result("v1/create_order", createParams(o).toString()); // within the TTL: dropped
        assertThat(sim.simulator().engine("BTC_USDT_Perp").openOrders(SUB.toString())).isEmpty();

        String other = "9223372036854775999";
        ws.result("v1/cancel_order", "{\"sub_account_id\":\"" + SUB + "\",\"client_order_id\":\"" + other + "\"}");
        JsonNode expired = ws.next("v1.cancel").get("feed");
        assertThat(expired.get("client_order_id").asText()).isEqualTo(other);
        assertThat(expired.get("cancel_status").asText()).isEqualTo("EXPIRED");
    }

    @Test
    void shouldMapTimeInForceAndRefuseWhatTheOrderBookDoesNotTake() throws Exception {
        ObjectNode aon = order("BTC_USDT_Perp", true, "0.01", "60000.0", "ALL_OR_NONE", false, 11, "9223372036854775900");
        assertThat(ws.call("v1/create_order", createParams(aon)).path("error").path("code").asInt()).isEqualTo(2030);
        ObjectNode postIoc = order("BTC_USDT_Perp", true, "0.01", "60000.0", "IMMEDIATE_OR_CANCEL", true, 12,
                "9223372036854775901");
        assertThat(ws.call("v1/create_order", createParams(postIoc)).path("error").path("code").asInt())
                .isEqualTo(2032);
        ObjectNode ioc = order("BTC_USDT_Perp", true, "0.01", "60000.0", "IMMEDIATE_OR_CANCEL", false, 13,
                "9223372036854775902");
        ws.result("v1/create_order", createParams(ioc).toString());
        assertThat(ws.next("v1.order").get("feed").get("state").get("status").asText()).isEqualTo("CANCELLED");
        ObjectNode offTick = order("BTC_USDT_Perp", true, "0.01", "60000.05");
        assertThat(ws.call("v1/create_order", createParams(offTick)).path("error").path("code").asInt())
                .isEqualTo(2064);
    }

    @Test
    void shouldAnswer1006OverTheRateLimitOnWebSocketAndHttp429OverRest() throws Exception {
        int refused = 0;
        for (int i = 0; i < 22; i++) {
            JsonNode answer = ws.call("v1/cancel_all_orders", "{\"sub_account_id\":\"" + SUB + "\"}");
            if (answer.path("error").path("code").asInt() == 1006) {
                refused++;
            }
        }
        assertThat(refused).isEqualTo(2);
        Map<String, String> headers = GrvtTestSupport.login(sim);
        HttpResponse<String> rest = GrvtTestSupport.post(sim.restBaseUri(), "/full/v1/cancel_all_orders",
                "{\"sub_account_id\":\"" + SUB + "\"}", headers);
        assertThat(rest.statusCode()).isEqualTo(429);
        assertThat(GrvtTestSupport.json(rest.body()).get("code").asInt()).isEqualTo(1006);

        clock.advance(Duration.ofSeconds(10));
        assertThat(ws.call("v1/cancel_all_orders", "{\"sub_account_id\":\"" + SUB + "\"}").has("result")).isTrue();
    }
}
