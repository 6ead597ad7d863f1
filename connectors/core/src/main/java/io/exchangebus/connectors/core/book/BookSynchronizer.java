package io.exchangebus.connectors.core.book;

import io.exchangebus.connectors.core.book.SequenceRule.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Keeps a full-depth {@link OrderBook} in step with an exchange's diff stream plus snapshots, generic over the
 * exchange's {@link SequenceRule}.
 *
 * <pre>
 *   AWAITING_SNAPSHOT --snapshot bridged by buffer--> SYNCED --gap--> INVALID --snapshot bridged--> SYNCED
 *        |  ^ snapshot too old: keep buffer, ask again        (clear book, buffer the gapping diff, ask)
 *        +--+
 * </pre>
 * A snapshot sent in the stream itself ({@link #onStreamSnapshot}) goes to SYNCED from any state: the diffs before
 * it are dropped.
 *
 * <ul>
 * <li>Until a snapshot arrives, diffs are buffered in id order (bounded; on overflow the oldest are discarded, so
 *     a late snapshot may turn out too old and be asked for again).</li>
 * <li>On a snapshot: stale buffered diffs are dropped, the bridging one and the rest are applied in order, and the
 *     book is emitted whole ({@code resync=true} after a gap). A snapshot older than the buffered diffs cannot be
 *     bridged: the buffer is kept and a new snapshot is requested.</li>
 * <li>Once synced, each diff is checked: duplicates and late diffs are dropped and counted; a gap or an
 *     out-of-order diff invalidates the book: it is cleared, listeners are told, nothing is emitted until the next
 *     snapshot, and one is requested. The diff that revealed the gap is kept: the next snapshot may be older.</li>
 * </ul>
 *
 * <p>Not thread-safe: every method, and the listener and requester callbacks, run on one thread (the connection's
 * event loop). A snapshot requested asynchronously must be handed back on that thread.
 */
public final class BookSynchronizer {
    private final SequenceRule rule;
    private final int maxBuffered;
    private final BookSyncListener listener;
    private final SnapshotRequester requester;
    private final LongSupplier nanoClock;
    private final OrderBook book = new OrderBook();
    private final BookSyncStats stats = new BookSyncStats();
    // Diffs waiting for a snapshot, sorted by lastUpdateId (arrival order within equal ids).
    private final List<BookDiff> buffer = new ArrayList<>();

    private SyncState state = SyncState.AWAITING_SNAPSHOT;
    // Meaningful in SYNCED: the snapshot's id until the first diff bridged it, then the last applied diff's id.
    private long lastId;
    private boolean bridged;
    // Exchange time of the last update folded into the book; null when the exchange does not say.
    private Instant lastExchangeTime;
    // True after a gap or reset until the snapshot that ends it is emitted.
    private boolean resyncPending;

    /**
     * @param rule        the exchange's sequence rule
     * @param maxBuffered most diffs held while awaiting a snapshot (at least 1)
     * @param listener    receives snapshots and deltas, only while synced
     * @param requester   asked for a snapshot at start, after a gap, and when a snapshot was too old
     * @param nanoClock   monotonic nanos, for {@link BookSyncStats#lastUpdateNanos()} ({@code System::nanoTime})
     */
    public BookSynchronizer(SequenceRule rule, int maxBuffered, BookSyncListener listener,
                            SnapshotRequester requester, LongSupplier nanoClock) {
        if (maxBuffered < 1) {
            throw new IllegalArgumentException("maxBuffered must be at least 1: " + maxBuffered);
        }
        this.rule = Objects.requireNonNull(rule, "rule");
        this.maxBuffered = maxBuffered;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.requester = Objects.requireNonNull(requester, "requester");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /** Asks for the first snapshot. Call once the diff stream is subscribed, so that no diff is missed. */
    public void start() {
        requestSnapshot();
    }

    /**
     * Invalidates the book (e.g. after a reconnect, when diffs may have been lost) and asks for a snapshot; the
     * next sync is emitted with {@code resync=true}.
     */
    public void reset() {
        buffer.clear();
        invalidate();
    }

    /** Handles one diff from the stream, in arrival order. */
    public void onDiff(BookDiff diff) {
        if (state != SyncState.SYNCED) {
            buffer(diff);
            return;
        }
        Verdict verdict = bridged ? rule.next(lastId, diff) : rule.first(lastId, diff);
        switch (verdict) {
            case APPLY -> {
                apply(diff);
                stats.applied(nanoClock.getAsLong());
                listener.onDelta(diff, book);
            }
            case STALE -> countDropped();
            case GAP -> onGap(diff);
        }
    }

    /** Handles a snapshot, requested or not. */
    public void onSnapshot(BookSnapshot snapshot) {
        if (state == SyncState.SYNCED) {
            onSnapshotWhileSynced(snapshot);
            return;
        }
        load(snapshot);
        int unbridgeable = replayBuffer();
        if (unbridgeable < buffer.size()) {
            // Keep the diffs from the unbridgeable one on: they are newer than anything the book could hold.
            buffer.subList(0, unbridgeable).clear();
            book.clear();
            if (bridged) {
                stats.gap();
                resyncPending = true;
                state = SyncState.INVALID;
            } else {
                stats.staleSnapshot();
            }
            requestSnapshot();
            return;
        }
        buffer.clear();
        state = SyncState.SYNCED;
        boolean resync = resyncPending;
        resyncPending = false;
        if (resync) {
            stats.resync();
        }
        stats.applied(nanoClock.getAsLong());
        listener.onSnapshot(book, lastId, resync, lastExchangeTime);
    }

    /**
     * Handles a snapshot the exchange sent in the diff stream itself (Deribit {@code type: snapshot}, GRVT's first
     * {@code v1.book.d} payload), unasked or after a resubscribe. Such a snapshot is the stream's current state, so
     * it always replaces the book whatever its id: buffered diffs came before it on the stream and are superseded
     * (under a restarting numbering they belong to the old one), and a lower id than the book's is not a late
     * answer but a numbering that restarted. The book is emitted whole, with {@code resync=true} unless it is the
     * first sync.
     */
    public void onStreamSnapshot(BookSnapshot snapshot) {
        buffer.clear();
        if (state == SyncState.SYNCED) {
            listener.onInvalidated();
            state = SyncState.INVALID;
            resyncPending = true;
        }
        onSnapshot(snapshot);
    }

    public SyncState state() {
        return state;
    }

    /** The live book; empty unless {@link #state()} is SYNCED. Read it on the synchronizer's thread only. */
    public OrderBook book() {
        return book;
    }

    /** The id the book reflects; meaningful only while SYNCED. */
    public long lastUpdateId() {
        return lastId;
    }

    public BookSyncStats stats() {
        return stats;
    }

    /** Diffs currently buffered while awaiting a snapshot. */
    public int buffered() {
        return buffer.size();
    }

    /**
     * Applies the buffered diffs in id order after a snapshot was loaded, dropping stale ones.
     *
     * @return the index of the first diff that does not continue the book (a gap), or the buffer's size
     */
    private int replayBuffer() {
        for (int i = 0, n = buffer.size(); i < n; i++) {
            BookDiff diff = buffer.get(i);
            Verdict verdict = bridged ? rule.next(lastId, diff) : rule.first(lastId, diff);
            switch (verdict) {
                case APPLY -> apply(diff);
                case STALE -> countDropped();
                case GAP -> {
                    return i;
                }
            }
        }
        return buffer.size();
    }

    private void apply(BookDiff diff) {
        book.applyAll(BookSide.BID, diff.bids());
        book.applyAll(BookSide.ASK, diff.asks());
        lastId = diff.lastUpdateId();
        if (diff.exchangeTime() != null) {
            lastExchangeTime = diff.exchangeTime();
        }
        bridged = true;
    }

    private void load(BookSnapshot snapshot) {
        book.clear();
        book.applyAll(BookSide.BID, snapshot.bids());
        book.applyAll(BookSide.ASK, snapshot.asks());
        lastId = snapshot.lastUpdateId();
        lastExchangeTime = snapshot.exchangeTime();
        bridged = false;
    }

    private void countDropped() {
        if (bridged) {
            stats.duplicate();
        } else {
            stats.staleDiff();
        }
    }

    private void buffer(BookDiff diff) {
        // Usually appends; an out-of-order diff is slid back to its place by lastUpdateId.
        int at = buffer.size();
        while (at > 0 && buffer.get(at - 1).lastUpdateId() > diff.lastUpdateId()) {
            at--;
        }
        buffer.add(at, diff);
        if (buffer.size() > maxBuffered) {
            buffer.remove(0);
            stats.bufferOverflow();
        }
    }

    private void onGap(BookDiff diff) {
        stats.gap();
        buffer.clear();
        buffer.add(diff);
        invalidate();
    }

    private void invalidate() {
        boolean wasSynced = state == SyncState.SYNCED;
        book.clear();
        state = SyncState.INVALID;
        resyncPending = true;
        if (wasSynced) {
            listener.onInvalidated();
        }
        requestSnapshot();
    }

    private void onSnapshotWhileSynced(BookSnapshot snapshot) {
        // A late answer to an earlier request: the book is already past it.
        if (snapshot.lastUpdateId() <= lastId) {
            stats.staleSnapshot();
            return;
        }
        // An unsolicited newer snapshot (Deribit sends one on resubscribe): start again from it.
        listener.onInvalidated();
        state = SyncState.INVALID;
        resyncPending = true;
        onSnapshot(snapshot);
    }

    private void requestSnapshot() {
        stats.snapshotRequest();
        requester.requestSnapshot();
    }

    @Override
    public String toString() {
        return "BookSynchronizer{" + rule + ", " + state + ", lastId=" + lastId + ", buffered=" + buffer.size()
                + ", " + stats + "}";
    }
}
