package io.exchangebus.connectors.core.book;

/** Where a {@link BookSynchronizer} stands. Only in {@link #SYNCED} does it emit anything. */
public enum SyncState {
    /** Before the first snapshot: diffs are buffered. */
    AWAITING_SNAPSHOT,
    /** The book equals the exchange's at the last applied id; every diff is checked against it. */
    SYNCED,
    /** A gap was seen: the book was cleared, diffs are buffered, and a snapshot has been asked for. */
    INVALID
}
