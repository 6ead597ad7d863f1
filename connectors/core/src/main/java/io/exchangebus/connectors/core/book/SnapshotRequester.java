package io.exchangebus.connectors.core.book;

/**
 * Asks the exchange for a fresh book snapshot (Binance: REST depth; Deribit, GRVT: resubscribe). Called on the
 * synchronizer's thread; must not block, and must deliver the answer back on that thread through
 * {@link BookSynchronizer#onSnapshot(BookSnapshot)} (a fetched answer, which may be late) or
 * {@link BookSynchronizer#onStreamSnapshot(BookSnapshot)} (the stream's own snapshot, always current). Rate limits
 * and retries of the request are the caller's.
 */
@FunctionalInterface
public interface SnapshotRequester {
    void requestSnapshot();
}
