package io.exchangebus.connectors.grvt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.connection.ConnectionState;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Oms;
import io.exchangebus.connectors.core.testing.Fixtures;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderUpdate;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** After a reconnect, each order last reported open is read again, and what changed while away is reported once. */
class GrvtOrderRecoveryTest {

    private final List<OrderUpdate> updates = new CopyOnWriteArrayList<>();

    @Test
    void shouldReportACancelMadeWhileDisconnected() throws Exception {
        RecordingOrderChannel channel = new RecordingOrderChannel();
        GrvtOms oms = GrvtOmsRetryTest.oms(channel, new GrvtSignedOrders());
        oms.connect(listener()).get();
        ObjectNode frame = docsOrderFrame();
        channel.frames.accept(frame);
        ObjectNode canceled = ((ObjectNode) frame.get("feed")).deepCopy();
        ((ObjectNode) canceled.get("state")).put("status", "CANCELLED");
        ArrayNode history = GrvtOms.JSON.createArrayNode().add(canceled);
        channel.then(Result.ok(GrvtOms.JSON.createArrayNode())) // open_orders: none
                .then(Result.ok(GrvtOms.JSON.createObjectNode().put("next", "").set("result", history)));

        channel.listener.onConnectionEvent(event(ConnectionState.DISCONNECTED));
        channel.listener.onConnectionEvent(event(ConnectionState.CONNECTED));
        channel.listener.onConnectionEvent(event(ConnectionState.CONNECTED)); // no second reading

        assertThat(updates).extracting(OrderUpdate::getStatus).containsExactly(OrderStatus.NEW, OrderStatus.CANCELED);
        assertThat(updates.get(1).getSource()).isEqualTo(EventSource.RECOVERY);
        assertThat(channel.sent).extracting(RecordingOrderChannel.Sent::method)
                .containsExactly(GrvtOrderLookups.OPEN, GrvtOrderLookups.HISTORY);
    }

    private static ObjectNode docsOrderFrame() throws Exception {
        String record = Files.readAllLines(Fixtures.path("grvt/ws_trading_streams.docs.jsonl")).get(6);
        ObjectNode message = (ObjectNode) GrvtOms.JSON.readTree(record).get("message");
        // As placed, nothing traded: an order with fills not seen yet waits for them (GrvtFillJoin).
        ObjectNode state = (ObjectNode) message.get("feed").get("state");
        state.putArray("traded_size").add("0");
        state.putArray("avg_fill_price").add("0");
        return message;
    }

    private static ConnectionEvent event(ConnectionState state) {
        return new ConnectionEvent("grvt-oms", state, null, 0, Instant.EPOCH);
    }

    private Oms.Listener listener() {
        return new Oms.Listener() {
            @Override
            public void onOrderUpdate(OrderUpdate update) {
                updates.add(update);
            }

            @Override
            public void onMalformedFrame(MalformedFrame frame) {
            }

            @Override
            public void onConnectionEvent(ConnectionEvent event) {
            }
        };
    }
}
