package io.exchangebus.connectors.core.book;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Turns a synchronizer's full-depth updates into top-N views at a set frequency: at most one {@link TopNBook} per
 * interval, always the latest state, and only when the top N changed (or after a resync).
 *
 * <p>Register it as (or behind) the {@link BookSyncListener} of a {@link BookSynchronizer}, and call
 * {@link #tick()} from a timer on the same thread at least once per interval, so that a change that arrived within
 * the interval is still published when the book then goes quiet. While the book is invalid nothing is pending and
 * nothing is emitted.
 *
 * <p>Not thread-safe: single-threaded like the synchronizer. The top N is computed only when a view is due, so a
 * busy book costs one comparison per update, not a copy.
 */
public final class TopNPublisher implements BookSyncListener {
    private final int depth;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final Consumer<TopNBook> out;

    // The live book and where it stands; null while invalid.
    private OrderBook book;
    private long sequence;
    private Instant exchangeTime;
    private boolean pending;
    private boolean resyncPending;

    private boolean emittedOnce;
    private long lastEmitNanos;
    private List<Level> lastBids = List.of();
    private List<Level> lastAsks = List.of();

    /**
     * @param depth     levels per side (at least 1)
     * @param interval  least time between two views (zero: every change)
     * @param nanoClock monotonic nanos ({@code System::nanoTime}; a controllable one in tests)
     * @param out       receives the views
     */
    public TopNPublisher(int depth, Duration interval, LongSupplier nanoClock, Consumer<TopNBook> out) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be at least 1: " + depth);
        }
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative: " + interval);
        }
        this.depth = depth;
        this.intervalNanos = interval.toNanos();
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void onSnapshot(OrderBook book, long sequence, boolean resync, Instant exchangeTime) {
        resyncPending |= resync;
        changed(book, sequence, exchangeTime);
    }

    @Override
    public void onDelta(BookDiff diff, OrderBook book) {
        changed(book, diff.lastUpdateId(), diff.exchangeTime() != null ? diff.exchangeTime() : exchangeTime);
    }

    @Override
    public void onInvalidated() {
        book = null;
        pending = false;
    }

    /** Publishes the pending view if its interval has passed. Call from a timer on the book's thread. */
    public void tick() {
        if (pending && due(nanoClock.getAsLong())) {
            publish();
        }
    }

    private void changed(OrderBook book, long sequence, Instant exchangeTime) {
        this.book = book;
        this.sequence = sequence;
        this.exchangeTime = exchangeTime;
        pending = true;
        tick();
    }

    private boolean due(long now) {
        return !emittedOnce || now - lastEmitNanos >= intervalNanos;
    }

    private void publish() {
        pending = false;
        List<Level> bids = book.top(BookSide.BID, depth);
        List<Level> asks = book.top(BookSide.ASK, depth);
        if (!resyncPending && emittedOnce && bids.equals(lastBids) && asks.equals(lastAsks)) {
            return; // the change was below the top N: nothing to say, and the interval is not used up
        }
        boolean resync = resyncPending;
        resyncPending = false;
        emittedOnce = true;
        lastEmitNanos = nanoClock.getAsLong();
        lastBids = bids;
        lastAsks = asks;
        out.accept(new TopNBook(depth, sequence, bids, asks, resync, exchangeTime));
    }
}
