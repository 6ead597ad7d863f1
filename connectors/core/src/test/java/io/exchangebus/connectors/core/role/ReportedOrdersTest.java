package io.exchangebus.connectors.core.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangebus.connectors.core.role.ReportedOrders.Ids;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReportedOrdersTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static OrderUpdate order(String symbol, String id, OrderStatus status, String filled, String price, long millis) {
        return OrderUpdate.newBuilder()
                .setExchange("binance-usdm").setAccount("main").setSymbol(symbol).setInstrumentId(symbol + "-PERP")
                .setClientOrderId("c-" + id).setExchangeOrderId(id).setSide(Side.BUY).setOrderType(OrderType.LIMIT)
                .setTimeInForce(TimeInForce.GTC).setStatus(status).setPrice(new BigDecimal(price)).setStopPrice(null)
                .setQuantity(new BigDecimal("1")).setFilledQuantity(new BigDecimal(filled)).setAveragePrice(null)
                .setLastFill(null).setReason(null).setExchangeTime(T0.plusMillis(millis)).setReceiveTime(T0)
                .setSource(EventSource.STREAM).build();
    }

    static OrderUpdate filled(OrderUpdate order, String tradeId, String quantity) {
        return OrderUpdate.newBuilder(order).setLastFill(Fill.newBuilder().setTradeId(tradeId)
                .setPrice(order.getPrice()).setQuantity(new BigDecimal(quantity)).setFee(new BigDecimal("0.01"))
                .setFeeAsset("USDT").setLiquidity(Liquidity.TAKER).setExchangeTime(order.getExchangeTime()).build())
                .build();
    }

    @Test
    void shouldDropAnAnswersNewThatArrivesAfterTheStreamFilledTheOrder() {
        ReportedOrders reported = new ReportedOrders(100, Ids.PER_SYMBOL, false);
        OrderUpdate streamNew = order("BTCUSDT", "7", OrderStatus.NEW, "0", "50000", 1);
        OrderUpdate streamFill = filled(order("BTCUSDT", "7", OrderStatus.FILLED, "1", "50000", 1), "900", "1");
        OrderUpdate answerNew = order("BTCUSDT", "7", OrderStatus.NEW, "0.000", "50000.00", 1);

        assertThat(reported.fresh(streamNew)).isTrue();
        assertThat(reported.fresh(streamFill)).isTrue();
        assertThat(reported.fresh(answerNew)).isFalse();
        assertThat(reported.open()).isEmpty();
    }

    @Test
    void shouldKnowOrdersAndTradesOfTwoSymbolsApartWhenTheirIdsArePerSymbol() {
        ReportedOrders reported = new ReportedOrders(100, Ids.PER_SYMBOL, false);
        OrderUpdate btc = filled(order("BTCUSDT", "42", OrderStatus.FILLED, "1", "50000", 1), "77", "1");
        OrderUpdate eth = filled(order("ETHUSDT", "42", OrderStatus.PARTIALLY_FILLED, "0.5", "3000", 1), "77", "0.5");

        assertThat(reported.fresh(btc)).isTrue();
        assertThat(reported.fresh(eth)).isTrue();
        assertThat(reported.fresh(order("ETHUSDT", "42", OrderStatus.PARTIALLY_FILLED, "0.5", "3000", 1))).isFalse();
        assertThat(reported.open()).containsExactly(eth);
        assertThatThrownBy(() -> reported.last("42")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldTreatTheSameIdOnAnotherSymbolAsTheSameOrderWhenIdsAreExchangeWide() {
        ReportedOrders reported = new ReportedOrders(100, Ids.EXCHANGE_WIDE, false);
        reported.fresh(order("BTC-PERPETUAL", "42", OrderStatus.CANCELED, "0", "50000", 1));

        assertThat(reported.fresh(order("ETH-PERPETUAL", "42", OrderStatus.NEW, "0", "50000", 1))).isFalse();
        assertThat(reported.last("42")).map(OrderUpdate::getStatus).contains(OrderStatus.CANCELED);
    }

    @Test
    void shouldReportAnAmendThatChangesOnlyThePrice() {
        ReportedOrders reported = new ReportedOrders(100, Ids.PER_SYMBOL, false);
        reported.fresh(order("BTCUSDT", "7", OrderStatus.NEW, "0", "50000", 1));

        assertThat(reported.fresh(order("BTCUSDT", "7", OrderStatus.NEW, "0", "49000", 2))).isTrue();
        assertThat(reported.fresh(order("BTCUSDT", "7", OrderStatus.NEW, "0", "49000.0", 2))).isFalse();
    }

    @Test
    void shouldCompareExchangeTimesOnlyWhereTheyOrderTheUpdates() {
        ReportedOrders timed = new ReportedOrders(100, Ids.EXCHANGE_WIDE, true);
        ReportedOrders untimed = new ReportedOrders(100, Ids.EXCHANGE_WIDE, false);
        for (ReportedOrders r : List.of(timed, untimed)) {
            r.fresh(order("BTC-PERPETUAL", "1", OrderStatus.NEW, "0", "40000", 5));
        }
        OrderUpdate earlierEdit = order("BTC-PERPETUAL", "1", OrderStatus.NEW, "0", "39000", 4);

        assertThat(timed.fresh(earlierEdit)).isFalse();
        assertThat(untimed.fresh(earlierEdit)).isTrue();
    }

    @Test
    void shouldReportEachFillOnceEvenWhenItsStatusIsBehindTheLastState() {
        ReportedOrders reported = new ReportedOrders(100, Ids.EXCHANGE_WIDE, false);
        OrderUpdate last = filled(order("X", "1", OrderStatus.FILLED, "1", "10", 2), "t-2", "0.6");
        OrderUpdate lateFirst = filled(order("X", "1", OrderStatus.PARTIALLY_FILLED, "0.4", "10", 1), "t-1", "0.4");

        assertThat(reported.fresh(last)).isTrue();
        assertThat(reported.fresh(lateFirst)).isTrue();
        assertThat(reported.fresh(lateFirst)).isFalse();
        assertThat(reported.last("1")).contains(last);
        assertThat(reported.reportedTrade("t-1")).isTrue();
    }

    @Test
    void shouldDeliverInTheOrderOfItsDecisionsWhenTwoThreadsReportOneOrder() throws Exception {
        ReportedOrders reported = new ReportedOrders(10_000, Ids.PER_SYMBOL, false);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 2_000; round++) {
                String id = Integer.toString(round);
                List<OrderUpdate> delivered = new ArrayList<>(); // guarded by reported's lock
                CountDownLatch go = new CountDownLatch(1);
                OrderUpdate answerNew = order("BTCUSDT", id, OrderStatus.NEW, "0", "1", 1);
                OrderUpdate streamFill = filled(order("BTCUSDT", id, OrderStatus.FILLED, "1", "1", 1), id, "1");
                Future<?> answer = threads.submit(() -> {
                    go.await();
                    return reported.report(answerNew, delivered::add);
                });
                Future<?> stream = threads.submit(() -> {
                    go.await();
                    return reported.report(streamFill, delivered::add);
                });
                go.countDown();
                answer.get(10, TimeUnit.SECONDS);
                stream.get(10, TimeUnit.SECONDS);

                synchronized (reported) {
                    assertThat(delivered).as("round %d", round).last().isEqualTo(streamFill);
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void shouldForgetTheOldestOrdersBeyondItsMemory() {
        ReportedOrders small = new ReportedOrders(2, Ids.EXCHANGE_WIDE, false);
        for (String id : List.of("1", "2", "3")) {
            small.fresh(order("X", id, OrderStatus.NEW, "0", "1", 1));
        }

        assertThat(small.last("1")).isEmpty();
        assertThat(small.last("3")).isPresent();
        assertThatThrownBy(() -> new ReportedOrders(0, Ids.EXCHANGE_WIDE, false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
