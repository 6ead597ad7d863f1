package io.exchangebus.connectors.core.book;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Records what a synchronizer emits, copying the book at each emission. */
final class RecordingListener implements BookSyncListener {
    record Emission(String kind, long sequence, boolean resync, List<Level> bids, List<Level> asks) {
    }

    final List<Emission> emissions = new ArrayList<>();
    int invalidations;

    @Override
    public void onSnapshot(OrderBook book, long sequence, boolean resync, Instant exchangeTime) {
        emissions.add(new Emission("snapshot", sequence, resync, book.top(BookSide.BID, 0),
                book.top(BookSide.ASK, 0)));
    }

    @Override
    public void onDelta(BookDiff diff, OrderBook book) {
        emissions.add(new Emission("delta", diff.lastUpdateId(), false, book.top(BookSide.BID, 0),
                book.top(BookSide.ASK, 0)));
    }

    @Override
    public void onInvalidated() {
        invalidations++;
    }

    Emission last() {
        return emissions.get(emissions.size() - 1);
    }
}
