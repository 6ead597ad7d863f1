package io.exchangebus.connectors.deribit;

import static io.exchangebus.connectors.deribit.DeribitOmsHarness.LINEAR;
import static io.exchangebus.connectors.deribit.DeribitOmsHarness.PERP;
import static io.exchangebus.connectors.deribit.DeribitOmsHarness.await;
import static io.exchangebus.connectors.deribit.DeribitOmsHarness.onTick;
import static io.exchangebus.connectors.deribit.DeribitOmsHarness.order;
import static io.exchangebus.connectors.deribit.DeribitOmsHarness.until;
import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.role.OrderAccepted;
import io.exchangebus.connectors.deribit.mapping.OrderParams;
import io.exchangebus.connectors.deribit.testing.DeribitSimulatorProbe;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link DeribitOms} against the Deribit simulator over real sockets: what Deribit does that the contract does not. */
class DeribitOmsIT {

    private static final BigDecimal TICK = new BigDecimal("0.5");

    private DeribitSimulatorProbe probe;
    private DeribitOmsHarness h;

    @BeforeEach
    void start() throws Exception {
        probe = DeribitSimulatorProbe.start(b -> b.matchingEngineCredits(1, 1000, 1000));
        probe.deposit("USDC", new BigDecimal("1000000"));
        h = DeribitOmsHarness.connected(probe, Duration.ofSeconds(10), Optional.empty());
    }

    @AfterEach
    void stop() {
        h.close();
        probe.close();
    }

    private PlaceOrder restingBuy() {
        return order(PERP, "BTC-USD-PERP", Side.BUY, OrderType.LIMIT, BigDecimal.TEN)
                .setPrice(probe.passiveBuyPrice()).build();
    }

    @Test
    void shouldRejectACrossingPostOnlyOrderWithDeribitsReasonAndLeaveNothingOpen() throws Exception {
        BigDecimal crossing = onTick(probe.simulator().markPrice(PERP).multiply(new BigDecimal("1.5")), TICK);
        PlaceOrder maker = order(PERP, "BTC-USD-PERP", Side.BUY, OrderType.LIMIT_MAKER, BigDecimal.TEN)
                .setPrice(crossing).build();

        Result<OrderAccepted> answer = await(h.oms.place(maker));

        assertThat(answer.isOk()).isFalse();
        assertThat(answer.error().kind()).isEqualTo(ErrorKind.INVALID_ORDER);
        assertThat(answer.error().code()).isEqualTo("11054");
        assertThat(answer.error().retryable()).isFalse();
        assertThat(await(h.oms.findOrder(PERP, maker.getClientOrderId())).value()).isEmpty();
    }

    @Test
    void shouldReplaceByEditKeepingTheOrderIdAndNameItByTheNewClientOrderId() throws Exception {
        PlaceOrder order = restingBuy();
        OrderAccepted placed = await(h.oms.place(order)).value();
        BigDecimal lower = order.getPrice().subtract(BigDecimal.TEN);
        String newId = DeribitOmsHarness.newClientOrderId();

        Result<OrderAccepted> replaced = await(h.oms.replace(ReplaceOrder.newBuilder().setSymbol(PERP)
                .setInstrumentId("BTC-USD-PERP").setClientOrderId(order.getClientOrderId()).setNewClientOrderId(newId)
                .setQuantity(new BigDecimal("20")).setPrice(lower).build()));

        assertThat(replaced.isOk()).as("replaced: %s", replaced).isTrue();
        assertThat(replaced.value().exchangeOrderId()).isEqualTo(placed.exchangeOrderId());
        assertThat(replaced.value().clientOrderId()).isEqualTo(order.getClientOrderId());
        until("the edited order reported", () -> h.of(order.getClientOrderId()).stream()
                .anyMatch(u -> u.getPrice().compareTo(lower) == 0 && u.getQuantity().compareTo(BigDecimal.valueOf(20)) == 0));
        Optional<OrderUpdate> found = await(h.oms.findOrder(PERP, newId)).value();
        assertThat(found).hasValueSatisfying(u -> {
            assertThat(u.getExchangeOrderId()).isEqualTo(placed.exchangeOrderId());
            assertThat(u.getPrice()).isEqualByComparingTo(lower);
        });
        Result<OrderAccepted> canceled = await(h.oms.cancel(CancelOrder.newBuilder().setSymbol(PERP)
                .setInstrumentId("BTC-USD-PERP").setClientOrderId(newId).setExchangeOrderId(null).build()));
        assertThat(canceled.value().status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(canceled.value().exchangeOrderId()).isEqualTo(placed.exchangeOrderId());
    }

    @Test
    void shouldReportEachFillOnceWhenTheNotificationPrecedesTheAnswer() throws Exception {
        probe.simulator().faults().delayAnswersTo("private/buy", Duration.ofMillis(500));
        PlaceOrder taker = order(LINEAR, "BTC-USDC-PERP", Side.BUY, OrderType.MARKET, new BigDecimal("0.05")).build();

        OrderAccepted answer = await(h.oms.place(taker)).value();

        assertThat(answer.status()).isEqualTo(OrderStatus.FILLED);
        Thread.sleep(300); // anything late would arrive by now
        List<OrderUpdate> fills = h.of(taker.getClientOrderId()).stream().filter(u -> u.getLastFill() != null).toList();
        Set<String> tradeIds = fills.stream().map(u -> u.getLastFill().getTradeId()).collect(Collectors.toSet());
        assertThat(fills).isNotEmpty();
        assertThat(tradeIds).hasSize(fills.size());
        assertThat(fills.stream().map(u -> u.getLastFill().getQuantity()).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("0.05");
        assertThat(h.of(taker.getClientOrderId()).stream().filter(u -> u.getStatus() == OrderStatus.FILLED))
                .hasSize(1);
        assertThat(h.malformed).isEmpty();
    }

    @Test
    void shouldReadAnUntriggeredStopMarketOrderWithoutAPrice() throws Exception {
        BigDecimal trigger = onTick(probe.simulator().markPrice(PERP).multiply(new BigDecimal("0.5")), TICK);
        PlaceOrder stop = order(PERP, "BTC-USD-PERP", Side.SELL, OrderType.STOP_MARKET, BigDecimal.TEN)
                .setStopPrice(trigger).build();

        OrderAccepted accepted = await(h.oms.place(stop)).value();

        assertThat(accepted.status()).isEqualTo(OrderStatus.NEW);
        Optional<OrderUpdate> found = await(h.oms.findOrder(PERP, stop.getClientOrderId())).value();
        assertThat(found).hasValueSatisfying(u -> {
            assertThat(u.getOrderType()).isEqualTo(OrderType.STOP_MARKET);
            assertThat(u.getPrice()).isNull();
            assertThat(u.getStopPrice()).isEqualByComparingTo(trigger);
        });
        assertThat(h.malformed).isEmpty();
    }

    @Test
    void shouldPlaceEveryTimeInForceStopLimitAndReduceOnly() throws Exception {
        BigDecimal passive = probe.passiveBuyPrice();
        BigDecimal high = onTick(probe.simulator().markPrice(PERP).multiply(new BigDecimal("1.5")), TICK);
        PlaceOrder day = order(PERP, "BTC-USD-PERP", Side.BUY, OrderType.LIMIT, BigDecimal.TEN).setPrice(passive)
                .setTimeInForce(TimeInForce.GTD).setGoodTillTime(OrderParams.sessionEnd(Instant.now())).build();
        PlaceOrder ioc = order(PERP, "BTC-USD-PERP", Side.BUY, OrderType.LIMIT, BigDecimal.TEN).setPrice(passive)
                .setTimeInForce(TimeInForce.IOC).build();
        PlaceOrder fok = order(PERP, "BTC-USD-PERP", Side.BUY, OrderType.FILL_OR_KILL, BigDecimal.TEN)
                .setPrice(passive).build();
        PlaceOrder stopLimit = order(PERP, "BTC-USD-PERP", Side.BUY, OrderType.STOP_LIMIT, BigDecimal.TEN)
                .setPrice(high).setStopPrice(high).build();

        assertThat(await(h.oms.place(day)).value().status()).isEqualTo(OrderStatus.NEW);
        assertThat(await(h.oms.place(ioc)).value().status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(await(h.oms.place(fok)).value().status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(await(h.oms.place(stopLimit)).value().status()).isEqualTo(OrderStatus.NEW);
        assertThat(await(h.oms.findOrder(PERP, day.getClientOrderId())).value())
                .hasValueSatisfying(u -> assertThat(u.getTimeInForce()).isEqualTo(TimeInForce.GTD));
        assertThat(await(h.oms.findOrder(PERP, stopLimit.getClientOrderId())).value())
                .hasValueSatisfying(u -> assertThat(u.getStopPrice()).isEqualByComparingTo(high));

        await(h.oms.place(order(LINEAR, "BTC-USDC-PERP", Side.BUY, OrderType.MARKET, new BigDecimal("0.01")).build()));
        BigDecimal above = probe.simulator().markPrice(LINEAR).multiply(new BigDecimal("1.5"))
                .setScale(0, java.math.RoundingMode.DOWN);
        Result<OrderAccepted> reduce = await(h.oms.place(order(LINEAR, "BTC-USDC-PERP", Side.SELL, OrderType.LIMIT,
                new BigDecimal("0.01")).setPrice(above).setReduceOnly(true).build()));
        assertThat(reduce.isOk()).as("reduce-only: %s", reduce).isTrue();
        assertThat(reduce.value().status()).isEqualTo(OrderStatus.NEW);
        assertThat(h.malformed).isEmpty();
    }

    @Test
    void shouldCancelAllOrdersOfAnInstrumentAndSayHowMany() throws Exception {
        await(h.oms.place(restingBuy()));
        await(h.oms.place(restingBuy()));

        Result<Integer> count = await(h.oms.cancelAll(CancelAll.newBuilder().setSymbol(PERP)
                .setInstrumentId("BTC-USD-PERP").build()));

        assertThat(count.value()).isEqualTo(2);
        until("two orders reported CANCELED", () -> h.updates.stream()
                .filter(u -> u.getStatus() == OrderStatus.CANCELED).count() == 2);
    }
}
