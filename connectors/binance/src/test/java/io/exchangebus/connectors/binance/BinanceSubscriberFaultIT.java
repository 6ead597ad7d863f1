package io.exchangebus.connectors.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.binance.testing.BinanceSimulatorProbe;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.connection.ConnectionState;
import io.exchangebus.connectors.core.contract.ReplayedBook;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Subscriber;
import io.exchangebus.connectors.core.role.Subscription;
import io.exchangebus.connectors.core.ws.BackoffPolicy;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.Trade;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Faults of the Binance simulator against {@link BinanceSubscriber}, a fresh simulator per test: a gap in spot's
 * {@code U/u} chain and in USD-M's {@code pu} link resyncs the book to the simulator's true book; a dropped
 * connection comes back with every subscription; more streams than {@code streamsPerConnection} open more
 * connections, and all of them deliver.
 */
class BinanceSubscriberFaultIT {
    private static final int DEPTH = 10;

    private BinanceSimulatorProbe probe;
    private BinanceSubscriber subscriber;
    private final List<BookUpdate> books = new CopyOnWriteArrayList<>();
    private final List<Trade> trades = new CopyOnWriteArrayList<>();
    private final List<MalformedFrame> malformed = new CopyOnWriteArrayList<>();
    private final List<ConnectionEvent> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() {
        if (subscriber != null) {
            subscriber.close();
        }
        if (probe != null) {
            probe.close();
        }
    }

    @Test
    void shouldResyncWhenTheUSequenceBreaksOnSpot() throws Exception {
        start(BinanceVenue.SPOT, 1024);
        subscribe(0, Duration.ZERO);
        await("the book equal to the simulator's", this::fullBookEqualsTruth);
        assertThat(resyncs()).as("no resync before the fault").isZero();

        probe.skipSequence();

        await("a resync snapshot", () -> resyncs() == 1);
        await("the book equal to the simulator's after the resync", this::fullBookEqualsTruth);
        assertThat(malformed).isEmpty();
        assertSequencesRise();
    }

    @Test
    void shouldResyncWhenThePuLinkBreaksOnUsdm() throws Exception {
        start(BinanceVenue.USDM, 200);
        subscribe(0, Duration.ZERO);
        await("the book equal to the simulator's", this::fullBookEqualsTruth);
        assertThat(resyncs()).as("no resync before the fault").isZero();

        probe.skipSequence();

        await("a resync snapshot", () -> resyncs() == 1);
        await("the book equal to the simulator's after the resync", this::fullBookEqualsTruth);
        await("more deltas after the resync", () -> deltasAfterResync().size() >= 3);
        // every delta after the first one past the resync snapshot names the one before it (pu = previous u)
        List<BookUpdate> after = deltasAfterResync();
        for (int i = 1; i < after.size(); i++) {
            assertThat(after.get(i).getPreviousSequence()).isEqualTo(after.get(i - 1).getSequence());
        }
        assertSequencesRise();
    }

    @Test
    void shouldRestoreEverySubscriptionAfterADroppedConnection() throws Exception {
        start(BinanceVenue.SPOT, 1024);
        subscribe(0, Duration.ZERO);
        subscribe(5, Duration.ofMillis(100));
        assertThat(subscriber.subscribeTrades(probe.instrument().id()).get(10, TimeUnit.SECONDS).isOk()).isTrue();
        await("book, partial book and trades flowing", () -> fullBookEqualsTruth() && !partial().isEmpty()
                && !trades.isEmpty());
        assertThat(resyncs()).as("no resync before the drop").isZero();

        probe.dropConnections();

        awaitReconnect();
        int partialBefore = partial().size();
        int tradesBefore = trades.size();
        await("a resync snapshot of the full book", () -> fullDepth().stream().anyMatch(BookUpdate::getResync));
        await("the full book equal to the simulator's", this::fullBookEqualsTruth);
        await("partial snapshots again", () -> partial().size() > partialBefore + 2);
        await("trades again", () -> trades.size() > tradesBefore);
        assertThat(partial().stream().anyMatch(BookUpdate::getResync)).as("first partial after the drop")
                .isTrue();
    }

    @Test
    void shouldOpenMoreConnectionsWhenOneIsFullAndDeliverOnAll() throws Exception {
        start(BinanceVenue.USDM, 2);
        subscribe(0, Duration.ZERO);
        subscribe(10, Duration.ofMillis(250));
        assertThat(subscriber.subscribeTrades(probe.instrument().id()).get(10, TimeUnit.SECONDS).isOk()).isTrue();

        assertThat(subscriber.connectionCount()).isEqualTo(2);
        await("full book, partial book and aggTrades all delivered", () -> fullBookEqualsTruth()
                && partial().size() >= 2 && !trades.isEmpty());
        assertThat(partial().get(0).getDepth()).isEqualTo(10);
        assertThat(events.stream().filter(e -> e.state() == ConnectionState.CONNECTED)
                .map(ConnectionEvent::connection).distinct()).hasSize(2);
        assertThat(trades.get(0).getExchange()).isEqualTo("binance-usdm");
    }

    // ---- helpers ----

    private void start(BinanceVenue venue, int streamsPerConnection) throws Exception {
        probe = BinanceSimulatorProbe.start(venue);
        subscriber = new BinanceSubscriber(probe.config().streamsPerConnection(streamsPerConnection).build(),
                probe.instruments(),
                b -> b.backoff(new BackoffPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, 0.2)));
        Result<Void> connected = subscriber.connect(new Subscriber.Listener() {
            @Override
            public void onBookUpdate(BookUpdate update) {
                books.add(update);
            }

            @Override
            public void onTrade(Trade trade) {
                trades.add(trade);
            }

            @Override
            public void onMalformedFrame(MalformedFrame frame) {
                malformed.add(frame);
            }

            @Override
            public void onConnectionEvent(ConnectionEvent event) {
                events.add(event);
            }
        }).get(10, TimeUnit.SECONDS);
        assertThat(connected.isOk()).as("connected: %s", connected).isTrue();
    }

    private void subscribe(int topN, Duration interval) throws Exception {
        Result<Subscription> r = subscriber.subscribeOrderBook(probe.instrument().id(), topN, interval)
                .get(10, TimeUnit.SECONDS);
        assertThat(r.isOk()).as("subscribed: %s", r).isTrue();
    }

    private List<BookUpdate> fullDepth() {
        return books.stream().filter(b -> b.getDepth() == 0).toList();
    }

    private long resyncs() {
        return fullDepth().stream().filter(BookUpdate::getResync).count();
    }

    private List<BookUpdate> partial() {
        return books.stream().filter(b -> b.getDepth() > 0).toList();
    }

    private List<BookUpdate> deltasAfterResync() {
        List<BookUpdate> full = fullDepth();
        int at = -1;
        for (int i = 0; i < full.size(); i++) {
            if (full.get(i).getResync()) {
                at = i;
            }
        }
        return at < 0 ? List.of() : full.subList(at + 1, full.size()).stream()
                .filter(b -> b.getKind() == BookUpdateKind.DELTA).skip(1).toList();
    }

    /** Published full-depth sequences never go back, except at a snapshot. */
    private void assertSequencesRise() {
        List<BookUpdate> full = fullDepth();
        for (int i = 1; i < full.size(); i++) {
            if (full.get(i).getKind() == BookUpdateKind.DELTA) {
                assertThat(full.get(i).getSequence()).as("delta %d", i)
                        .isGreaterThan(full.get(i - 1).getSequence());
            }
        }
    }

    private void awaitReconnect() throws InterruptedException {
        await("a disconnect followed by a reconnect", () -> {
            int lastDisconnect = -1;
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i).state() == ConnectionState.DISCONNECTED) {
                    lastDisconnect = i;
                }
            }
            return lastDisconnect >= 0 && events.subList(lastDisconnect, events.size()).stream()
                    .anyMatch(e -> e.state() == ConnectionState.CONNECTED);
        });
    }

    /** The full-depth events replayed from their last snapshot equal the simulator's top levels. */
    private boolean fullBookEqualsTruth() {
        List<BookUpdate> seen = new ArrayList<>(fullDepth());
        return !seen.isEmpty() && ReplayedBook.of(seen).topEquals(probe.trueBook(DEPTH), DEPTH);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
