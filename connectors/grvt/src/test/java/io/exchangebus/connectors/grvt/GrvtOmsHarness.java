package io.exchangebus.connectors.grvt;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Oms;
import io.exchangebus.connectors.grvt.testing.GrvtSimulatorProbe;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.Side;
import io.exchangebus.events.TimeInForce;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/** A GRVT OMS connected to a simulator, with what its listener heard. For the OMS ITs. */
final class GrvtOmsHarness implements Oms.Listener, AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    final GrvtSimulatorProbe sim;
    final GrvtSignedOrders signed;
    final GrvtOms oms;
    final List<OrderUpdate> updates = new CopyOnWriteArrayList<>();
    final List<MalformedFrame> malformed = new CopyOnWriteArrayList<>();
    final List<ConnectionEvent> connection = new CopyOnWriteArrayList<>();

    GrvtOmsHarness(GrvtSimulatorProbe sim, GrvtSignedOrders signed) throws Exception {
        this(sim, signed, UnaryOperator.identity());
    }

    /** With the OMS's channel wrapped by {@code wrap}. */
    GrvtOmsHarness(GrvtSimulatorProbe sim, GrvtSignedOrders signed, UnaryOperator<GrvtOrderChannel> wrap)
            throws Exception {
        this.sim = sim;
        this.signed = signed;
        this.oms = GrvtOms.of(sim.accountConfig(), sim.instruments(), signed, Clock.systemUTC(), wrap);
        Result<Void> connected = oms.connect(this).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(connected.isOk()).as("connected: %s", connected).isTrue();
    }

    <T> T get(java.util.concurrent.CompletableFuture<T> f) throws Exception {
        return f.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** A GTC limit order under a fresh GRVT client order id. */
    PlaceOrder limit(Side side, String quantity, BigDecimal price) {
        return PlaceOrder.newBuilder()
                .setClientOrderId(GrvtClientOrderIds.SCHEME.toExchange("it-" + UUID.randomUUID()).value())
                .setSymbol(sim.instrument().symbol()).setInstrumentId(sim.instrument().id().toString())
                .setSide(side).setOrderType(OrderType.LIMIT).setTimeInForce(TimeInForce.GTC)
                .setQuantity(new BigDecimal(quantity)).setPrice(price).setStopPrice(null).setReduceOnly(false)
                .setGoodTillTime(null).build();
    }

    /** The updates heard of GRVT's client order id {@code clientOrderId}. */
    List<OrderUpdate> of(String clientOrderId) {
        return updates.stream().filter(u -> clientOrderId.equals(u.getClientOrderId())).toList();
    }

    void awaitStatus(String clientOrderId, OrderStatus status) {
        until(clientOrderId + " " + status, () -> of(clientOrderId).stream().anyMatch(u -> u.getStatus() == status));
    }

    static void until(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

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
        connection.add(event);
    }

    @Override
    public void close() {
        oms.close();
    }
}
