package io.exchangebus.connectors.core.book;

import java.time.Instant;

/**
 * What a {@link BookSynchronizer} emits. Called on the synchronizer's thread; the {@link OrderBook} passed is the
 * live book, valid to read during the call only (copy what you keep, e.g. with {@link OrderBook#top}).
 */
public interface BookSyncListener {

    /**
     * The book is (again) in sync: a full snapshot at {@code sequence}, after the buffered diffs that bridge it.
     *
     * @param resync       true when this follows a gap or a reset, false for the first sync
     * @param exchangeTime exchange time of the last update folded in; null when the exchange does not say
     */
    void onSnapshot(OrderBook book, long sequence, boolean resync, Instant exchangeTime);

    /** A diff was applied; {@code book} is the state after it, at {@code diff.lastUpdateId()}. */
    void onDelta(BookDiff diff, OrderBook book);

    /** The book is no longer valid (gap or reset) and nothing will be emitted until the next snapshot. */
    default void onInvalidated() {
    }
}
