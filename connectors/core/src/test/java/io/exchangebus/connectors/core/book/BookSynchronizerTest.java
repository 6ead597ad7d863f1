package io.exchangebus.connectors.core.book;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BookSynchronizerTest {
    private final RecordingListener listener = new RecordingListener();
    private final AtomicInteger snapshotRequests = new AtomicInteger();
    private final AtomicLong nanos = new AtomicLong(1_000);
    private BookSynchronizer sync = spot(100);

    private BookSynchronizer spot(int maxBuffered) {
        return new BookSynchronizer(ContiguousRangeRule.INSTANCE, maxBuffered, listener,
                snapshotRequests::incrementAndGet, nanos::get);
    }

    private static BookDiff diff(long first, long last, String bidPrice, String bidQty) {
        return BookDiff.of(first, last, List.of(Level.of(bidPrice, bidQty)), List.of(), null);
    }

    private static BookSnapshot snapshot(long lastUpdateId, String bidPrice, String bidQty) {
        return new BookSnapshot(lastUpdateId, List.of(Level.of(bidPrice, bidQty)), List.of(Level.of("200", "1")),
                null);
    }

    @Test
    void shouldBufferDiffsUntilTheSnapshotArrives() {
        sync.start();
        sync.onDiff(diff(101, 105, "99", "1"));
        sync.onDiff(diff(106, 110, "98", "2"));

        assertThat(snapshotRequests).hasValue(1);
        assertThat(sync.state()).isEqualTo(SyncState.AWAITING_SNAPSHOT);
        assertThat(sync.buffered()).isEqualTo(2);
        assertThat(listener.emissions).isEmpty();
    }

    @Test
    void shouldDropDiffsOlderThanTheSnapshotAndApplyTheBridgingOnes() {
        sync.start();
        sync.onDiff(diff(101, 105, "99", "1"));   // stale: u <= 107
        sync.onDiff(diff(106, 110, "98", "2"));   // bridges 108
        sync.onDiff(diff(111, 111, "97", "3"));
        sync.onSnapshot(snapshot(107, "100", "5"));

        assertThat(sync.state()).isEqualTo(SyncState.SYNCED);
        assertThat(listener.emissions).hasSize(1);
        RecordingListener.Emission first = listener.last();
        assertThat(first.kind()).isEqualTo("snapshot");
        assertThat(first.sequence()).isEqualTo(111);
        assertThat(first.resync()).isFalse();
        assertThat(first.bids()).containsExactly(Level.of("100", "5"), Level.of("98", "2"), Level.of("97", "3"));
        assertThat(sync.stats().staleDiffs()).isEqualTo(1);
        assertThat(sync.stats().duplicates()).isZero();
    }

    @Test
    void shouldEmitEachAppliedDiffAsADeltaOnceSynced() {
        sync.start();
        sync.onSnapshot(snapshot(107, "100", "5"));
        sync.onDiff(diff(108, 109, "100", "0"));

        assertThat(listener.emissions).extracting(RecordingListener.Emission::kind)
                .containsExactly("snapshot", "delta");
        assertThat(listener.last().sequence()).isEqualTo(109);
        assertThat(listener.last().bids()).isEmpty();
        assertThat(sync.stats().updatesApplied()).isEqualTo(2);
    }

    @Test
    void shouldResyncWhenSequenceGaps() {
        sync.start();
        sync.onSnapshot(snapshot(107, "100", "5"));
        sync.onDiff(diff(108, 109, "99", "1"));
        sync.onDiff(diff(112, 113, "98", "1"));   // 110..111 missing
        sync.onDiff(diff(114, 115, "97", "1"));   // buffered, not emitted

        assertThat(sync.state()).isEqualTo(SyncState.INVALID);
        assertThat(sync.book().isEmpty()).isTrue();
        assertThat(listener.invalidations).isEqualTo(1);
        assertThat(listener.emissions).hasSize(2);
        assertThat(snapshotRequests).hasValue(2);
        assertThat(sync.stats().gaps()).isEqualTo(1);

        // The fresh snapshot is older than the diff that revealed the gap: that diff bridges it.
        sync.onSnapshot(snapshot(112, "100", "4"));

        assertThat(sync.state()).isEqualTo(SyncState.SYNCED);
        RecordingListener.Emission resync = listener.last();
        assertThat(resync.kind()).isEqualTo("snapshot");
        assertThat(resync.resync()).isTrue();
        assertThat(resync.sequence()).isEqualTo(115);
        assertThat(resync.bids()).containsExactly(Level.of("100", "4"), Level.of("98", "1"), Level.of("97", "1"));
        assertThat(sync.stats().resyncs()).isEqualTo(1);
    }

    @Test
    void shouldTreatAnOutOfOrderDiffAsAGap() {
        sync.start();
        sync.onSnapshot(snapshot(107, "100", "5"));
        sync.onDiff(diff(110, 111, "98", "1"));   // arrived before 108..109

        assertThat(sync.state()).isEqualTo(SyncState.INVALID);
        assertThat(sync.stats().gaps()).isEqualTo(1);

        sync.onDiff(diff(108, 109, "99", "1"));   // the late one, buffered in id order
        sync.onSnapshot(snapshot(107, "100", "5"));

        assertThat(sync.state()).isEqualTo(SyncState.SYNCED);
        assertThat(listener.last().sequence()).isEqualTo(111);
        assertThat(listener.last().bids()).hasSize(3);
    }

    @Test
    void shouldIgnoreAndCountDuplicates() {
        sync.start();
        sync.onSnapshot(snapshot(107, "100", "5"));
        BookDiff d = diff(108, 109, "99", "1");
        sync.onDiff(d);
        sync.onDiff(d);
        sync.onDiff(diff(100, 101, "1", "1"));

        assertThat(sync.state()).isEqualTo(SyncState.SYNCED);
        assertThat(listener.emissions).hasSize(2);
        assertThat(sync.stats().duplicates()).isEqualTo(2);
        assertThat(sync.stats().gaps()).isZero();
    }

    @Test
    void shouldAskForANewerSnapshotWhenTheSnapshotIsOlderThanTheBufferedDiffs() {
        sync.start();
        sync.onDiff(diff(108, 110, "99", "1"));
        sync.onSnapshot(snapshot(100, "100", "5"));   // 101..107 are in neither

        assertThat(sync.state()).isEqualTo(SyncState.AWAITING_SNAPSHOT);
        assertThat(listener.emissions).isEmpty();
        assertThat(snapshotRequests).hasValue(2);
        assertThat(sync.stats().staleSnapshots()).isEqualTo(1);
        assertThat(sync.buffered()).isEqualTo(1);

        sync.onSnapshot(snapshot(108, "100", "5"));

        assertThat(sync.state()).isEqualTo(SyncState.SYNCED);
        assertThat(listener.last().sequence()).isEqualTo(110);
        assertThat(listener.last().resync()).isFalse();
    }

    @Test
    void shouldResyncWhenTheBufferedDiffsHaveAGapAfterTheBridge() {
        sync.start();
        sync.onDiff(diff(106, 110, "99", "1"));
        sync.onDiff(diff(115, 116, "98", "1"));   // 111..114 lost
        sync.onSnapshot(snapshot(107, "100", "5"));

        assertThat(sync.state()).isEqualTo(SyncState.INVALID);
        assertThat(listener.emissions).isEmpty();
        assertThat(sync.stats().gaps()).isEqualTo(1);
        assertThat(sync.buffered()).isEqualTo(1);

        sync.onSnapshot(snapshot(114, "100", "5"));
        assertThat(listener.last().sequence()).isEqualTo(116);
        assertThat(listener.last().resync()).isTrue();
    }

    @Test
    void shouldRequestASnapshotWhenTheFirstLiveDiffDoesNotBridgeTheSnapshot() {
        sync.start();
        sync.onSnapshot(snapshot(107, "100", "5"));
        sync.onDiff(diff(109, 110, "99", "1"));   // 108 missing

        assertThat(sync.state()).isEqualTo(SyncState.INVALID);
        assertThat(listener.invalidations).isEqualTo(1);
        assertThat(sync.stats().gaps()).isEqualTo(1);
    }

    @Test
    void shouldDiscardTheOldestBufferedDiffsWhenTheBufferOverflows() {
        sync = spot(2);
        sync.start();
        sync.onDiff(diff(101, 101, "99", "1"));
        sync.onDiff(diff(102, 102, "98", "1"));
        sync.onDiff(diff(103, 103, "97", "1"));

        assertThat(sync.buffered()).isEqualTo(2);
        assertThat(sync.stats().bufferOverflows()).isEqualTo(1);

        sync.onSnapshot(snapshot(100, "100", "5"));   // needed 101, which was discarded
        assertThat(sync.state()).isEqualTo(SyncState.AWAITING_SNAPSHOT);
        sync.onSnapshot(snapshot(101, "100", "5"));
        assertThat(sync.state()).isEqualTo(SyncState.SYNCED);
        assertThat(listener.last().bids()).extracting(l -> l.price().toPlainString())
                .containsExactly("100", "98", "97");
    }

    @Test
    void shouldIgnoreALateSnapshotOnceSynced() {
        sync.start();
        sync.onSnapshot(snapshot(107, "100", "5"));
        sync.onDiff(diff(108, 109, "99", "1"));
        sync.onSnapshot(snapshot(105, "100", "7"));

        assertThat(sync.state()).isEqualTo(SyncState.SYNCED);
        assertThat(sync.book().quantityAt(BookSide.BID, new java.math.BigDecimal("100"))).isEqualByComparingTo("5");
        assertThat(sync.stats().staleSnapshots()).isEqualTo(1);
    }

    @Test
    void shouldStartAgainFromANewerUnsolicitedSnapshot() {
        sync.start();
        sync.onSnapshot(snapshot(107, "100", "5"));
        sync.onSnapshot(snapshot(120, "100", "7"));

        assertThat(listener.invalidations).isEqualTo(1);
        assertThat(listener.last().resync()).isTrue();
        assertThat(listener.last().sequence()).isEqualTo(120);
        sync.onDiff(diff(121, 121, "99", "1"));
        assertThat(listener.last().kind()).isEqualTo("delta");
    }

    @Test
    void shouldInvalidateAndResyncOnReset() {
        sync.start();
        sync.onSnapshot(snapshot(107, "100", "5"));
        sync.reset();
        sync.onDiff(diff(108, 108, "99", "1"));

        assertThat(listener.emissions).hasSize(1);
        assertThat(snapshotRequests).hasValue(2);
        sync.onSnapshot(snapshot(107, "100", "5"));
        assertThat(listener.last().resync()).isTrue();
        assertThat(listener.last().sequence()).isEqualTo(108);
    }

    @Test
    void shouldSyncFuturesWithThePreviousIdLink() {
        sync = new BookSynchronizer(PreviousIdLinkRule.INSTANCE, 100, listener, snapshotRequests::incrementAndGet,
                nanos::get);
        sync.start();
        sync.onDiff(new BookDiff(150, 157, 149, List.of(Level.of("99", "1")), List.of(), null)); // u < 160: stale
        sync.onDiff(new BookDiff(158, 160, 157, List.of(Level.of("98", "1")), List.of(), null)); // u == 160: in it
        sync.onSnapshot(snapshot(160, "100", "5"));
        sync.onDiff(new BookDiff(163, 170, 160, List.of(Level.of("97", "1")), List.of(), null));
        sync.onDiff(new BookDiff(175, 180, 171, List.of(Level.of("96", "1")), List.of(), null)); // pu != 170

        assertThat(listener.emissions).extracting(RecordingListener.Emission::sequence).containsExactly(160L, 170L);
        assertThat(sync.stats().staleDiffs()).isEqualTo(2);
        assertThat(sync.stats().gaps()).isEqualTo(1);
        assertThat(sync.state()).isEqualTo(SyncState.INVALID);
    }

    @Test
    void shouldReportTimeSinceTheLastUpdate() {
        assertThat(sync.stats().timeSinceLastUpdate(nanos.get())).isNull();
        sync.start();
        sync.onSnapshot(snapshot(107, "100", "5"));
        nanos.addAndGet(2_000_000);
        sync.onDiff(diff(108, 108, "99", "1"));
        nanos.addAndGet(Duration.ofMillis(250).toNanos());

        assertThat(sync.stats().timeSinceLastUpdate(nanos.get())).isEqualTo(Duration.ofMillis(250));
    }
}
