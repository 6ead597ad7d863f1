package io.exchangebus.connectors.grvt;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.role.OrderAccepted;
import io.exchangebus.connectors.grvt.testing.GrvtSimulatorProbe;
import io.exchangebus.events.CancelAll;
import io.exchangebus.events.CancelOrder;
import io.exchangebus.events.ErrorKind;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.ReplaceOrder;
import io.exchangebus.events.Side;
import io.exchangebus.events.TimeInForce;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GrvtOms against GrvtSimulator over real sockets: ids, cancels, cancel-replace, fills, rejections, TTL cancels. */
class GrvtOmsIT {

    private GrvtSimulatorProbe sim;
    private GrvtOmsHarness h;

    @BeforeEach
    void start() throws Exception {
        sim = GrvtSimulatorProbe.start();
        h = new GrvtOmsHarness(sim, new GrvtSignedOrders());
    }

    @AfterEach
    void stop() {
        h.close();
        sim.close();
    }

    @Test
    void shouldAcknowledgeWithTheRealOrderIdThatCameOnV1Order() throws Exception {
        PlaceOrder order = h.limit(Side.BUY, min(), sim.passiveBuyPrice());

        OrderAccepted accepted = h.get(h.oms.place(order)).value();

        assertThat(accepted.clientOrderId()).isEqualTo(order.getClientOrderId());
        assertThat(accepted.exchangeOrderId()).isNotNull().isNotEqualTo("0x00");
        assertThat(accepted.status()).isEqualTo(OrderStatus.NEW);
        h.awaitStatus(order.getClientOrderId(), OrderStatus.NEW);
        assertThat(h.of(order.getClientOrderId())).hasSize(1); // v1.order and v1.state said the same: once
    }

    @Test
    void shouldCancelByOrderId() throws Exception {
        PlaceOrder order = h.limit(Side.BUY, min(), sim.passiveBuyPrice());
        String orderId = h.get(h.oms.place(order)).value().exchangeOrderId();

        Result<OrderAccepted> canceled = h.get(h.oms.cancel(cancel(null, orderId)));

        assertThat(canceled.value().status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(canceled.value().exchangeOrderId()).isEqualTo(orderId);
        h.awaitStatus(order.getClientOrderId(), OrderStatus.CANCELED);
    }

    @Test
    void shouldCancelByClientOrderId() throws Exception {
        PlaceOrder order = h.limit(Side.BUY, min(), sim.passiveBuyPrice());
        String orderId = h.get(h.oms.place(order)).value().exchangeOrderId();

        Result<OrderAccepted> canceled = h.get(h.oms.cancel(cancel(order.getClientOrderId(), null)));

        assertThat(canceled.value().status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(canceled.value().exchangeOrderId()).isEqualTo(orderId);
    }

    @Test
    void shouldReportNotFoundWhenACancelsTimeToLiveRanOutOnV1Cancel() throws Exception {
        String never = GrvtClientOrderIds.SCHEME.toExchange("never-placed").value();

        Result<OrderAccepted> canceled = h.get(h.oms.cancel(cancel(never, null)));

        assertThat(canceled.isOk()).isFalse();
        assertThat(canceled.error().kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(canceled.error().message()).contains("time to live").contains("EXPIRED");
    }

    @Test
    void shouldCancelAllOpenOrdersAndCountThem() throws Exception {
        PlaceOrder a = h.limit(Side.BUY, min(), sim.passiveBuyPrice());
        PlaceOrder b = h.limit(Side.BUY, min(), sim.passiveBuyPrice());
        h.get(h.oms.place(a));
        h.get(h.oms.place(b));

        Result<Integer> count = h.get(h.oms.cancelAll(CancelAll.newBuilder().setSymbol(null).setInstrumentId(null)
                .build()));

        assertThat(count.value()).isEqualTo(2);
        h.awaitStatus(a.getClientOrderId(), OrderStatus.CANCELED);
        h.awaitStatus(b.getClientOrderId(), OrderStatus.CANCELED);
    }

    @Test
    void shouldCancelAllOrdersOfOneSymbolById() throws Exception {
        PlaceOrder a = h.limit(Side.BUY, min(), sim.passiveBuyPrice());
        h.get(h.oms.place(a));

        Result<Integer> count = h.get(h.oms.cancelAll(CancelAll.newBuilder().setSymbol(a.getSymbol())
                .setInstrumentId(a.getInstrumentId()).build()));

        assertThat(count.value()).isEqualTo(1);
        h.awaitStatus(a.getClientOrderId(), OrderStatus.CANCELED);
    }

    @Test
    void shouldReplaceByCancelReplaceUnderANewOrderId() throws Exception {
        BigDecimal price = sim.passiveBuyPrice();
        PlaceOrder order = h.limit(Side.BUY, min(), price);
        String oldId = h.get(h.oms.place(order)).value().exchangeOrderId();
        String newClientId = GrvtClientOrderIds.SCHEME.toExchange("it-replacement").value();
        BigDecimal newPrice = price.subtract(sim.instrument().rules().tickSize());

        OrderAccepted replaced = h.get(h.oms.replace(ReplaceOrder.newBuilder().setSymbol(order.getSymbol())
                .setInstrumentId(order.getInstrumentId()).setClientOrderId(order.getClientOrderId())
                .setNewClientOrderId(newClientId).setQuantity(null).setPrice(newPrice).build())).value();

        assertThat(replaced.clientOrderId()).isEqualTo(newClientId);
        assertThat(replaced.exchangeOrderId()).isNotNull().isNotEqualTo(oldId);
        h.awaitStatus(order.getClientOrderId(), OrderStatus.CANCELED);
        h.awaitStatus(newClientId, OrderStatus.NEW);
        OrderUpdate fresh = h.of(newClientId).get(0);
        assertThat(fresh.getPrice()).isEqualByComparingTo(newPrice);
        assertThat(fresh.getQuantity()).isEqualByComparingTo(order.getQuantity());
    }

    @Test
    void shouldReportEachFillOnceWithItsOrder() throws Exception {
        PlaceOrder order = h.limit(Side.BUY, min(), null);
        order.setOrderType(OrderType.MARKET);
        order.setTimeInForce(TimeInForce.IOC);

        assertThat(h.get(h.oms.place(order)).isOk()).isTrue();

        h.awaitStatus(order.getClientOrderId(), OrderStatus.FILLED);
        GrvtOmsHarness.until("a fill", () -> h.of(order.getClientOrderId()).stream()
                .anyMatch(u -> u.getLastFill() != null));
        Thread.sleep(300); // any repeat would have come by now
        List<OrderUpdate> fills = h.of(order.getClientOrderId()).stream().filter(u -> u.getLastFill() != null)
                .toList();
        Set<String> tradeIds = fills.stream().map(u -> u.getLastFill().getTradeId()).collect(Collectors.toSet());
        assertThat(tradeIds).hasSameSizeAs(fills);
        BigDecimal filled = fills.stream().map(u -> u.getLastFill().getQuantity()).reduce(BigDecimal.ZERO,
                BigDecimal::add);
        assertThat(filled).isEqualByComparingTo(order.getQuantity());
        assertThat(h.malformed).isEmpty();
    }

    @Test
    void shouldReportAPostOnlyOrderThatWouldCrossRejectedWithGrvtsReason() throws Exception {
        BigDecimal bestAsk = sim.trueBook(1).asks().get(0).getKey();
        PlaceOrder order = h.limit(Side.BUY, min(), bestAsk);
        order.setOrderType(OrderType.LIMIT_MAKER);

        assertThat(h.get(h.oms.place(order)).isOk()).isTrue();

        h.awaitStatus(order.getClientOrderId(), OrderStatus.REJECTED);
        OrderUpdate rejected = h.of(order.getClientOrderId()).stream()
                .filter(u -> u.getStatus() == OrderStatus.REJECTED).findFirst().orElseThrow();
        assertThat(rejected.getReason()).isEqualTo("FAIL_POST_ONLY");
    }

    @Test
    void shouldReturnGrvtsRefusalOfAClientOrderIdInUseByItsCode() throws Exception {
        PlaceOrder first = h.limit(Side.BUY, min(), sim.passiveBuyPrice());
        h.get(h.oms.place(first)); // open, its real id seen: its payload is settled
        PlaceOrder second = h.limit(Side.BUY, min(), sim.passiveBuyPrice().subtract(BigDecimal.ONE));
        second.setClientOrderId(first.getClientOrderId());

        Result<OrderAccepted> refused = h.get(h.oms.place(second));

        assertThat(refused.error().kind()).isEqualTo(ErrorKind.INVALID_ORDER);
        assertThat(refused.error().code()).isEqualTo("2012");
        assertThat(h.signed.payload(second.getClientOrderId())).isEmpty(); // its fate is known
        assertThat(sim.clientOrderIdsReceived()).hasSize(1);
    }

    @Test
    void shouldFindAnOrderThatClosedInTheHistory() throws Exception {
        PlaceOrder order = h.limit(Side.BUY, min(), sim.passiveBuyPrice());
        h.get(h.oms.place(order));
        h.get(h.oms.cancel(cancel(order.getClientOrderId(), null)));

        OrderUpdate found = h.get(h.oms.findOrder(order.getSymbol(), order.getClientOrderId())).value().orElseThrow();

        assertThat(found.getStatus()).isEqualTo(OrderStatus.CANCELED);
    }

    private String min() {
        return sim.instrument().rules().minQuantity().toPlainString();
    }

    private CancelOrder cancel(String clientOrderId, String orderId) {
        return CancelOrder.newBuilder().setSymbol(sim.instrument().symbol())
                .setInstrumentId(sim.instrument().id().toString()).setClientOrderId(clientOrderId)
                .setExchangeOrderId(orderId).build();
    }
}
