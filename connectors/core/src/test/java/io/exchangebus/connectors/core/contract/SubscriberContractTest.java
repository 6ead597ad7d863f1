package io.exchangebus.connectors.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Subscriber;
import io.exchangebus.connectors.core.role.Subscription;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.Trade;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every exchange's {@link Subscriber} must do, judged against its simulator's true book. An exchange module
 * subclasses this and supplies the role and the probe.
 */
public abstract class SubscriberContractTest extends RoleContract<Subscriber> {
    private static final int DEPTH = 10;

    protected final List<BookUpdate> books = new CopyOnWriteArrayList<>();
    protected final List<Trade> trades = new CopyOnWriteArrayList<>();
    protected final List<MalformedFrame> malformed = new CopyOnWriteArrayList<>();

    protected abstract Subscriber newSubscriber();

    @Override
    final Subscriber newRole() {
        return newSubscriber();
    }

    @Override
    final CompletableFuture<Result<Void>> connect(Subscriber subscriber) {
        return subscriber.connect(new Subscriber.Listener() {
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
                connectionEvents.add(event);
            }
        });
    }

    @Test
    void shouldStartWithASnapshotAndKeepTheBookEqualToTheSimulators() throws Exception {
        subscribeFullDepth();

        Awaiting.until("a first snapshot", () -> !books.isEmpty());
        assertThat(books.get(0).getKind()).isEqualTo(BookUpdateKind.SNAPSHOT);
        Awaiting.until("the local book to equal the simulator's", this::localBookEqualsTruth);
    }

    @Test
    void shouldResyncAfterASequenceGapAndMatchTheSimulatorAgain() throws Exception {
        subscribeFullDepth();
        Awaiting.until("a first snapshot", () -> !books.isEmpty());

        probe.skipSequence();

        Awaiting.until("a resync snapshot", () -> books.stream().anyMatch(BookUpdate::getResync));
        Awaiting.until("the local book to equal the simulator's after the resync", this::localBookEqualsTruth);
    }

    @Test
    void shouldRestoreSubscriptionsAfterADroppedConnection() throws Exception {
        subscribeFullDepth();
        Awaiting.until("a first snapshot", () -> !books.isEmpty());

        probe.dropConnections();

        awaitReconnect();
        int before = books.size();
        Awaiting.until("book updates flowing again", () -> books.size() > before);
        Awaiting.until("the local book to equal the simulator's after the reconnect", this::localBookEqualsTruth);
    }

    @Test
    void shouldReportAMalformedFrameWithItsRawTextAndGoOn() throws Exception {
        subscribeFullDepth();
        Awaiting.until("a first snapshot", () -> !books.isEmpty());

        probe.sendMalformedFrame();

        Awaiting.until("a malformed frame reported", () -> !malformed.isEmpty());
        assertThat(malformed.get(0).payload()).isNotBlank();
        assertThat(malformed.get(0).reason()).isNotBlank();
        int before = books.size();
        Awaiting.until("book updates still flowing", () -> books.size() > before);
    }

    private void subscribeFullDepth() throws Exception {
        Result<Subscription> subscribed = role.subscribeOrderBook(probe.instrument().id(), 0, Duration.ZERO)
                .get(Awaiting.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(subscribed.isOk()).as("subscribed: %s", subscribed).isTrue();
    }

    /** Replays the emitted updates (from the last snapshot on) and compares the top levels with the truth. */
    private boolean localBookEqualsTruth() {
        return ReplayedBook.of(new ArrayList<>(books)).topEquals(probe.trueBook(DEPTH), DEPTH);
    }
}
