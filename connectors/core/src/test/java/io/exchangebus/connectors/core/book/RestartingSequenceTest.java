package io.exchangebus.connectors.core.book;

import static io.exchangebus.connectors.core.book.SequenceRule.Verdict.APPLY;
import static io.exchangebus.connectors.core.book.SequenceRule.Verdict.GAP;
import static io.exchangebus.connectors.core.book.SequenceRule.Verdict.STALE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * In-stream snapshots whose numbering restarts (GRVT {@code v1.book.d}: snapshot at {@code sequence_number} 0, then
 * deltas linked by {@code prev_sequence_number}), through {@link PreviousIdLinkRule#RESTARTING} and
 * {@link BookSynchronizer#onStreamSnapshot}; and Deribit's {@code prev_change_id} link on the same path.
 */
class RestartingSequenceTest {
    private static final SequenceRule RULE = PreviousIdLinkRule.RESTARTING;

    private final RecordingListener listener = new RecordingListener();
    private final AtomicInteger resubscribes = new AtomicInteger();
    private final BookSynchronizer sync = new BookSynchronizer(RULE, 100, listener, resubscribes::incrementAndGet,
            () -> 0L);

    /** A GRVT delta: {@code sequence_number} and {@code prev_sequence_number}. */
    private static BookDiff delta(long sequence, long previous, String bidPrice, String bidSize) {
        return new BookDiff(sequence, sequence, previous, List.of(Level.of(bidPrice, bidSize)), List.of(), null);
    }

    private static BookSnapshot snapshot(long sequence, String bidPrice) {
        return new BookSnapshot(sequence, List.of(Level.of(bidPrice, "1")), List.of(Level.of("200", "1")), null);
    }

    /** A book synced at 0 and then carried to {@code last} by deltas 1..last. */
    private void bookAt(long last) {
        sync.start();
        sync.onStreamSnapshot(snapshot(0, "100"));
        for (long s = 1; s <= last; s++) {
            sync.onDiff(delta(s, s - 1, "99", Long.toString(s)));
        }
        assertThat(sync.lastUpdateId()).isEqualTo(last);
    }

    @ParameterizedTest(name = "after {0}: delta {1} with previous {2} -> {3}")
    @CsvSource({
        "5000, 5001, 5000, APPLY",   // prev_sequence_number equals the last sequence_number
        "5000, 5000, 4999, STALE",   // a duplicate: ignored
        "5000, 5002, 5001, GAP",     // a jump
        "5000, 4990, 4989, GAP",     // a decrease is not late here: the numbering changed
        "5000, 1, 0, GAP",           // a gateway restart without a snapshot
    })
    void shouldJudgeDeltasAfterADelta(long last, long sequence, long previous, SequenceRule.Verdict verdict) {
        assertThat(RULE.next(last, delta(sequence, previous, "1", "1"))).isEqualTo(verdict);
    }

    @ParameterizedTest(name = "after snapshot {0}: delta {1} with previous {2} -> {3}")
    @CsvSource({
        "0, 1, 0, APPLY",
        "0, 0, 0, STALE",
        "0, 2, 1, GAP",
        "872634876, 5, 4, GAP",     // below the snapshot: another numbering, not a late delta
    })
    void shouldJudgeTheFirstDeltaAfterASnapshot(long snapshot, long sequence, long previous,
                                                SequenceRule.Verdict verdict) {
        assertThat(RULE.first(snapshot, delta(sequence, previous, "1", "1"))).isEqualTo(verdict);
    }

    @Test
    void shouldApplyASnapshotAtZeroAfterABookAtSequence5000() {
        bookAt(5000);

        sync.onStreamSnapshot(snapshot(0, "105"));

        assertThat(sync.state()).isEqualTo(SyncState.SYNCED);
        assertThat(sync.lastUpdateId()).isZero();
        assertThat(listener.last().kind()).isEqualTo("snapshot");
        assertThat(listener.last().resync()).isTrue();
        assertThat(listener.last().bids()).containsExactly(Level.of("105", "1"));
        assertThat(sync.stats().staleSnapshots()).isZero();
        sync.onDiff(delta(1, 0, "104", "2"));                   // the new numbering continues
        assertThat(listener.last().sequence()).isEqualTo(1);
    }

    @Test
    void shouldDropAsStaleARequestedSnapshotOlderThanTheBook() {
        // The contrast: through onSnapshot (a fetched answer that may be late) an older id is dropped.
        bookAt(5000);
        sync.onSnapshot(snapshot(0, "105"));
        assertThat(sync.lastUpdateId()).isEqualTo(5000);
        assertThat(sync.stats().staleSnapshots()).isEqualTo(1);
    }

    @Test
    void shouldResubscribeWhenADeltaSkipsASequence() {
        bookAt(10);
        int emitted = listener.emissions.size();

        sync.onDiff(delta(12, 11, "98", "1"));

        assertThat(sync.state()).isEqualTo(SyncState.INVALID);
        assertThat(resubscribes).hasValue(2);
        assertThat(listener.invalidations).isEqualTo(1);
        sync.onDiff(delta(13, 12, "98", "2"));                  // nothing until the fresh snapshot
        assertThat(listener.emissions).hasSize(emitted);
    }

    @Test
    void shouldResubscribeWhenTheSequenceDecreases() {
        bookAt(10);

        sync.onDiff(delta(3, 2, "98", "1"));

        assertThat(sync.state()).isEqualTo(SyncState.INVALID);
        assertThat(resubscribes).hasValue(2);
    }

    @Test
    void shouldIgnoreADuplicate() {
        bookAt(10);
        int emitted = listener.emissions.size();

        sync.onDiff(delta(10, 9, "99", "10"));

        assertThat(sync.state()).isEqualTo(SyncState.SYNCED);
        assertThat(listener.emissions).hasSize(emitted);
        assertThat(sync.stats().duplicates()).isEqualTo(1);
        assertThat(resubscribes).hasValue(1);
    }

    @Test
    void shouldStartFromTheNewSnapshotAfterAGapDroppingTheDeltasOfTheOldNumbering() {
        bookAt(10);
        sync.onDiff(delta(12, 11, "98", "1"));                  // gap: resubscribe; the delta is kept in the buffer

        sync.onStreamSnapshot(snapshot(0, "101"));              // were it replayed, 12 would look like a gap again

        assertThat(sync.state()).isEqualTo(SyncState.SYNCED);
        assertThat(sync.buffered()).isZero();
        assertThat(listener.last().resync()).isTrue();
        assertThat(listener.last().bids()).containsExactly(Level.of("101", "1"));
        assertThat(resubscribes).hasValue(2);
    }

    @Test
    void shouldLinkDeribitChangesByPrevChangeIdAfterAStreamSnapshot() {
        // change_id of the live book.BTC-PERPETUAL.raw snapshot in fixtures/deribit/ws_notifications.gocryptotrader
        long snapshotId = 53639437695L;
        BookSynchronizer deribit = new BookSynchronizer(PreviousIdLinkRule.INSTANCE, 100, listener,
                resubscribes::incrementAndGet, () -> 0L);
        deribit.start();
        deribit.onStreamSnapshot(snapshot(snapshotId, "23461"));
        deribit.onDiff(delta(snapshotId + 3, snapshotId, "23461", "0"));
        assertThat(listener.last().kind()).isEqualTo("delta");
        assertThat(listener.last().bids()).isEmpty();

        deribit.onDiff(delta(snapshotId + 9, snapshotId + 5, "23460", "1"));   // prev_change_id != last change_id

        assertThat(deribit.state()).isEqualTo(SyncState.INVALID);
        assertThat(resubscribes).hasValue(2);
    }
}
