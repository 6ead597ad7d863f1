package io.exchangebus.connectors.deribit;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Oms;
import io.exchangebus.connectors.deribit.auth.DeribitGrantType;
import io.exchangebus.connectors.deribit.config.DeribitAccount;
import io.exchangebus.connectors.deribit.config.DeribitConfig;
import io.exchangebus.connectors.deribit.testing.DeribitSimulatorProbe;
import io.exchangebus.connectors.deribit.ws.DeribitLimits;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.Side;
import io.exchangebus.sim.ReceivedOrderCommand;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A Deribit OMS against the probe's simulator, with what it reported, for the OMS ITs. */
final class DeribitOmsHarness implements Oms.Listener, AutoCloseable {

    static final String PERP = DeribitSimulatorProbe.INSTRUMENT;
    static final String LINEAR = "BTC_USDC-PERPETUAL";

    final List<OrderUpdate> updates = new CopyOnWriteArrayList<>();
    final List<MalformedFrame> malformed = new CopyOnWriteArrayList<>();
    final List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
    final DeribitOms oms;

    private DeribitOmsHarness(DeribitOms oms) {
        this.oms = oms;
    }

    /** Connected, logged in as the probe's account, with a {@code requestTimeout} and cancel on disconnect. */
    static DeribitOmsHarness connected(DeribitSimulatorProbe probe, Duration requestTimeout,
                                       Optional<String> cancelOnDisconnect) throws Exception {
        return connected(probe, requestTimeout, cancelOnDisconnect, new DeribitLimits(Clock.systemUTC(), 1000, 1000));
    }

    /** The same with the given credits (the lowest tier: {@code new DeribitLimits(clock)}). */
    static DeribitOmsHarness connected(DeribitSimulatorProbe probe, Duration requestTimeout,
                                       Optional<String> cancelOnDisconnect, DeribitLimits limits) throws Exception {
        DeribitConfig base = probe.publicConfig();
        DeribitConfig config = new DeribitConfig(base.endpoints(), requestTimeout, base.heartbeatInterval(),
                base.maxCreditWait(), Optional.empty(), base.wsTuning())
                .withAccount(new DeribitAccount(probe.credentials(), DeribitGrantType.CLIENT_SIGNATURE, "exbus-it",
                        Duration.ofSeconds(10), cancelOnDisconnect));
        Clock clock = Clock.systemUTC();
        DeribitOmsHarness h = new DeribitOmsHarness(new DeribitOms(config, probe.instruments(), limits, clock));
        Result<Void> connected = h.oms.connect(h).get(15, TimeUnit.SECONDS);
        assertThat(connected.isOk()).as("connected: %s", connected).isTrue();
        return h;
    }

    static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(15, TimeUnit.SECONDS);
    }

    static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    static String newClientOrderId() {
        return "it" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    static PlaceOrder.Builder order(String symbol, String instrumentId, Side side, OrderType type,
                                    BigDecimal quantity) {
        return PlaceOrder.newBuilder().setClientOrderId(newClientOrderId()).setSymbol(symbol)
                .setInstrumentId(instrumentId).setSide(side).setOrderType(type).setTimeInForce(null)
                .setQuantity(quantity).setPrice(null).setStopPrice(null).setReduceOnly(false).setGoodTillTime(null);
    }

    /** {@code price} rounded down to {@code tick}. */
    static BigDecimal onTick(BigDecimal price, BigDecimal tick) {
        return price.divide(tick, 0, RoundingMode.DOWN).multiply(tick);
    }

    /** How many order requests (place) of the probe's account the simulator received with this label. */
    static long placed(DeribitSimulatorProbe probe) {
        return probe.simulator().simulator().receivedOrders().stream()
                .filter(o -> o.kind() == ReceivedOrderCommand.Kind.PLACE
                        && DeribitSimulatorProbe.ACCOUNT.equals(o.account()))
                .count();
    }

    List<OrderUpdate> of(String clientOrderId) {
        return updates.stream().filter(u -> clientOrderId.equals(u.getClientOrderId())).toList();
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
        events.add(event);
    }

    @Override
    public void close() {
        oms.close();
    }
}
