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
    private static final String T0 = "1697788800000000000";
    private static final String T1 = "1697788800000000001";
    private static final String T2 = "1697788800000000002";

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

        // The docs' order has traded 1.5 that no fill told: it waits for its fills, then is reported as it is,
        // once: both frames' waits are over well within twice the wait.
        awaitUpdates(1);
        Thread.sleep(2 * GrvtFillJoin.FILL_WAIT.toMillis());
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
        feed.onFrame(placed());
        ObjectNode state = tradedState("CANCELLED", "0", "0", T1);
        ((ObjectNode) state.get("feed").get("order_state")).put("reject_reason", "CLIENT_CANCEL");

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
        feed.onFrame(placed());
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
    void shouldReportAFillAndTheStateThatCountsItAsOneUpdateWhenTheStateComesFirst() throws Exception {
        feed.onFrame(placed());
        feed.onFrame(tradedState("OPEN", "0.30", "65038.01", T1));
        assertThat(updates).as("the state waits for its fill").hasSize(1);

        feed.onFrame(fill("0.30", "65038.01", T1, "209358-2"));

        assertThat(updates).hasSize(2);
        OrderUpdate filled = updates.get(1);
        assertThat(filled.getLastFill().getFee()).isEqualByComparingTo("9.75");
        assertThat(filled.getFilledQuantity()).isEqualByComparingTo("0.30");
        assertThat(filled.getAveragePrice()).isEqualByComparingTo("65038.01");
        assertThat(filled.getStatus()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
    }

    @Test
    void shouldReportATakerOrderSeenFilledOnceWithItsFill() throws Exception {
        feed.onFrame(tradedOrder("FILLED", "10.5", "65038.01"));
        assertThat(updates).as("the order waits for its fill").isEmpty();

        feed.onFrame(fill("10.5", "65038.01", T0, "209358-2"));

        assertThat(updates).singleElement().satisfies(u -> {
            assertThat(u.getStatus()).isEqualTo(OrderStatus.FILLED);
            assertThat(u.getFilledQuantity()).isEqualByComparingTo("10.5");
            assertThat(u.getLastFill().getQuantity()).isEqualByComparingTo("10.5");
        });
    }

    @Test
    void shouldAdvanceTheOrderByFillsThatComeBeforeTheirStateAndDropTheStateThatSaysTheSame() throws Exception {
        feed.onFrame(placed());

        feed.onFrame(fill("0.30", "65038.01", T1, "209358-2"));
        feed.onFrame(fill("0.20", "65000", T2, "209358-3"));
        feed.onFrame(tradedState("OPEN", "0.5", "65022.806", T2));

        assertThat(updates).hasSize(3);
        OrderUpdate second = updates.get(2);
        assertThat(second.getLastFill().getTradeId()).isEqualTo("209358-3");
        assertThat(second.getFilledQuantity()).isEqualByComparingTo("0.5");
        // (0.30 × 65038.01 + 0.20 × 65000) / 0.5
        assertThat(second.getAveragePrice()).isEqualByComparingTo("65022.806");
        assertThat(second.getStatus()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
    }

    @Test
    void shouldReportAStateAsItIsWhenTheFillItCountsNeverComes() throws Exception {
        feed.onFrame(placed());

        feed.onFrame(tradedState("OPEN", "0.30", "65038.01", T1));

        awaitUpdates(2);
        assertThat(updates.get(1).getFilledQuantity()).isEqualByComparingTo("0.30");
        assertThat(updates.get(1).getLastFill()).isNull();
    }

    @Test
    void shouldNotCountAgainAFillThatComesAfterItsStateWasReportedWithoutIt() throws Exception {
        feed.onFrame(placed());
        feed.onFrame(tradedState("OPEN", "0.30", "65038.01", T2));
        awaitUpdates(2);

        feed.onFrame(fill("0.30", "65038.01", T1, "209358-2"));

        assertThat(updates).hasSize(3);
        assertThat(updates.get(2).getLastFill().getTradeId()).isEqualTo("209358-2");
        assertThat(updates.get(2).getFilledQuantity()).isEqualByComparingTo("0.30");
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

        feed.onFrame(placed());

        assertThat(signed.payload("23042")).isEmpty();
    }

    /** Waits up to 5 s ({@link GrvtFillJoin#FILL_WAIT} and then some) for {@code count} updates. */
    private void awaitUpdates(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (updates.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(updates).hasSize(count);
    }

    /** The docs' {@code v1.order} with {@code status}, {@code traded} filled at {@code average}, changed at T0. */
    private static ObjectNode tradedOrder(String status, String traded, String average) throws Exception {
        ObjectNode order = frame(7);
        trade((ObjectNode) order.get("feed").get("state"), status, traded, average, T0);
        return order;
    }

    /** The order as placed: open, nothing traded. */
    private static ObjectNode placed() throws Exception {
        return tradedOrder("OPEN", "0", "0");
    }

    /** {@code v1.state} of the order: {@code status}, {@code traded} filled at {@code average}, changed at {@code nanos}. */
    private static ObjectNode tradedState(String status, String traded, String average, String nanos)
            throws Exception {
        ObjectNode state = sameOrder(frame(18));
        trade((ObjectNode) state.get("feed").get("order_state"), status, traded, average, nanos);
        return state;
    }

    private static void trade(ObjectNode state, String status, String traded, String average, String nanos) {
        state.put("status", status).put("update_time", nanos);
        state.putArray("traded_size").add(traded);
        state.putArray("avg_fill_price").add(average);
    }

    /** The docs' {@code v1.fill} (fee 9.75 USDT) of the order: {@code size} at {@code price}, at {@code nanos}. */
    private static ObjectNode fill(String size, String price, String nanos, String tradeId) throws Exception {
        ObjectNode fill = sameOrder(frame(40));
        ((ObjectNode) fill.get("feed")).put("size", size).put("price", price).put("event_time", nanos)
                .put("trade_id", tradeId);
        return fill;
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
