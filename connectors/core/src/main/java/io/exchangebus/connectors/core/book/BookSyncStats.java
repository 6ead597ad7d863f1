package io.exchangebus.connectors.core.book;

import java.time.Duration;

/**
 * Counters of one book's synchronisation. Written only by the synchronizer's thread (single writer, so the plain
 * read-increment-write of a volatile is safe); readable from any thread, e.g. by a metrics exporter.
 */
public final class BookSyncStats {
    /** Value of {@link #lastUpdateNanos()} before any update was applied. */
    public static final long NEVER = Long.MIN_VALUE;

    private volatile long gaps;
    private volatile long resyncs;
    private volatile long duplicates;
    private volatile long staleDiffs;
    private volatile long staleSnapshots;
    private volatile long bufferOverflows;
    private volatile long snapshotRequests;
    private volatile long updatesApplied;
    private volatile long lastUpdateNanos = NEVER;

    /** Gaps detected (diffs missing between the book and a diff, or inside the buffer after a snapshot). */
    public long gaps() {
        return gaps;
    }

    /** Completed resynchronisations: snapshots emitted with {@code resync=true}. */
    public long resyncs() {
        return resyncs;
    }

    /** Diffs dropped after sync because the book already had them (repeated or late). */
    public long duplicates() {
        return duplicates;
    }

    /** Diffs dropped before the first applied one because the snapshot already covered them (normal). */
    public long staleDiffs() {
        return staleDiffs;
    }

    /** Snapshots too old to be bridged by the buffered diffs, or older than the synced book. */
    public long staleSnapshots() {
        return staleSnapshots;
    }

    /** Buffered diffs discarded (oldest first) because the buffer was full while awaiting a snapshot. */
    public long bufferOverflows() {
        return bufferOverflows;
    }

    public long snapshotRequests() {
        return snapshotRequests;
    }

    /** Updates published: (re)sync snapshots and deltas. Buffered diffs folded into a snapshot are not counted. */
    public long updatesApplied() {
        return updatesApplied;
    }

    /** Monotonic nanos (of the synchronizer's clock) of the last published update, or {@link #NEVER}. */
    public long lastUpdateNanos() {
        return lastUpdateNanos;
    }

    /** Time since the last applied update at {@code nowNanos} of the same clock; null if none was applied. */
    public Duration timeSinceLastUpdate(long nowNanos) {
        long last = lastUpdateNanos;
        return last == NEVER ? null : Duration.ofNanos(nowNanos - last);
    }

    void gap() {
        gaps++;
    }

    void resync() {
        resyncs++;
    }

    void duplicate() {
        duplicates++;
    }

    void staleDiff() {
        staleDiffs++;
    }

    void staleSnapshot() {
        staleSnapshots++;
    }

    void bufferOverflow() {
        bufferOverflows++;
    }

    void snapshotRequest() {
        snapshotRequests++;
    }

    void applied(long nowNanos) {
        updatesApplied++;
        lastUpdateNanos = nowNanos;
    }

    @Override
    public String toString() {
        return "BookSyncStats{gaps=" + gaps + ", resyncs=" + resyncs + ", duplicates=" + duplicates
                + ", staleDiffs=" + staleDiffs + ", staleSnapshots=" + staleSnapshots + ", bufferOverflows="
                + bufferOverflows + ", snapshotRequests=" + snapshotRequests + ", updatesApplied=" + updatesApplied
                + "}";
    }
}
