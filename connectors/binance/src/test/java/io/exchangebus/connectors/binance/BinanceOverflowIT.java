package io.exchangebus.connectors.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.binance.testing.BinanceSimulatorProbe;
import io.exchangebus.connectors.binance.ws.BinanceUserDataStream;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.connection.FramesDropped;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Oms;
import io.exchangebus.connectors.core.role.Pms;
import io.exchangebus.events.AccountUpdate;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.ErrorKind;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PositionUpdate;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A private connection whose consumer is too slow, against the Binance simulator over real loopback sockets: a
 * hand-off queue of one frame and a listener held on its first event make the connection drop the burst that
 * follows. Each connection type must count the drop (passed to the role's listener as {@link FramesDropped}) and
 * run its declared recovery: the user-data stream (USD-M listenKey, and spot on the PMS's own WebSocket API
 * connection) re-reads the account over REST; the OMS's shared WebSocket API connection fails the request whose
 * answer was dropped at once as of unknown outcome, and re-asks the orders whose events were dropped.
 */
class BinanceOverflowIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final int BURST = 8;

    private BinanceSimulatorProbe probe;
    private BinancePms pms;
    private BinanceOms oms;
    private final Gate gate = new Gate();
    private final List<BalanceUpdate> balances = new CopyOnWriteArrayList<>();
    private final List<OrderUpdate> orders = new CopyOnWriteArrayList<>();
    private final List<FramesDropped> drops = new CopyOnWriteArrayList<>();
    private final List<MalformedFrame> malformed = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        gate.release();
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

    @Test
    void shouldCountDroppedUsdmUserDataFramesAndReReadTheAccount() throws Exception {
        probe = BinanceSimulatorProbe.start(BinanceVenue.USDM, b -> { });
        connectPms();
        String asset = probe.simulator().symbols().get(0).quoteAsset();

        gate.hold();
        for (int i = 0; i < BURST; i++) {
            probe.deposit(asset, BigDecimal.ONE); // one ACCOUNT_UPDATE each
        }
        Thread.sleep(500); // every frame read while the listener holds the first: one queued, the rest dropped
        gate.release();

        BigDecimal truth = probe.freeBalances().get(asset);
        await("the balance re-read over REST after the drop", () -> balances.stream().anyMatch(b ->
                b.getSource() == EventSource.RECOVERY && b.getAsset().equals(asset)
                        && b.getFree().compareTo(truth) == 0));
        assertDropsCounted("binance-usdm-user-data");
        assertThat(malformed).isEmpty();
    }

    @Test
    void shouldCountDroppedSpotUserDataFramesOnThePmsWebSocketApiAndReReadTheAccount() throws Exception {
        probe = BinanceSimulatorProbe.start(BinanceVenue.SPOT, b -> { });
        connectPms();
        String asset = probe.simulator().symbols().get(0).quoteAsset();

        gate.hold();
        for (int i = 0; i < BURST; i++) {
            // executionReport and outboundAccountPosition each; no balanceUpdate, so no delta confirmation re-reads
            placeThroughSimulatorRest("pms-burst-" + i);
        }
        Thread.sleep(500);
        gate.release();

        BigDecimal truth = probe.freeBalances().get(asset);
        await("the balance re-read over REST after the drop", () -> balances.stream().anyMatch(b ->
                b.getSource() == EventSource.RECOVERY && b.getAsset().equals(asset)
                        && b.getFree().compareTo(truth) == 0));
        assertDropsCounted("binance-spot-user-data");
        assertThat(malformed).isEmpty();
    }

    @Test
    void shouldFailTheRequestWhoseAnswerWasDroppedAndReAskTheOrdersOnTheSharedSpotConnection() throws Exception {
        probe = BinanceSimulatorProbe.start(BinanceVenue.SPOT, b -> { });
        connectOms();

        gate.hold();
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            placed.add(placeThroughSimulatorRest("oms-burst-" + i));
        }
        Thread.sleep(300);
        long asked = System.nanoTime();
        CompletableFuture<Result<Optional<OrderUpdate>>> status = oms.findOrder(probe.instrument().symbol(),
                placed.get(0)); // its answer finds the queue full
        Thread.sleep(300);
        gate.release();

        Result<Optional<OrderUpdate>> answer = status.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked);
        assertThat(answer.isOk()).as("the request whose answer was dropped: %s", answer).isFalse();
        assertThat(answer.error().kind()).isEqualTo(ErrorKind.NETWORK);
        assertThat(answer.error().message()).contains("frames dropped").contains("outcome is unknown");
        assertThat(waitedMillis).as("told at the overflow, not after the 10 s request timeout").isLessThan(5_000);

        for (String id : placed) {
            await(id + " reported NEW", () -> orders.stream().anyMatch(o -> id.equals(o.getClientOrderId())
                    && o.getStatus() == OrderStatus.NEW));
        }
        assertThat(orders).as("the orders whose events were dropped, re-asked over REST")
                .anyMatch(o -> o.getSource() == EventSource.RECOVERY);
        assertDropsCounted("binance-spot-ws-api");
        assertThat(malformed).isEmpty();
    }

    // ---- helpers ----

    /**
     * Frames were dropped and every drop was told: each report names the connection, and the reports add up to the
     * connection's running total. How many are dropped depends on when the socket reads the burst relative to the
     * held listener (most of the burst, usually; as few as one when the reads interleave), so the test asks for at
     * least one rather than an exact number.
     */
    private void assertDropsCounted(String connection) throws InterruptedException {
        await("the drops told to the role's listener", () -> !drops.isEmpty());
        Thread.sleep(200); // a report may still be on its way: each is told before the next frame delivered
        assertThat(drops).allSatisfy(d -> assertThat(d.connection()).isEqualTo(connection));
        long told = drops.stream().mapToLong(FramesDropped::dropped).sum();
        assertThat(told).isPositive();
        assertThat(drops.get(drops.size() - 1).totalDropped()).isEqualTo(told);
    }

    private void connectPms() throws Exception {
        pms = new BinancePms(probe.config().build(), probe.instruments(), BinanceUserDataStream.DEFAULT_KEEP_ALIVE,
                b -> b.handOffCapacity(1));
        Result<Void> connected = pms.connect(new Pms.Listener() {
            @Override
            public void onPosition(PositionUpdate position) {
            }

            @Override
            public void onBalance(BalanceUpdate balance) {
                balances.add(balance);
                if (balance.getSource() == EventSource.STREAM) {
                    gate.pass();
                }
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
            }

            @Override
            public void onFramesDropped(FramesDropped event) {
                drops.add(event);
            }
        }).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(connected.isOk()).as("PMS connected: %s", connected).isTrue();
    }

    private void connectOms() throws Exception {
        oms = new BinanceOms(probe.config().build(), probe.instruments());
        oms.wsTuning(b -> b.handOffCapacity(1));
        Result<Void> connected = oms.connect(new Oms.Listener() {
            @Override
            public void onOrderUpdate(OrderUpdate update) {
                orders.add(update);
                if (update.getSource() == EventSource.STREAM) {
                    gate.pass();
                }
            }

            @Override
            public void onMalformedFrame(MalformedFrame frame) {
                malformed.add(frame);
            }

            @Override
            public void onConnectionEvent(ConnectionEvent event) {
            }

            @Override
            public void onFramesDropped(FramesDropped event) {
                drops.add(event);
            }
        }).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(connected.isOk()).as("OMS connected: %s", connected).isTrue();
    }

    /** A resting buy placed through the simulator's REST API by another session of the account. */
    private String placeThroughSimulatorRest(String clientOrderId) throws Exception {
        String path = probe.venue() == BinanceVenue.SPOT ? "/api/v3/order" : "/fapi/v1/order";
        String query = "symbol=" + probe.instrument().symbol() + "&side=BUY&type=LIMIT&timeInForce=GTC&quantity="
                + minQuantity().toPlainString() + "&price=" + probe.passiveBuyPrice().toPlainString()
                + "&newClientOrderId=" + clientOrderId + "&timestamp=" + probe.simulator().simulator().clock().millis();
        String signed = query + "&signature=" + probe.signer().sign(query);
        HttpRequest post = HttpRequest.newBuilder(URI.create(probe.endpoints().rest() + path + "?" + signed))
                .header("X-MBX-APIKEY", probe.signer().apiKey()).POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(post, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("placed through the simulator: %s", answer.body()).isEqualTo(200);
        return clientOrderId;
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

    /** Holds the first listener call made while closed (on the connection's consumer thread) until released. */
    private static final class Gate {
        private volatile CountDownLatch latch;

        void hold() {
            latch = new CountDownLatch(1);
        }

        void release() {
            CountDownLatch l = latch;
            if (l != null) {
                l.countDown();
            }
        }

        void pass() {
            CountDownLatch l = latch;
            if (l != null) {
                try {
                    l.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
