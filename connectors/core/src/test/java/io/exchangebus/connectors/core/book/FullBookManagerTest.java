package io.exchangebus.connectors.core.book;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.PriceLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FullBookManagerTest {
    private static final long MS = 1_000_000L;
    private static final Instant RECEIVED = Instant.parse("2026-01-01T00:00:00Z");

    private final AtomicLong nanos = new AtomicLong(1_000 * MS);
    private final AtomicInteger snapshotRequests = new AtomicInteger();
    private final List<BookUpdate> out = new ArrayList<>();
    private final ManualTicker ticker = new ManualTicker();
    private final FullBookManager manager = new FullBookManager(ContiguousRangeRule.INSTANCE, 100,
            new BookUpdateMapper("test-venue", "SYM", "SYM-ID"), snapshotRequests::incrementAndGet, ticker, out::add,
            nanos::get, () -> RECEIVED);

    /** Ticks by hand: each registered task runs when the test says so. */
    static final class ManualTicker implements FullBookManager.Ticker {
        final List<Runnable> tasks = new ArrayList<>();
        final List<Duration> periods = new ArrayList<>();

        @Override
        public Runnable every(Duration period, Runnable task) {
            tasks.add(task);
            periods.add(period);
            return () -> {
                int at = tasks.indexOf(task);
                tasks.remove(at);
                periods.remove(at);
            };
        }

        void tickAll() {
            List.copyOf(tasks).forEach(Runnable::run);
        }
    }

    private static BookDiff bid(long id, String price, String quantity) {
        return BookDiff.of(id, id, List.of(Level.of(price, quantity)), List.of(), null);
    }

    private static BookSnapshot snapshot(long id) {
        return new BookSnapshot(id, List.of(Level.of("100", "1"), Level.of("99", "2")),
                List.of(Level.of("101", "1"), Level.of("102", "3")), null);
    }

    private void advanceMillis(long ms) {
        nanos.addAndGet(ms * MS);
        ticker.tickAll();
    }

    private static List<String> prices(List<PriceLevel> levels) {
        return levels.stream().map(l -> l.getPrice().stripTrailingZeros().toPlainString()).toList();
    }

    @Test
    void shouldPublishTheSnapshotAndThenEachBridgingDiffAsADelta() {
        manager.attachFullDepth();
        manager.start();
        manager.onDiff(bid(11, "100.5", "4"), RECEIVED);      // buffered: the snapshot is not there yet
        assertThat(out).isEmpty();
        assertThat(snapshotRequests).hasValue(1);

        manager.onSnapshot(snapshot(10), RECEIVED);
        manager.onDiff(bid(12, "99", "0"), RECEIVED);

        assertThat(out).extracting(BookUpdate::getKind).containsExactly(BookUpdateKind.SNAPSHOT, BookUpdateKind.DELTA);
        assertThat(out.get(0).getSequence()).isEqualTo(11);
        assertThat(prices(out.get(0).getBids())).containsExactly("100.5", "100", "99");
        assertThat(out.get(1).getSequence()).isEqualTo(12);
        assertThat(manager.levels(BookSide.BID, 0)).containsExactly(Level.of("100.5", "4"), Level.of("100", "1"));
        assertThat(manager.state()).isEqualTo(SyncState.SYNCED);
    }

    @Test
    void shouldRequestAResyncOnAGapAndPublishNothingUntilAFreshSnapshot() {
        manager.attachFullDepth();
        manager.start();
        manager.onSnapshot(snapshot(10), RECEIVED);
        manager.onDiff(bid(11, "100", "5"), RECEIVED);

        manager.onDiff(bid(13, "98", "1"), RECEIVED);          // 12 is missing
        manager.onDiff(bid(14, "97", "1"), RECEIVED);

        assertThat(snapshotRequests).hasValue(2);
        assertThat(manager.state()).isEqualTo(SyncState.INVALID);
        assertThat(manager.levels(BookSide.BID, 0)).isEmpty();
        assertThat(out).hasSize(2);                            // the snapshot and diff 11 only

        manager.onSnapshot(snapshot(12), RECEIVED);             // bridged by the diffs kept since the gap
        BookUpdate resync = out.get(out.size() - 1);
        assertThat(resync.getKind()).isEqualTo(BookUpdateKind.SNAPSHOT);
        assertThat(resync.getResync()).isTrue();
        assertThat(resync.getSequence()).isEqualTo(14);
        assertThat(manager.state()).isEqualTo(SyncState.SYNCED);
    }

    @Test
    void shouldIgnoreDuplicateDiffs() {
        manager.attachFullDepth();
        manager.start();
        manager.onSnapshot(snapshot(10), RECEIVED);
        manager.onDiff(bid(11, "100", "5"), RECEIVED);
        manager.onDiff(bid(11, "100", "5"), RECEIVED);
        manager.onDiff(bid(12, "100", "6"), RECEIVED);

        assertThat(out).extracting(BookUpdate::getSequence).containsExactly(10L, 11L, 12L);
        assertThat(manager.stats().duplicates()).isEqualTo(1);
        assertThat(snapshotRequests).hasValue(1);
        assertThat(manager.levels(BookSide.BID, 1)).containsExactly(Level.of("100", "6"));
    }

    @Test
    void shouldFeedEveryTopNViewAtItsOwnInterval() {
        manager.attachTopN(1, Duration.ofMillis(100));
        manager.attachTopN(2, Duration.ofMillis(500));
        assertThat(ticker.periods).containsExactly(Duration.ofMillis(100), Duration.ofMillis(500));
        manager.start();
        manager.onSnapshot(snapshot(10), RECEIVED);
        assertThat(out).extracting(BookUpdate::getDepth).containsExactly(1, 2);   // both start at once

        manager.onDiff(bid(11, "100.5", "1"), RECEIVED);       // a new best bid, within both intervals
        assertThat(out).hasSize(2);
        advanceMillis(100);
        assertThat(out).extracting(BookUpdate::getDepth).containsExactly(1, 2, 1);
        assertThat(prices(out.get(2).getBids())).containsExactly("100.5");
        advanceMillis(400);
        assertThat(out).extracting(BookUpdate::getDepth).containsExactly(1, 2, 1, 2);
        assertThat(prices(out.get(3).getBids())).containsExactly("100.5", "100");
        assertThat(out).allSatisfy(u -> assertThat(u.getKind()).isEqualTo(BookUpdateKind.SNAPSHOT));
    }

    @Test
    void shouldPublishNoTopNWhileInvalidAndAResyncViewAfterTheFreshSnapshot() {
        manager.attachTopN(1, Duration.ZERO);
        manager.start();
        manager.onSnapshot(snapshot(10), RECEIVED);
        manager.onDiff(bid(12, "100.5", "1"), RECEIVED);       // gap
        advanceMillis(1_000);
        assertThat(out).hasSize(1);

        manager.onSnapshot(snapshot(12), RECEIVED);
        assertThat(out).hasSize(2);
        assertThat(out.get(1).getResync()).isTrue();
    }

    @Test
    void shouldStartALateSubscriberFromTheCurrentBook() {
        Runnable first = manager.attachTopN(1, Duration.ofMillis(100));
        manager.start();
        manager.onSnapshot(snapshot(10), RECEIVED);
        manager.onDiff(bid(11, "100.5", "1"), RECEIVED);
        out.clear();

        manager.attachFullDepth();

        assertThat(out).hasSize(1);
        assertThat(out.get(0).getSequence()).isEqualTo(11);
        assertThat(out.get(0).getResync()).isFalse();
        assertThat(out.get(0).getBids()).hasSize(3);
        first.run();
        assertThat(ticker.tasks).isEmpty();
    }

    @Test
    void shouldBeUnusedOnlyOnceEveryUserDetached() {
        Runnable full = manager.attachFullDepth();
        Runnable view = manager.attachTopN(5, Duration.ofMillis(250));
        full.run();
        assertThat(manager.unused()).isFalse();
        view.run();
        assertThat(manager.unused()).isTrue();
        assertThat(ticker.tasks).isEmpty();
    }

    @Test
    void shouldTakeAStreamSnapshotWhateverItsIdAndResync() {
        FullBookManager grvt = new FullBookManager(PreviousIdLinkRule.RESTARTING, 100,
                new BookUpdateMapper("test-venue", "SYM", "SYM-ID"), snapshotRequests::incrementAndGet, ticker,
                out::add, nanos::get, () -> RECEIVED);
        grvt.attachFullDepth();
        grvt.start();
        grvt.onStreamSnapshot(snapshot(0), RECEIVED);
        grvt.onDiff(new BookDiff(5000, 5000, 0, List.of(Level.of("100", "7")), List.of(), null), RECEIVED);

        grvt.onStreamSnapshot(snapshot(0), RECEIVED);          // the numbering restarted: a fresh book at 0

        assertThat(out).extracting(BookUpdate::getSequence).containsExactly(0L, 5000L, 0L);
        assertThat(out.get(2).getResync()).isTrue();
        assertThat(grvt.levels(BookSide.BID, 1)).containsExactly(Level.of("100", "1"));
        assertThat(grvt.state()).isEqualTo(SyncState.SYNCED);
    }
}
