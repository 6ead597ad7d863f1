package io.exchangebus.sim.grvt;

import static io.exchangebus.sim.grvt.GrvtTestSupport.SUB;
import static io.exchangebus.sim.grvt.GrvtTestSupport.createParams;
import static io.exchangebus.sim.grvt.GrvtTestSupport.json;
import static io.exchangebus.sim.grvt.GrvtTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.sim.ManualClock;
import io.exchangebus.sim.engine.OrderRequest;
import io.exchangebus.sim.engine.Side;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Responses and frames against the documentation's full examples in {@code shared/fixtures/grvt/*.docs.jsonl}: the
 * same field names at each level. Fields of features the simulator does not model (builder fees, TP/SL triggers,
 * brokers) are only present when the client sent them, and are left out of the comparison, as is the subscribe
 * result's {@code latest_sequence_number}, which only live results show.
 */
class GrvtFixtureShapesTest {

    private static final Set<String> UNMODELLED = Set.of("builder", "builder_fee", "builder_fee_rate", "trigger",
            "broker",
            // Not in the docs' template, but in live subscribe results (grvt.md §6).
            "latest_sequence_number");

    private GrvtSimulator sim;
    private GrvtWsClient ws;
    private Map<String, String> login;

    @BeforeEach
    void start() throws Exception {
        sim = GrvtTestSupport.start(GrvtTestSupport.builder(new ManualClock(GrvtTestSupport.START)));
        login = GrvtTestSupport.login(sim);
        ws = GrvtWsClient.connect(sim.tradesWsUri(), login);
    }

    @AfterEach
    void stop() {
        ws.close();
        sim.close();
    }

    @Test
    void shouldAnswerCreateAndStreamOrderStateFillAndPositionWithTheDocumentedFields() throws Exception {
        for (String stream : new String[] {"v1.order", "v1.state", "v1.fill", "v1.position"}) {
            JsonNode result = ws.subscribe(stream, SUB.toString());
            assertShape(result, doc("ws_trading_streams", "STREAM: " + stream, "Full Subscribe Response")
                    .get("result"), stream + " subscribe result");
        }
        JsonNode ack = ws.result("v1/create_order",
                createParams(GrvtTestSupport.order("BTC_USDT_Perp", true, "0.01", "60000.0")).toString());
        assertShape(ack, doc("rest_trading", "full/v1/create_order", "Full Response").get("result"), "create ack");
        sim.simulator().place("BTC_USDT_Perp", OrderRequest.market("sim-taker", Side.SELL, "0.01"));

        JsonNode order = ws.next("v1.order");
        assertShape(order, doc("ws_trading_streams", "STREAM: v1.order", "Full Feed Response"), "v1.order");
        assertShape(ws.next("v1.state"), doc("ws_trading_streams", "STREAM: v1.state", "Full Feed Response"),
                "v1.state");
        assertShape(ws.next("v1.fill"), doc("ws_trading_streams", "STREAM: v1.fill", "Full Feed Response"), "v1.fill");
        assertShape(ws.next("v1.position"), doc("ws_trading_streams", "STREAM: v1.position", "Full Feed Response"),
                "v1.position");
    }

    @Test
    void shouldAnswerRestQueriesWithTheDocumentedFields() throws Exception {
        ws.result("v1/create_order",
                createParams(GrvtTestSupport.order("BTC_USDT_Perp", true, "0.01", "60000.0")).toString());
        ws.result("v1/create_order",
                createParams(GrvtTestSupport.order("BTC_USDT_Perp", true, "0.02", "60000.0")).toString());
        sim.simulator().place("BTC_USDT_Perp", OrderRequest.market("sim-taker", Side.SELL, "0.01"));
        String sub = "{\"sub_account_id\":\"" + SUB + "\"}";
        restMatches("full/v1/account_summary", sub);
        restMatches("full/v1/positions", sub);
        restMatches("full/v1/open_orders", sub);
        restMatches("full/v1/order_history", sub);
        restMatches("full/v1/fill_history", sub);
        restMatches("full/v1/cancel_order", "{\"sub_account_id\":\"" + SUB + "\",\"client_order_id\":\"1\"}");
        restMatches("full/v1/cancel_all_orders", sub);
        JsonNode instruments = json(post(sim.restBaseUri(), "/full/v1/all_instruments", "{\"is_active\":true}",
                Map.of()).body());
        assertShape(instruments, doc("rest_market_data", "full/v1/all_instruments", "Full Response"),
                "all_instruments");
        assertThat(instruments.get("result").findValuesAsText("instrument"))
                .containsExactly("BTC_USDT_Perp", "ETH_USDT_Perp");
    }

    @Test
    void shouldStreamMarketDataWithTheDocumentedFields() throws Exception {
        sim.generator("BTC_USDT_Perp").step();
        try (GrvtWsClient md = GrvtWsClient.connect(sim.marketDataWsUri(), Map.of())) {
            for (String stream : new String[] {"v1.book.d", "v1.book.s", "v1.ticker.s", "v1.trade"}) {
                String selector = stream.equals("v1.book.s") ? "BTC_USDT_Perp@500-10" : "BTC_USDT_Perp@500";
                assertShape(md.subscribe(stream, selector), doc("ws_market_data_streams", "STREAM: " + stream,
                        "Full Subscribe Response").get("result"), stream + " subscribe result");
            }
            assertShape(md.next("v1.book.d"), doc("ws_market_data_streams", "STREAM: v1.book.d", "Full Feed Response"),
                    "v1.book.d");
            assertShape(md.next("v1.book.s"), doc("ws_market_data_streams", "STREAM: v1.book.s", "Full Feed Response"),
                    "v1.book.s");
            assertShape(md.next("v1.ticker.s"),
                    doc("ws_market_data_streams", "STREAM: v1.ticker.s", "Full Feed Response"), "v1.ticker.s");
            sim.simulator().place("BTC_USDT_Perp", OrderRequest.market("sim-taker", Side.BUY, "0.001"));
            assertShape(md.next("v1.trade"), doc("ws_market_data_streams", "STREAM: v1.trade", "Full Feed Response"),
                    "v1.trade");
        }
    }

    private void restMatches(String endpoint, String body) throws Exception {
        JsonNode ours = json(post(sim.restBaseUri(), "/" + endpoint, body, login).body());
        assertShape(ours, doc("rest_trading", endpoint, "Full Response"), endpoint);
    }

    /** Field names at every level of {@code ours} are those of {@code documented} (first array elements compared). */
    private static void assertShape(JsonNode ours, JsonNode documented, String where) {
        if (documented.isObject()) {
            assertThat(ours.isObject()).as(where + ": " + ours).isTrue();
            assertThat(names(ours)).as(where).isEqualTo(names(documented));
            documented.fields().forEachRemaining(e -> {
                if (!UNMODELLED.contains(e.getKey())) {
                    assertShape(ours.get(e.getKey()), e.getValue(), where + "." + e.getKey());
                }
            });
        } else if (documented.isArray() && !documented.isEmpty() && documented.get(0).isContainerNode()) {
            assertThat(ours.isArray()).as(where).isTrue();
            if (!ours.isEmpty()) {
                assertShape(ours.get(0), documented.get(0), where + "[0]");
            }
        }
    }

    private static Set<String> names(JsonNode node) {
        Set<String> out = new TreeSet<>();
        node.fieldNames().forEachRemaining(n -> {
            if (!UNMODELLED.contains(n)) {
                out.add(n);
            }
        });
        return out;
    }

    private static JsonNode doc(String file, String endpoint, String label) throws Exception {
        for (String line : Files.readAllLines(GrvtTestSupport.FIXTURES.resolve(file + ".docs.jsonl"))) {
            JsonNode entry = json(line);
            if (entry.path("endpoint").asText().contains(endpoint) && entry.path("label").asText().equals(label)
                    && entry.path("message").has(label.contains("Subscribe") ? "jsonrpc" : entry.path("message")
                    .fieldNames().next())) {
                return entry.get("message");
            }
        }
        throw new AssertionError("no " + label + " of " + endpoint + " in " + file);
    }
}
