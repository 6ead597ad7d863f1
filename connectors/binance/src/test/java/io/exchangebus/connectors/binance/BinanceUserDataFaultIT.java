package io.exchangebus.connectors.binance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.binance.config.BinanceConfig;
import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.binance.http.BinanceRestClient;
import io.exchangebus.connectors.binance.testing.BinanceSimulatorProbe;
import io.exchangebus.connectors.binance.ws.BinanceUserDataStream;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.connection.ConnectionState;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Oms;
import io.exchangebus.connectors.core.role.OrderAccepted;
import io.exchangebus.connectors.core.role.Pms;
import io.exchangebus.connectors.core.ws.WsSettings;
import io.exchangebus.events.AccountUpdate;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.ErrorKind;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.PositionUpdate;
import io.exchangebus.events.Side;
import io.exchangebus.events.TimeInForce;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The user-data stream's faults against the Binance simulator: nothing the exchange reported while the stream was
 * dead is lost — the OMS reports the orders, the PMS the balances, once the stream is back.
 */
class BinanceUserDataFaultIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private BinanceSimulatorProbe probe;
    private BinanceOms oms;
    private BinancePms pms;
    private final List<OrderUpdate> orders = new CopyOnWriteArrayList<>();
    private final List<BalanceUpdate> balances = new CopyOnWriteArrayList<>();
    private final List<ConnectionEvent> connections = new CopyOnWriteArrayList<>();
    private final List<MalformedFrame> malformed = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        if (oms != null) {
            oms.close();
        }
        if (pms != null) {
            pms.close();
        }
        if (probe != null) {
            probe.close();
        }
    }

    private void start(BinanceVenue venue, Consumer<io.exchangebus.sim.binance.BinanceSimulator.Builder> customise) {
        probe = BinanceSimulatorProbe.start(venue, customise);
    }

    private void connectOms(Duration keepAlive) throws Exception {
        oms = new BinanceOms(probe.config().build(), probe.instruments());
        oms.userDataKeepAlive(keepAlive);
        Result<Void> connected = oms.connect(new Oms.Listener() {
            @Override
            public void onOrderUpdate(OrderUpdate update) {
                orders.add(update);
            }

            @Override
            public void onMalformedFrame(MalformedFrame frame) {
                malformed.add(frame);
            }

            @Override
            public void onConnectionEvent(ConnectionEvent event) {
                connections.add(event);
            }
        }).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(connected.isOk()).as("OMS connected: %s", connected).isTrue();
    }

    private void connectPms() throws Exception {
        pms = new BinancePms(probe.config().build(), probe.instruments(), BinanceUserDataStream.DEFAULT_KEEP_ALIVE,
                UnaryOperator.identity());
        Result<Void> connected = pms.connect(new Pms.Listener() {
            @Override
            public void onPosition(PositionUpdate position) {
            }

            @Override
            public void onBalance(BalanceUpdate balance) {
                balances.add(balance);
            }

            @Override
            public void onAccount(AccountUpdate account) {
            }

            @Override
            public void onMalformedFrame(MalformedFrame frame) {
                malformed.add(frame);
            }

            @Override
            public void onConnectionEvent(ConnectionEvent event) {
                connections.add(event);
            }
        }).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(connected.isOk()).as("PMS connected: %s", connected).isTrue();
    }

    /** A resting buy placed through the simulator's REST API by another session of the account. */
    private String placeThroughSimulatorRest(String clientOrderId) throws Exception {
        String query = "symbol=" + probe.instrument().symbol() + "&side=BUY&type=LIMIT&timeInForce=GTC&quantity="
                + minQuantity().toPlainString() + "&price=" + probe.passiveBuyPrice().toPlainString()
                + "&newClientOrderId=" + clientOrderId + "&timestamp=" + probe.simulator().simulator().clock().millis();
        String signed = query + "&signature=" + probe.signer().sign(query);
        HttpRequest post = HttpRequest.newBuilder(URI.create(probe.endpoints().rest() + "/fapi/v1/order?" + signed))
                .header("X-MBX-APIKEY", probe.signer().apiKey()).POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(post, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("placed through the simulator: %s", answer.body()).isEqualTo(200);
        return clientOrderId;
    }

    private OrderAccepted placeThroughOms(String clientOrderId) throws Exception {
        PlaceOrder order = PlaceOrder.newBuilder().setClientOrderId(clientOrderId)
                .setSymbol(probe.instrument().symbol()).setInstrumentId(probe.instrument().id().toString())
                .setSide(Side.BUY).setOrderType(OrderType.LIMIT).setTimeInForce(TimeInForce.GTC)
                .setQuantity(minQuantity()).setPrice(probe.passiveBuyPrice()).setStopPrice(null)
                .setReduceOnly(false).setGoodTillTime(null).build();
        Result<OrderAccepted> accepted = oms.place(order).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(accepted.isOk()).as("placed: %s", accepted).isTrue();
        return accepted.value();
    }

    /** The exchange cancels the order by itself (as on expiry, STP or a liquidation). */
    private void cancelInSimulator(OrderAccepted order) {
        probe.simulator().simulator().cancel(probe.instrument().symbol(), probe.account(),
                Long.parseLong(order.exchangeOrderId()));
    }

    private BigDecimal minQuantity() {
        var rules = probe.instrument().rules();
        BigDecimal notional = rules.minNotional() == null ? BigDecimal.ZERO : rules.minNotional();
        BigDecimal quantity = rules.minQuantity();
        while (quantity.multiply(probe.passiveBuyPrice()).compareTo(notional) < 0) {
            quantity = quantity.add(rules.minQuantity());
        }
        return quantity.multiply(BigDecimal.valueOf(2));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("within " + TIMEOUT.toSeconds() + " s: " + what);
            }
            Thread.sleep(10);
        }
    }

    private boolean reported(String clientOrderId, OrderStatus status) {
        return orders.stream().anyMatch(o -> clientOrderId.equals(o.getClientOrderId()) && o.getStatus() == status);
    }

    private int deleteListenKey() throws Exception {
        HttpRequest delete = HttpRequest.newBuilder(URI.create(probe.endpoints().rest() + "/fapi/v1/listenKey"))
                .header("X-MBX-APIKEY", probe.signer().apiKey()).DELETE().build();
        return HttpClient.newHttpClient().send(delete, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void shouldReportTheOrderPlacedDuringAListenKeyGap() throws Exception {
        start(BinanceVenue.USDM, b -> b.listenKeyValidity(Duration.ofSeconds(2)));
        connectOms(BinanceUserDataStream.DEFAULT_KEEP_ALIVE); // no keep-alive within the key's 2 s
        // Keep the stream dead for a while after the expiry: its first two listenKey requests are dropped.
        probe.simulator().faults().dropHttpRequests(2);

        await("the listenKey expired", () -> probe.simulator().listenKey(probe.account()).isEmpty());
        OrderAccepted placed = placeThroughOms("placed-while-expired");
        assertThat(probe.simulator().listenKey(probe.account())).as("still in the gap").isEmpty();
        cancelInSimulator(placed); // its ORDER_TRADE_UPDATE goes nowhere: no live listenKey

        await("the exchange's cancel of the order placed while the stream was expired, reported after recovery",
                () -> reported("placed-while-expired", OrderStatus.CANCELED));
        OrderUpdate update = orders.stream().filter(o -> o.getStatus() == OrderStatus.CANCELED).findFirst()
                .orElseThrow();
        assertThat(update.getSource()).as("known only through recovery: its stream event was lost")
                .isEqualTo(EventSource.RECOVERY);
        assertThat(update.getExchangeOrderId()).isEqualTo(placed.exchangeOrderId());
        assertThat(update.getPrice()).isEqualByComparingTo(probe.passiveBuyPrice());
        assertThat(probe.simulator().listenKey(probe.account())).as("a new listenKey").isPresent();

        // and the renewed stream delivers again
        OrderAccepted next = placeThroughOms("placed-after-recovery");
        cancelInSimulator(next);
        await("a cancel on the renewed stream", () -> orders.stream().anyMatch(o -> "placed-after-recovery"
                .equals(o.getClientOrderId()) && o.getStatus() == OrderStatus.CANCELED
                && o.getSource() == EventSource.STREAM));
        assertThat(malformed).isEmpty();
    }

    @Test
    void shouldFailAFirstStartRefusedForRequestWeightAtOnceRatherThanWaitForAKey() throws Exception {
        start(BinanceVenue.USDM, b -> { });
        BinanceConfig config = probe.config().build();
        probe.simulator().faults().answerRateLimited(429, Duration.ofSeconds(30), 1);
        try (BinanceRestClient rest = new BinanceRestClient(config);
             BinanceUserDataStream stream = BinanceUserDataStream.usdm(config, rest,
                     WsSettings.builder("usdm-user-data", config.endpoints().rawStream("listenKey")).build(),
                     BinanceUserDataStream.DEFAULT_KEEP_ALIVE, connections::add, new BinanceUserDataStream.Handler() {
                         @Override
                         public void onEvent(JsonNode event, String raw) {
                         }

                         @Override
                         public void onGap(String reason) {
                         }
                     })) {
            long startedAt = System.nanoTime();
            Result<Void> started = stream.start().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

            // Before, the key was asked for again every second behind the 30 s ban, until the owner's timeout.
            assertThat(Duration.ofNanos(System.nanoTime() - startedAt)).isLessThan(Duration.ofSeconds(5));
            assertThat(started.isOk()).isFalse();
            assertThat(started.error().kind()).isEqualTo(ErrorKind.RATE_LIMITED);
            assertThat(started.error().retryAfterHint()).isPresent();
        }
    }

    @Test
    void shouldRecoverTheSameWayAfterAKeepAliveRefusedWith1125() throws Exception {
        start(BinanceVenue.USDM, b -> { });
        connectOms(Duration.ofSeconds(1));
        String before = probe.simulator().listenKey(probe.account()).orElseThrow();

        assertThat(deleteListenKey()).isEqualTo(200); // the key is gone; the stream hears nothing more
        String id = placeThroughSimulatorRest("placed-after-key-gone");

        await("the order placed after the key was gone reported after the -1125 keep-alive",
                () -> reported(id, OrderStatus.NEW));
        assertThat(orders.stream().filter(o -> id.equals(o.getClientOrderId())).findFirst().orElseThrow()
                .getSource()).isEqualTo(EventSource.RECOVERY);
        assertThat(probe.simulator().listenKey(probe.account())).isPresent().get().isNotEqualTo(before);
    }

    @Test
    void shouldReportAnOmsOrdersCancelByTheExchangeFromTheSharedSpotConnection() throws Exception {
        start(BinanceVenue.SPOT, b -> { });
        connectOms(BinanceUserDataStream.DEFAULT_KEEP_ALIVE);
        cancelInSimulator(placeThroughOms("oms-spot-1"));

        await("the exchange's cancel from the stream", () -> reported("oms-spot-1", OrderStatus.CANCELED));
        OrderUpdate canceled = orders.stream().filter(o -> o.getStatus() == OrderStatus.CANCELED).findFirst()
                .orElseThrow();
        assertThat(canceled.getSource()).isEqualTo(EventSource.STREAM);
        assertThat(connections.stream().map(ConnectionEvent::connection).distinct())
                .as("one shared WebSocket API connection").hasSize(1);
    }

    @Test
    void shouldRestoreBalancesEqualToTheSimulatorsAfterADroppedConnection() throws Exception {
        for (BinanceVenue venue : BinanceVenue.values()) {
            start(venue, b -> { });
            connectPms();
            String asset = probe.simulator().symbols().get(0).quoteAsset();

            probe.dropConnections();
            await(venue + ": reconnected", () -> connections.stream()
                    .anyMatch(e -> e.state() == ConnectionState.DISCONNECTED)
                    && connections.get(connections.size() - 1).state() == ConnectionState.CONNECTED);
            Map<String, BigDecimal> truth = probe.freeBalances();
            await(venue + ": balances recovered after the drop equal the simulator's", () -> balances.stream()
                    .anyMatch(b -> b.getSource() == EventSource.RECOVERY && b.getAsset().equals(asset)
                            && b.getFree().compareTo(truth.get(asset)) == 0));

            pms.close();
            pms = null;
            probe.close();
            probe = null;
            balances.clear();
            connections.clear();
        }
    }
}
