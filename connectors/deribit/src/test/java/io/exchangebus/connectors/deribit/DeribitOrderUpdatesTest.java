package io.exchangebus.connectors.deribit;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.events.EventSource;
import io.exchangebus.events.Fill;
import io.exchangebus.events.Liquidity;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.Side;
import io.exchangebus.events.TimeInForce;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeribitOrderUpdatesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final DeribitOrderUpdates updates = new DeribitOrderUpdates(1000);

    static OrderUpdate order(String id, OrderStatus status, String filled, String price, long millis) {
        return OrderUpdate.newBuilder()
                .setExchange("deribit").setAccount("trader").setSymbol("BTC-PERPETUAL").setInstrumentId("BTC-USD-PERP")
                .setClientOrderId("c-" + id).setExchangeOrderId(id).setSide(Side.BUY).setOrderType(OrderType.LIMIT)
                .setTimeInForce(TimeInForce.GTC).setStatus(status).setPrice(new BigDecimal(price)).setStopPrice(null)
                .setQuantity(new BigDecimal("100")).setFilledQuantity(new BigDecimal(filled)).setAveragePrice(null)
                .setLastFill(null).setReason(null).setExchangeTime(T0.plusMillis(millis)).setReceiveTime(T0)
                .setSource(EventSource.STREAM).build();
    }

    static OrderUpdate filled(OrderUpdate order, String tradeId, String quantity) {
        return OrderUpdate.newBuilder(order).setLastFill(Fill.newBuilder().setTradeId(tradeId)
                .setPrice(order.getPrice()).setQuantity(new BigDecimal(quantity)).setFee(new BigDecimal("0.01"))
                .setFeeAsset("BTC").setLiquidity(Liquidity.MAKER).setExchangeTime(order.getExchangeTime()).build())
                .build();
    }

    @Test
    void shouldReportTheSameStateOnceWhenTheNotificationPrecedesTheAnswer() {
        OrderUpdate notified = order("1", OrderStatus.NEW, "0", "40000", 1);
        OrderUpdate answered = order("1", OrderStatus.NEW, "0", "40000.0", 1);

        assertThat(updates.fresh(List.of(notified))).containsExactly(notified);
        assertThat(updates.fresh(List.of(answered))).isEmpty();
    }

    @Test
    void shouldReportAFillOnceWhicheverSideCarriesItFirst() {
        OrderUpdate fill = filled(order("1", OrderStatus.FILLED, "100", "40000", 2), "t-1", "100");
        OrderUpdate sameFillAgain = filled(order("1", OrderStatus.FILLED, "100", "40000", 2), "t-1", "100");

        assertThat(updates.fresh(List.of(fill))).containsExactly(fill);
        assertThat(updates.fresh(List.of(sameFillAgain))).isEmpty();
        assertThat(updates.fresh(List.of(order("1", OrderStatus.FILLED, "100", "40000", 2)))).isEmpty();
    }

    @Test
    void shouldReportEveryNewTradeOfAnOrder() {
        OrderUpdate first = filled(order("1", OrderStatus.PARTIALLY_FILLED, "40", "40000", 2), "t-1", "40");
        OrderUpdate second = filled(order("1", OrderStatus.FILLED, "100", "40000", 3), "t-2", "60");

        assertThat(updates.fresh(List.of(first, second))).containsExactly(first, second);
        assertThat(updates.fresh(List.of(first, second))).isEmpty();
    }

    @Test
    void shouldDropALateAnswerThatSaysLessThanWhatWasReported() {
        updates.fresh(List.of(order("1", OrderStatus.CANCELED, "0", "40000", 5)));

        assertThat(updates.fresh(List.of(order("1", OrderStatus.NEW, "0", "40000", 1)))).isEmpty();
        updates.fresh(List.of(order("2", OrderStatus.PARTIALLY_FILLED, "50", "40000", 5)));
        assertThat(updates.fresh(List.of(order("2", OrderStatus.NEW, "0", "40000", 5)))).isEmpty();
        assertThat(updates.fresh(List.of(order("2", OrderStatus.PARTIALLY_FILLED, "50", "39000", 4)))).isEmpty();
    }

    @Test
    void shouldReportAnEditThatChangesOnlyThePriceOrAmount() {
        updates.fresh(List.of(order("1", OrderStatus.NEW, "0", "40000", 1)));
        OrderUpdate edited = order("1", OrderStatus.NEW, "0", "39000", 2);
        OrderUpdate resized = OrderUpdate.newBuilder(edited).setQuantity(new BigDecimal("50")).build();

        assertThat(updates.fresh(List.of(edited))).containsExactly(edited);
        assertThat(updates.fresh(List.of(resized))).containsExactly(resized);
        assertThat(updates.last("1")).contains(resized);
    }

    @Test
    void shouldListTheOrdersLastReportedOpen() {
        updates.fresh(List.of(order("1", OrderStatus.NEW, "0", "40000", 1),
                order("2", OrderStatus.NEW, "0", "40000", 1), order("2", OrderStatus.CANCELED, "0", "40000", 2)));

        assertThat(updates.open()).extracting(OrderUpdate::getExchangeOrderId).containsExactly("1");
    }

    @Test
    void shouldForgetTheOldestOrdersBeyondItsMemory() {
        DeribitOrderUpdates small = new DeribitOrderUpdates(2);
        small.fresh(List.of(order("1", OrderStatus.NEW, "0", "1", 1), order("2", OrderStatus.NEW, "0", "1", 1),
                order("3", OrderStatus.NEW, "0", "1", 1)));

        assertThat(small.last("1")).isEmpty();
        assertThat(small.last("3")).isPresent();
    }

    @Test
    void shouldChooseTheOpenOrderOfTheSymbolAmongThoseOfOneLabel() {
        OrderUpdate closed = order("1", OrderStatus.CANCELED, "0", "40000", 9);
        OrderUpdate open = order("2", OrderStatus.NEW, "0", "40000", 1);
        OrderUpdate elsewhere = OrderUpdate.newBuilder(order("3", OrderStatus.NEW, "0", "40000", 9))
                .setSymbol("ETH-PERPETUAL").build();

        assertThat(DeribitOrderLookups.choose(List.of(closed, open, elsewhere), "BTC-PERPETUAL")).contains(open);
        assertThat(DeribitOrderLookups.choose(List.of(closed, order("4", OrderStatus.FILLED, "100", "1", 3)),
                "BTC-PERPETUAL")).contains(closed);
        assertThat(DeribitOrderLookups.choose(List.of(elsewhere), "BTC-PERPETUAL")).isEqualTo(Optional.empty());
    }

    @Test
    void shouldNameTheEditedOrderByTheReplacesNewClientOrderId() {
        DeribitClientIds ids = new DeribitClientIds(10);
        ids.seen("a", "o-1");
        ids.alias("b", "o-1");

        assertThat(ids.orderIdOf("a")).contains("o-1");
        assertThat(ids.orderIdOf("b")).contains("o-1");
        assertThat(ids.aliased("a")).isEmpty();
        assertThat(ids.orderIdOf("c")).isEmpty();
    }
}
