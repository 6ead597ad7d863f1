package io.exchangebus.connectors.grvt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Oms;
import io.exchangebus.connectors.core.testing.Fixtures;
import io.exchangebus.connectors.grvt.mapping.PrivateContext;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderUpdate;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The OMS's streams, from the docs' full feed examples ({@code ws_trading_streams.docs.jsonl} lines 7, 18, 29, 40).
 * The templates name a different order id on each stream; here they are given the {@code v1.order} one, so that
 * they speak of one order.
 */
class GrvtOrderFeedTest {

    static final String ORDER_ID = "0x1234567890abcdef";

    private final List<OrderUpdate> updates = new CopyOnWriteArrayList<>();
    private final List<MalformedFrame> malformed = new CopyOnWriteArrayList<>();
    private final GrvtSignedOrders signed = new GrvtSignedOrders();
    private final GrvtOrderFeed feed = new GrvtOrderFeed(new GrvtOrderUpdates(100), signed,
            new PrivateContext("test", EventSource.STREAM), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
            () -> new Recorder());

    @Test
    void shouldReportAnOrderOnceThoughV1StateSaysTheSame() throws Exception {
        feed.onFrame(frame(7));
        feed.onFrame(sameOrder(frame(18)));

        assertThat(updates).hasSize(1);
        OrderUpdate u = updates.get(0);
        assertThat(u.getExchangeOrderId()).isEqualTo(ORDER_ID);
        assertThat(u.getClientOrderId()).isEqualTo("23042");
        assertThat(u.getStatus()).isEqualTo(OrderStatus.NEW); // PENDING
        assertThat(u.getFilledQuantity()).isEqualByComparingTo("1.5");
        assertThat(u.getQuantity()).isEqualByComparingTo("10.5");
    }

    @Test
    void shouldJoinAStateChangeWithTheOrderItBelongsTo() throws Exception {
        feed.onFrame(frame(7));
        ObjectNode state = sameOrder(frame(18));
        ObjectNode os = (ObjectNode) state.get("feed").get("order_state");
        os.put("status", "CANCELLED").put("reject_reason", "CLIENT_CANCEL");

        feed.onFrame(state);

        assertThat(updates).hasSize(2);
        OrderUpdate canceled = updates.get(1);
        assertThat(canceled.getStatus()).isEqualTo(OrderStatus.CANCELED);
        assertThat(canceled.getReason()).isEqualTo("CLIENT_CANCEL");
        assertThat(canceled.getSymbol()).isEqualTo("BTC_USDT_Perp");
        assertThat(canceled.getPrice()).isEqualByComparingTo("65038.01");
    }

    @Test
    void shouldReportEachFillOnceWithItsOrder() throws Exception {
        feed.onFrame(frame(7));
        ObjectNode fill = sameOrder(frame(40));

        feed.onFrame(fill);
        feed.onFrame(fill);

        List<OrderUpdate> fills = updates.stream().filter(u -> u.getLastFill() != null).toList();
        assertThat(fills).hasSize(1);
        assertThat(fills.get(0).getLastFill().getTradeId()).isEqualTo("209358-2");
        assertThat(fills.get(0).getLastFill().getQuantity()).isEqualByComparingTo("0.30");
        assertThat(fills.get(0).getLastFill().getFee()).isEqualByComparingTo("9.75");
        assertThat(fills.get(0).getQuantity()).isEqualByComparingTo("10.5");
    }

    @Test
    void shouldReportAFillOfAnOrderNeverSeenAsMalformedNotDropIt() throws Exception {
        feed.onFrame(frame(40));

        assertThat(updates).isEmpty();
        assertThat(malformed).singleElement().satisfies(m -> assertThat(m.channel()).isEqualTo("v1.fill"));
    }

    @Test
    void shouldTellAWaitingCancelThatItsTimeToLiveRanOut() throws Exception {
        CompletableFuture<Optional<GrvtOrderFeed.CancelOutcome>> waiting = feed.cancels.register("c:23042",
                Duration.ofSeconds(5));

        feed.onFrame(frame(29));

        assertThat(waiting.get().orElseThrow().notFound()).contains("23042").contains("EXPIRED");
    }

    @Test
    void shouldSettleTheKeptPayloadWhenTheOrderShowsOnV1Order() throws Exception {
        signed.keep("23042", GrvtOms.JSON.createObjectNode().put("nonce", 1));

        feed.onFrame(frame(7));

        assertThat(signed.payload("23042")).isEmpty();
    }

    private static ObjectNode sameOrder(ObjectNode frame) {
        ((ObjectNode) frame.get("feed")).put("order_id", ORDER_ID);
        return frame;
    }

    private static ObjectNode frame(int line) throws Exception {
        String record = Files.readAllLines(Fixtures.path("grvt/ws_trading_streams.docs.jsonl")).get(line - 1);
        JsonNode message = GrvtOms.JSON.readTree(record).get("message");
        return (ObjectNode) message;
    }

    private final class Recorder implements Oms.Listener {
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
    }
}
