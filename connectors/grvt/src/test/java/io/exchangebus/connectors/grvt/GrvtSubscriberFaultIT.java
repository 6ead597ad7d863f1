package io.exchangebus.connectors.grvt;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.contract.ReplayedBook;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Subscriber;
import io.exchangebus.connectors.core.role.Subscription;
import io.exchangebus.connectors.grvt.testing.Await;
import io.exchangebus.connectors.grvt.testing.GrvtSimulatorProbe;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.Trade;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Faults of GRVT's {@code v1.book.d} against exchange-sim's GRVT simulator over real sockets: a sequence gap (a
 * delta's number used up and never sent) and a gateway restart (numbers start again from a snapshot at 0) each end
 * with the book equal to the simulator's; a repeated delta is dropped; top N comes from {@code v1.book.s}.
 */
class GrvtSubscriberFaultIT {

    private static final int DEPTH = 10;

    private final List<BookUpdate> books = new CopyOnWriteArrayList<>();
    private final List<Trade> trades = new CopyOnWriteArrayList<>();
    private GrvtSimulatorProbe probe;
    private GrvtSubscriber subscriber;

    @BeforeEach
    void start() throws Exception {
        probe = GrvtSimulatorProbe.start();
        subscriber = new GrvtSubscriber(probe.publicConfig(), probe.instruments());
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
            }

            @Override
            public void onConnectionEvent(ConnectionEvent event) {
            }
        }).get(10, TimeUnit.SECONDS);
        assertThat(connected.isOk()).as("%s", connected).isTrue();
    }

    @AfterEach
    void close() {
        subscriber.close();
        probe.close();
    }

    @Test
    void shouldResubscribeAfterASequenceGapAndEndWithTheSimulatorsBook() throws Exception {
        subscribeFullDepth();
        Await.until("a first snapshot", () -> !books.isEmpty());

        probe.skipSequence();

        Await.until("a resync snapshot", () -> books.stream().anyMatch(BookUpdate::getResync));
        assertThat(subscriber.resyncs(GrvtSimulatorProbe.INSTRUMENT)).isPositive();
        Await.until("the book to equal the simulator's", this::bookEqualsTruth);
    }

    @Test
    void shouldStartAgainFromTheNewSnapshotAfterAGatewayRestartAndEndWithTheSimulatorsBook() throws Exception {
        subscribeFullDepth();
        Await.until("deltas after the first snapshot", () -> books.stream()
                .anyMatch(b -> b.getKind() == BookUpdateKind.DELTA && b.getSequence() > 2));

        probe.simulator().restartGateway();

        Await.until("the restarted snapshot published as a resync", () -> books.stream()
                .anyMatch(b -> b.getResync() && b.getSequence() == 0));
        Await.until("deltas numbered from the restart applied", () -> lastSnapshotFollowedByDeltas());
        Await.until("the book to equal the simulator's", this::bookEqualsTruth);
    }

    @Test
    void shouldDropARepeatedDeltaAndKeepTheBookWithoutResync() throws Exception {
        subscribeFullDepth();
        Await.until("a first snapshot", () -> !books.isEmpty());

        probe.simulator().faults().repeatSequence(1);

        Await.until("the book to equal the simulator's", this::bookEqualsTruth);
        Thread.sleep(500);
        assertThat(books).noneMatch(BookUpdate::getResync);
        assertThat(subscriber.resyncs(GrvtSimulatorProbe.INSTRUMENT)).isZero();
    }

    @Test
    void shouldPublishTopNSnapshotsFromTheDepthLimitedStream() throws Exception {
        Result<Subscription> subscribed = subscriber.subscribeOrderBook(probe.instrument().id(), 5,
                Duration.ofMillis(500)).get(10, TimeUnit.SECONDS);
        assertThat(subscribed.isOk()).as("%s", subscribed).isTrue();

        Await.until("a top-5 snapshot", () -> !books.isEmpty());
        assertThat(books.get(0).getKind()).isEqualTo(BookUpdateKind.SNAPSHOT);
        assertThat(books.get(0).getBids().size()).isLessThanOrEqualTo(5);
        assertThat(books.get(0).getDepth()).isEqualTo(5);
    }

    @Test
    void shouldDeliverTradesWithExactPrices() throws Exception {
        Result<Subscription> subscribed = subscriber.subscribeTrades(probe.instrument().id()).get(10, TimeUnit.SECONDS);
        assertThat(subscribed.isOk()).as("%s", subscribed).isTrue();

        Await.until("a trade", () -> !trades.isEmpty());
        assertThat(trades.get(0).getPrice().signum()).isPositive();
        assertThat(trades.get(0).getInstrumentId()).isEqualTo(probe.instrument().id().toString());
    }

    private void subscribeFullDepth() throws Exception {
        Result<Subscription> subscribed = subscriber.subscribeOrderBook(probe.instrument().id(), 0, Duration.ZERO)
                .get(10, TimeUnit.SECONDS);
        assertThat(subscribed.isOk()).as("%s", subscribed).isTrue();
    }

    private boolean lastSnapshotFollowedByDeltas() {
        List<BookUpdate> all = new ArrayList<>(books);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).getKind() == BookUpdateKind.SNAPSHOT) {
                return i < all.size() - 1;
            }
        }
        return false;
    }

    private boolean bookEqualsTruth() {
        return ReplayedBook.of(new ArrayList<>(books)).topEquals(probe.trueBook(DEPTH), DEPTH);
    }
}
