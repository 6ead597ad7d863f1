package io.exchangebus.connectors.deribit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.connection.ConnectionState;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.number.ExactNumbers;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Oms;
import io.exchangebus.connectors.core.rpc.JsonRpcRequester;
import io.exchangebus.connectors.deribit.mapping.InstrumentMapping;
import io.exchangebus.connectors.deribit.mapping.OrderMapping;
import io.exchangebus.connectors.deribit.mapping.PrivateContext;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderUpdate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * {@link DeribitOrderFeed} after a reconnect, against answers given here: an order reported open that filled while
 * the connection was down is reported with its fill. The order and its trade are the documented {@code user.changes}
 * example (ws_notifications.gocryptotrader.jsonl line 13); "reported open" is that order before its trade.
 */
class DeribitOrderFeedTest {

    private static final PrivateContext LIVE = new PrivateContext("trader", null, EventSource.STREAM);

    private final List<OrderUpdate> updates = new CopyOnWriteArrayList<>();
    private final List<MalformedFrame> malformed = new CopyOnWriteArrayList<>();
    private final List<String> asked = new CopyOnWriteArrayList<>();

    private static JsonNode data() throws Exception {
        return ExactNumbers.exactMapper().readTree(DeribitFixtures.raw("ws_notifications.gocryptotrader.jsonl", 13))
                .path("params").path("data");
    }

    private DeribitOrderFeed feed(Map<String, JsonNode> answers) {
        InstrumentRegistry registry = new InstrumentRegistry("deribit");
        registry.replaceAll(InstrumentMapping.fromResponse(DeribitFixtures.raw("nautilus_test_data_2.jsonl", 9))
                .instruments());
        JsonRpcRequester rpc = (method, params) -> {
            asked.add(method + " " + params);
            return CompletableFuture.completedFuture(Result.ok(answers.get(method)));
        };
        DeribitOrderLookups lookups = new DeribitOrderLookups(rpc, registry, LIVE.withSource(EventSource.RECOVERY),
                Clock.systemUTC());
        Oms.Listener listener = new Oms.Listener() {
            @Override
            public void onOrderUpdate(OrderUpdate update) {
                updates.add(update);
            }

            @Override
            public void onMalformedFrame(MalformedFrame frame) {
                malformed.add(frame);
            }

            @Override
            public void onConnectionEvent(ConnectionEvent event) {
            }
        };
        return new DeribitOrderFeed(new DeribitOrderUpdates(100), new DeribitClientIds(100), LIVE, Clock.systemUTC(),
                () -> listener, () -> false, () -> lookups);
    }

    private static ConnectionEvent event(ConnectionState state) {
        return new ConnectionEvent("deribit-oms", state, null, 0, Instant.now());
    }

    @Test
    void shouldReportAFillMadeWhileDisconnectedOnceReconnected() throws Exception {
        JsonNode filled = data().path("orders").get(0);
        ObjectNode before = filled.deepCopy();
        before.put("order_state", "open").put("filled_amount", 0).putNull("average_price");
        ObjectNode trades = ExactNumbers.exactMapper().createObjectNode();
        trades.set("trades", data().path("trades"));
        trades.put("has_more", false);
        DeribitOrderFeed feed = feed(Map.of(DeribitOrderLookups.BY_ID, filled, DeribitOrderLookups.TRADES, trades));
        feed.deliver(List.of(OrderMapping.order(before, LIVE, Instant.now())));

        feed.onConnectionEvent(event(ConnectionState.DISCONNECTED));
        feed.onConnectionEvent(event(ConnectionState.CONNECTED));

        assertThat(asked).hasSize(2);
        assertThat(asked.get(0)).startsWith("private/get_order_state ").contains("3398016");
        assertThat(asked.get(1)).startsWith("private/get_user_trades_by_currency ").contains("\"BTC\"");
        assertThat(updates).hasSize(2);
        assertThat(updates.get(1).getStatus()).isEqualTo(OrderStatus.FILLED);
        assertThat(updates.get(1).getLastFill().getTradeId()).isEqualTo("1430914");
        assertThat(updates.get(1).getSource()).isEqualTo(EventSource.RECOVERY);
        assertThat(malformed).isEmpty();
    }

    @Test
    void shouldReadNothingAgainOnTheFirstConnect() throws Exception {
        DeribitOrderFeed feed = feed(Map.of());
        feed.deliver(OrderMapping.orders(data().path("orders"), LIVE, Instant.now()));

        feed.onConnectionEvent(event(ConnectionState.CONNECTED));

        assertThat(asked).isEmpty();
    }
}
