package io.exchangebus.oms;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.role.OrderAccepted;
import io.exchangebus.events.AckStatus;
import io.exchangebus.events.CancelOrder;
import io.exchangebus.events.ErrorKind;
import io.exchangebus.events.OrderAck;
import io.exchangebus.events.OrderCommand;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.junit.LocalStackExtension;
import io.exchangebus.localstack.junit.TestTopics;
import io.exchangebus.service.config.CommonConfig;
import io.exchangebus.service.config.ConfigLoader;
import io.exchangebus.service.config.ServiceConfig;
import io.exchangebus.service.exchange.ExchangeAccess;
import io.exchangebus.service.ops.ServiceMetrics;
import io.exchangebus.sim.ReceivedOrderCommand;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Commands an earlier OMS process may have sent (read again after a crash or an aborted transaction) are settled
 * at the exchange before anything else, expiry included: EXPIRED only for what never reached it. The handler runs
 * against the Binance simulator over the real connector; what "the earlier process" did is done through the same
 * account's OMS role, as that process would have.
 */
@ExtendWith(LocalStackExtension.class)
class UncertainCommandsIT {
    private static final Instant PAST = Instant.now().minusSeconds(60);

    private OmsTestStack env;
    private AccountSessions sessions;
    private CommandHandler handler;
    private ServiceMetrics metrics;
    private final ClientOrderIds ids = new ClientOrderIds();

    @BeforeEach
    void connect(LocalStack stack, TestTopics topics) throws Exception {
        Path dir = Files.createTempDirectory("oms-uncertain");
        env = new OmsTestStack(stack, topics, dir);
        ServiceConfig config = new ConfigLoader("oms-service", OmsKeys.SCHEMA, Map.of())
                .load(Optional.of(env.config("oms-uncertain", "  risk:\n    price-band: 0\n")));
        metrics = new ServiceMetrics("oms-service", "oms-uncertain");
        OpenOrders openOrders = new OpenOrders();
        sessions = AccountSessions.start(ExchangeAccess.of(CommonConfig.of(config)), List.of("spot"),
                new UpdateOutbox(), openOrders, metrics, Duration.ofSeconds(20),
                new AccountSessions.Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)));
        assertThat(sessions.awaitConnected(Duration.ofSeconds(20))).as("spot connected").isTrue();
        TopOfBook books = new TopOfBook();
        handler = new CommandHandler(sessions, new RiskChecks(RiskLimits.of(config), books, openOrders), books, ids,
                new OmsMetrics(metrics), Clock.systemUTC(), Duration.ofSeconds(10), Duration.ofSeconds(20));
        this.config = config;
        this.openOrders = openOrders;
    }

    private ServiceConfig config;
    private OpenOrders openOrders;

    @AfterEach
    void close() throws Exception {
        if (sessions != null) {
            sessions.close();
        }
        env.close();
    }

    @Test
    void shouldAckAnExpiredPlaceAcceptedWhenTheExchangeHasItsOrder() throws Exception {
        PlaceOrder order = OmsTestStack.limitBuy("59000.00", "0.002");
        String orderId = placedEarlier(order);

        CommandHandler.Handled handled = handler.handle(spot(order, PAST), true, KillSwitch.none());

        assertThat(handled.ack().getStatus()).isEqualTo(AckStatus.ACCEPTED);
        assertThat(handled.ack().getExchangeOrderId()).isEqualTo(orderId);
        assertThat(handled.updates()).singleElement().satisfies(u -> {
            assertThat(u.getStatus()).isEqualTo(OrderStatus.NEW);
            assertThat(u.getClientOrderId()).isEqualTo(order.getClientOrderId());
        });
        assertThat(places(order)).as("placed once, by the earlier process").hasSize(1);
    }

    @Test
    void shouldHoldAnUncertainPlaceUntilItsAccountConnectsAndAckItAcceptedWhenTheExchangeHasItsOrder()
            throws Exception {
        PlaceOrder order = OmsTestStack.limitBuy("59000.00", "0.002");
        String orderId = placedEarlier(order);
        // A restarted process: its account is still connecting when the command is read again.
        try (AccountSessions restarted = AccountSessions.start(ExchangeAccess.of(CommonConfig.of(config)),
                List.of("spot"), new UpdateOutbox(), openOrders, metrics, Duration.ofSeconds(20),
                new AccountSessions.Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)))) {
            TopOfBook books = new TopOfBook();
            CommandHandler afterRestart = new CommandHandler(restarted, new RiskChecks(RiskLimits.of(config), books,
                    openOrders), books, ids, new OmsMetrics(metrics), Clock.systemUTC(), Duration.ofSeconds(10),
                    Duration.ofSeconds(20));
            assertThat(restarted.of("spot")).as("not connected yet when the command is handled").isEmpty();

            CommandHandler.Handled handled = afterRestart.handle(spot(order, null), true, KillSwitch.none());

            assertThat(handled.ack().getStatus()).as("%s", handled.ack().getError()).isEqualTo(AckStatus.ACCEPTED);
            assertThat(handled.ack().getExchangeOrderId()).isEqualTo(orderId);
            assertThat(places(order)).as("placed once, by the earlier process").hasSize(1);
        }
    }

    @Test
    void shouldAckAnExpiredPlaceExpiredWithoutSendingWhenTheExchangeHasNoOrder() {
        PlaceOrder order = OmsTestStack.limitBuy("59000.00", "0.002");

        CommandHandler.Handled handled = handler.handle(spot(order, PAST), true, KillSwitch.none());

        assertThat(handled.ack().getStatus()).isEqualTo(AckStatus.EXPIRED);
        assertThat(places(order)).isEmpty();
    }

    @Test
    void shouldAckACancelThatAlreadyCanceledItsOrderAcceptedInsteadOfSendingItAgain() throws Exception {
        PlaceOrder order = OmsTestStack.limitBuy("59000.00", "0.002");
        String orderId = placedEarlier(order);
        CancelOrder cancel = cancelOf(order);
        canceledEarlier(cancel);

        OrderAck ack = handler.handle(spot(cancel, null), true, KillSwitch.none()).ack();

        assertThat(ack.getStatus()).as("%s", ack.getError()).isEqualTo(AckStatus.ACCEPTED);
        assertThat(ack.getExchangeOrderId()).isEqualTo(orderId);
        assertThat(cancels(orderId)).as("canceled once, by the earlier process").hasSize(1);
    }

    @Test
    void shouldAckAnExpiredCancelThatAlreadyCanceledItsOrderAccepted() throws Exception {
        PlaceOrder order = OmsTestStack.limitBuy("59000.00", "0.002");
        String orderId = placedEarlier(order);
        CancelOrder cancel = cancelOf(order);
        canceledEarlier(cancel);

        CommandHandler.Handled handled = handler.handle(spot(cancel, PAST), true, KillSwitch.none());

        assertThat(handled.ack().getStatus()).isEqualTo(AckStatus.ACCEPTED);
        assertThat(handled.updates()).singleElement()
                .satisfies(u -> assertThat(u.getStatus()).isEqualTo(OrderStatus.CANCELED));
        assertThat(cancels(orderId)).hasSize(1);
    }

    @Test
    void shouldSettleACancelNamingTheExchangesOrderIdTheSameWay() throws Exception {
        PlaceOrder order = OmsTestStack.limitBuy("59000.00", "0.002");
        String orderId = placedEarlier(order);
        CancelOrder byId = CancelOrder.newBuilder().setSymbol("BTCUSDT").setInstrumentId("BTC-USDT")
                .setClientOrderId(null).setExchangeOrderId(orderId).build();
        canceledEarlier(byId);

        OrderAck ack = handler.handle(spot(byId, PAST), true, KillSwitch.none()).ack();

        assertThat(ack.getStatus()).isEqualTo(AckStatus.ACCEPTED);
        assertThat(ack.getClientOrderId()).isEqualTo(order.getClientOrderId());
        assertThat(cancels(orderId)).hasSize(1);
    }

    @Test
    void shouldExpireAnUncertainCancelWhoseOrderIsStillOpenAndLeaveTheOrderOpen() throws Exception {
        PlaceOrder order = OmsTestStack.limitBuy("59000.00", "0.002");
        String orderId = placedEarlier(order);

        OrderAck ack = handler.handle(spot(cancelOf(order), PAST), true, KillSwitch.none()).ack();

        assertThat(ack.getStatus()).isEqualTo(AckStatus.EXPIRED);
        assertThat(cancels(orderId)).isEmpty();
        assertThat(stateAtExchange(order)).isEqualTo(OrderStatus.NEW);
    }

    @Test
    void shouldSendAnUncertainCancelWhoseOrderIsStillOpen() throws Exception {
        PlaceOrder order = OmsTestStack.limitBuy("59000.00", "0.002");
        String orderId = placedEarlier(order);

        OrderAck ack = handler.handle(spot(cancelOf(order), null), true, KillSwitch.none()).ack();

        assertThat(ack.getStatus()).isEqualTo(AckStatus.ACCEPTED);
        assertThat(cancels(orderId)).hasSize(1);
        assertThat(stateAtExchange(order)).isEqualTo(OrderStatus.CANCELED);
    }

    @Test
    void shouldRejectAnUncertainCancelOfAFilledOrderNamingItsState() throws Exception {
        for (int i = 0; i < 5; i++) {
            env.spot.generator("BTCUSDT").step(); // resting liquidity on both sides
        }
        String crossing = env.spot.generator("BTCUSDT").mid().multiply(new BigDecimal("1.02"))
                .setScale(2, RoundingMode.DOWN).toPlainString();
        PlaceOrder order = OmsTestStack.limitBuy(crossing, "0.001");
        String orderId = placedEarlier(order);
        assertThat(stateAtExchange(order)).as("a buy above the asks fills at once").isEqualTo(OrderStatus.FILLED);

        CommandHandler.Handled handled = handler.handle(spot(cancelOf(order), PAST), true, KillSwitch.none());

        assertThat(handled.ack().getStatus()).isEqualTo(AckStatus.REJECTED);
        assertThat(handled.ack().getError().getKind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(handled.ack().getError().getCode()).isEqualTo("ORDER_CLOSED");
        assertThat(handled.ack().getError().getMessage()).contains(orderId, "FILLED");
        assertThat(cancels(orderId)).isEmpty();
    }

    @Test
    void shouldAckAnExpiredCommandThatCannotHaveBeenSentExpiredWithoutAskingTheExchange() {
        PlaceOrder order = OmsTestStack.limitBuy("59000.00", "0.002");
        int before = env.spot.simulator().receivedOrders().size();

        OrderAck ack = handler.handle(spot(order, PAST), false, KillSwitch.none()).ack();

        assertThat(ack.getStatus()).isEqualTo(AckStatus.EXPIRED);
        assertThat(env.spot.simulator().receivedOrders()).hasSize(before);
        assertThat(metrics.registry().find(OmsMetrics.RECOVERIES).counters()).as("orders looked up").isEmpty();
    }

    private OrderCommand spot(Object action, Instant expiresAt) {
        return OmsTestStack.command(OmsTestStack.SPOT, "spot", action, expiresAt);
    }

    private static CancelOrder cancelOf(PlaceOrder order) {
        return CancelOrder.newBuilder().setSymbol(order.getSymbol()).setInstrumentId("BTC-USDT")
                .setClientOrderId(order.getClientOrderId()).setExchangeOrderId(null).build();
    }

    /** The order, placed as the OMS places it (derived client order id), by a process that then died. */
    private String placedEarlier(PlaceOrder order) throws Exception {
        PlaceOrder sent = PlaceOrder.newBuilder(order).setInstrumentId("BTC-USDT")
                .setClientOrderId(theirs(order.getClientOrderId())).build();
        Result<OrderAccepted> placed = session().oms().place(sent).get(10, TimeUnit.SECONDS);
        assertThat(placed.isOk()).as("%s", placed).isTrue();
        return placed.value().exchangeOrderId();
    }

    private void canceledEarlier(CancelOrder cancel) throws Exception {
        CancelOrder sent = CancelOrder.newBuilder(cancel).setClientOrderId(
                cancel.getClientOrderId() == null ? null : theirs(cancel.getClientOrderId())).build();
        Result<OrderAccepted> canceled = session().oms().cancel(sent).get(10, TimeUnit.SECONDS);
        assertThat(canceled.isOk()).as("%s", canceled).isTrue();
    }

    private OrderStatus stateAtExchange(PlaceOrder order) throws Exception {
        return session().oms().findOrder(order.getSymbol(), theirs(order.getClientOrderId()))
                .get(10, TimeUnit.SECONDS).value().orElseThrow().getStatus();
    }

    /** The exchange's client order id of ours, by the connector's contract, as the OMS sends it. */
    private String theirs(String ours) {
        return ids.toExchange(session().exchange(), session().oms().clientOrderIds(), ours).value();
    }

    private AccountSessions.Session session() {
        return sessions.of("spot").orElseThrow();
    }

    private List<ReceivedOrderCommand> places(PlaceOrder order) {
        return env.placesAt(OmsTestStack.SPOT, theirs(order.getClientOrderId()));
    }

    private List<ReceivedOrderCommand> cancels(String orderId) {
        return env.spot.simulator().receivedOrders().stream()
                .filter(o -> o.kind() == ReceivedOrderCommand.Kind.CANCEL)
                .filter(o -> String.valueOf(o.orderId()).equals(orderId)).toList();
    }
}
