package io.exchangebus.connectors.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.role.Capability;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Oms;
import io.exchangebus.connectors.core.role.OrderAccepted;
import io.exchangebus.events.CancelOrder;
import io.exchangebus.events.ErrorKind;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.Side;
import io.exchangebus.events.TimeInForce;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What every exchange's {@link Oms} must do, judged against its simulator. An exchange module subclasses this
 * (e.g. {@code BinanceOmsContractIT}) and supplies the role and the probe.
 */
public abstract class OmsContractTest extends RoleContract<Oms> {
    protected final List<OrderUpdate> updates = new CopyOnWriteArrayList<>();

    /** A new, unconnected OMS for the probe's simulator and account. */
    protected abstract Oms newOms();

    @Override
    final Oms newRole() {
        return newOms();
    }

    @Override
    final CompletableFuture<Result<Void>> connect(Oms oms) {
        return oms.connect(new Oms.Listener() {
            @Override
            public void onOrderUpdate(OrderUpdate update) {
                updates.add(update);
            }

            @Override
            public void onMalformedFrame(MalformedFrame frame) {
            }

            @Override
            public void onConnectionEvent(ConnectionEvent event) {
                connectionEvents.add(event);
            }
        });
    }

    @Test
    void shouldPlaceARestingLimitOrderAndReportItNew() throws Exception {
        PlaceOrder order = passiveBuy(probe.instrument().rules().minQuantity());

        Result<OrderAccepted> accepted = role.place(order).get(Awaiting.TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        assertThat(accepted.isOk()).as("accepted: %s", accepted).isTrue();
        Awaiting.until("an order update NEW for " + order.getClientOrderId(), () -> updates.stream()
                .anyMatch(u -> u.getStatus() == OrderStatus.NEW && order.getClientOrderId().equals(u.getClientOrderId())));
        assertThat(probe.clientOrderIdsReceived()).hasSize(1);
    }

    @Test
    void shouldCancelAnOpenOrderAndReportItCanceled() throws Exception {
        PlaceOrder order = passiveBuy(probe.instrument().rules().minQuantity());
        assertThat(role.place(order).get(Awaiting.TIMEOUT.toSeconds(), TimeUnit.SECONDS).isOk()).isTrue();

        Result<OrderAccepted> canceled = role.cancel(CancelOrder.newBuilder()
                .setSymbol(order.getSymbol()).setInstrumentId(order.getInstrumentId())
                .setClientOrderId(order.getClientOrderId()).setExchangeOrderId(null)
                .build()).get(Awaiting.TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        assertThat(canceled.isOk()).as("canceled: %s", canceled).isTrue();
        Awaiting.until("an order update CANCELED for " + order.getClientOrderId(), () -> updates.stream()
                .anyMatch(u -> u.getStatus() == OrderStatus.CANCELED
                        && order.getClientOrderId().equals(u.getClientOrderId())));
    }

    @Test
    void shouldFindAnOrderByItsClientOrderIdAsTheExchangeSeesIt() throws Exception {
        PlaceOrder order = passiveBuy(probe.instrument().rules().minQuantity());
        assertThat(role.place(order).get(Awaiting.TIMEOUT.toSeconds(), TimeUnit.SECONDS).isOk()).isTrue();

        Result<Optional<OrderUpdate>> found = role.findOrder(order.getSymbol(), order.getClientOrderId())
                .get(Awaiting.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        Result<Optional<OrderUpdate>> unknown = role.findOrder(order.getSymbol(), "never-sent-" + UUID.randomUUID())
                .get(Awaiting.TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        assertThat(found.value()).hasValueSatisfying(u -> assertThat(u.getStatus()).isEqualTo(OrderStatus.NEW));
        assertThat(unknown.value()).isEmpty();
    }

    @Test
    void shouldRefuseAnOrderThatBreaksTheRulesWithoutSendingIt() throws Exception {
        InstrumentDefinition instrument = probe.instrument();
        BigDecimal offTick = probe.passiveBuyPrice().add(instrument.rules().tickSize().divide(BigDecimal.valueOf(2)));
        PlaceOrder order = passiveBuy(instrument.rules().minQuantity());
        order.setPrice(offTick);

        Result<OrderAccepted> refused = role.place(order).get(Awaiting.TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        assertThat(refused.isOk()).isFalse();
        assertThat(refused.error().kind()).isEqualTo(ErrorKind.INVALID_ORDER);
        assertThat(refused.error().code()).isEqualTo("TICK_SIZE");
        assertThat(probe.clientOrderIdsReceived()).isEmpty();
    }

    @Test
    void shouldRefuseAnOrderTypeAddedAfterThisVersionWithoutSendingIt() throws Exception {
        PlaceOrder order = passiveBuy(probe.instrument().rules().minQuantity());
        order.setOrderType(OrderType.UNKNOWN);

        Result<OrderAccepted> refused = role.place(order).get(Awaiting.TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        assertThat(refused.error().kind()).isEqualTo(ErrorKind.INVALID_ORDER);
        assertThat(refused.error().code()).isEqualTo("UNKNOWN_ORDER_TYPE");
        assertThat(probe.clientOrderIdsReceived()).isEmpty();
    }

    @Test
    void shouldRefuseWhatTheExchangeCannotDoWithoutSendingIt() throws Exception {
        Optional<OrderType> unsupported = java.util.Arrays.stream(OrderType.values())
                .filter(t -> t != OrderType.UNKNOWN)
                .filter(t -> !role.capabilities().supports(Capability.valueOf("ORDER_" + t.name())))
                .findFirst();
        Assumptions.assumeTrue(unsupported.isPresent(), "this exchange supports every order type");
        PlaceOrder order = passiveBuy(probe.instrument().rules().minQuantity());
        order.setOrderType(unsupported.get());

        Result<OrderAccepted> refused = role.place(order).get(Awaiting.TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        assertThat(refused.error().code()).isEqualTo("UNSUPPORTED");
        assertThat(probe.clientOrderIdsReceived()).isEmpty();
    }

    /** A limit buy at the probe's passive price, with a fresh client order id. */
    protected PlaceOrder passiveBuy(BigDecimal quantity) {
        InstrumentDefinition instrument = probe.instrument();
        BigDecimal minNotional = instrument.rules().minNotional();
        BigDecimal price = probe.passiveBuyPrice();
        BigDecimal size = quantity;
        while (minNotional != null && price.multiply(size).multiply(instrument.rules().contractSize())
                .compareTo(minNotional) < 0) {
            size = size.add(instrument.rules().lotSize());
        }
        return PlaceOrder.newBuilder()
                .setClientOrderId("ct" + UUID.randomUUID().toString().replace("-", "").substring(0, 20))
                .setSymbol(instrument.symbol()).setInstrumentId(instrument.id().toString())
                .setSide(Side.BUY).setOrderType(OrderType.LIMIT).setTimeInForce(TimeInForce.GTC)
                .setQuantity(size).setPrice(price).setStopPrice(null).setReduceOnly(false).setGoodTillTime(null)
                .build();
    }
}
