package io.exchangebus.connectors.core.book;

import io.exchangebus.events.BookUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One instrument's full-depth book and what is published from it: full-depth {@link BookUpdate}s (a snapshot, then
 * deltas) for the subscriptions that want full depth, and any number of top-N views, each at its own interval. The
 * book is kept by a {@link BookSynchronizer} under the exchange's {@link SequenceRule}; a gap invalidates it, nothing
 * is published until a fresh snapshot, and that one goes out whole with {@code resync=true}.
 *
 * <p>Where snapshots come from is the exchange's: a {@link SnapshotRequester} that fetches one (Binance's REST depth,
 * handed back through {@link #onSnapshot}) or resubscribes so that the stream sends one again (Deribit, GRVT, handed
 * back through {@link #onStreamSnapshot}, which always replaces the book).
 *
 * <p>Thread-safe: every method holds this manager's monitor, and so do the top-N timer ticks; the requester and the
 * sink are called holding it. A snapshot source with state of its own (a fetch in flight, a socket generation)
 * guards that state with this same monitor, so that a snapshot is handed over atomically with the check that it is
 * still wanted. Nothing here blocks.
 */
public final class FullBookManager {

    /** Runs a task every period until the returned handle is run (e.g. {@link #of(ScheduledExecutorService)}). */
    @FunctionalInterface
    public interface Ticker {
        Runnable every(Duration period, Runnable task);

        /** Ticks on an executor at a fixed rate; the handle cancels without interrupting. */
        static Ticker of(ScheduledExecutorService executor) {
            return (period, task) -> {
                ScheduledFuture<?> tick = executor.scheduleAtFixedRate(task, period.toNanos(), period.toNanos(),
                        TimeUnit.NANOSECONDS);
                return () -> tick.cancel(false);
            };
        }
    }

    private final BookUpdateMapper mapper;
    private final BookSynchronizer sync;
    private final Ticker ticker;
    private final LongSupplier nanoClock;
    private final Supplier<Instant> wallClock;
    private final Consumer<BookUpdate> sink;
    private final List<View> views = new ArrayList<>();
    private int fullDepthUsers;
    private boolean started;
    /** When the update being published was received: the receive time of what goes out. */
    private Instant receivedAt = Instant.EPOCH;

    /** A top-N view and the handle that stops its ticks (null at interval zero: it publishes on each change). */
    private record View(TopNPublisher publisher, Runnable cancelTicks) {
    }

    /**
     * @param rule        the exchange's sequence rule
     * @param maxBuffered most diffs held while awaiting a snapshot
     * @param mapper      the instrument's mapping to {@link BookUpdate}
     * @param requester   asked for a snapshot at {@link #start()}, after a gap or reset; called holding the monitor
     * @param ticker      drives the top-N views' intervals
     * @param sink        receives every update, holding the monitor; it must not block
     */
    public FullBookManager(SequenceRule rule, int maxBuffered, BookUpdateMapper mapper, SnapshotRequester requester,
                           Ticker ticker, Consumer<BookUpdate> sink) {
        this(rule, maxBuffered, mapper, requester, ticker, sink, System::nanoTime, Instant::now);
    }

    /** As above, with the clocks given (monotonic nanos for the views' intervals, wall time for tick receive times). */
    public FullBookManager(SequenceRule rule, int maxBuffered, BookUpdateMapper mapper, SnapshotRequester requester,
                           Ticker ticker, Consumer<BookUpdate> sink, LongSupplier nanoClock,
                           Supplier<Instant> wallClock) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
        this.sync = new BookSynchronizer(rule, maxBuffered, new FanOut(), requester, nanoClock);
    }

    /**
     * Publishes full depth from now on: a late subscriber starts from the current book, when there is one.
     *
     * @return detaches this subscriber
     */
    public synchronized Runnable attachFullDepth() {
        fullDepthUsers++;
        if (sync.state() == SyncState.SYNCED) {
            sink.accept(mapper.snapshot(sync.book(), sync.lastUpdateId(), false, null, wallClock.get()));
        }
        return () -> {
            synchronized (this) {
                fullDepthUsers--;
            }
        };
    }

    /**
     * Publishes the top {@code depth} levels at most once per {@code interval} (zero: on every change of the top),
     * starting from the current book when there is one.
     *
     * @return detaches this view and stops its ticks
     */
    public synchronized Runnable attachTopN(int depth, Duration interval) {
        TopNPublisher publisher = new TopNPublisher(depth, interval, nanoClock,
                v -> sink.accept(mapper.topN(v, receivedAt)));
        if (sync.state() == SyncState.SYNCED) {
            publisher.onSnapshot(sync.book(), sync.lastUpdateId(), false, null);
        }
        // Ticks publish a change that arrived within the interval once the book goes quiet.
        Runnable cancel = interval.isZero() ? null : ticker.every(interval, () -> {
            synchronized (this) {
                receivedAt = wallClock.get();
                publisher.tick();
            }
        });
        View view = new View(publisher, cancel);
        views.add(view);
        return () -> {
            synchronized (this) {
                if (views.remove(view) && cancel != null) {
                    cancel.run();
                }
            }
        };
    }

    /** True when no full-depth subscriber and no view is attached: the owner may drop the book. */
    public synchronized boolean unused() {
        return fullDepthUsers == 0 && views.isEmpty();
    }

    /** Asks for the first snapshot; call once the diff stream is subscribed. Later calls do nothing. */
    public synchronized void start() {
        if (!started) {
            started = true;
            sync.start();
        }
    }

    /** One diff from the stream, in arrival order, received at {@code received}. */
    public synchronized void onDiff(BookDiff diff, Instant received) {
        receivedAt = received;
        sync.onDiff(diff);
    }

    /** A snapshot that was asked for (e.g. over REST); one older than the book is dropped. */
    public synchronized void onSnapshot(BookSnapshot snapshot, Instant received) {
        receivedAt = received;
        sync.onSnapshot(snapshot);
    }

    /**
     * A snapshot sent in the stream itself (Deribit, GRVT): it always replaces the book, whatever its id, and the diffs
     * buffered before it are dropped; see {@link BookSynchronizer#onStreamSnapshot}.
     */
    public synchronized void onStreamSnapshot(BookSnapshot snapshot, Instant received) {
        receivedAt = received;
        sync.onStreamSnapshot(snapshot);
    }

    /** Invalidates the book (a dropped connection, lost frames) and asks for a snapshot. */
    public synchronized void reset() {
        sync.reset();
    }

    /** Stops every view's ticks; the manager publishes nothing more on its own. */
    public synchronized void stop() {
        for (View view : views) {
            if (view.cancelTicks() != null) {
                view.cancelTicks().run();
            }
        }
    }

    public synchronized SyncState state() {
        return sync.state();
    }

    /** The id the book reflects; meaningful only while {@link #state()} is SYNCED. */
    public synchronized long lastUpdateId() {
        return sync.lastUpdateId();
    }

    /** A copy of the best {@code depth} levels of a side (0: all), best first; empty unless SYNCED. */
    public synchronized List<Level> levels(BookSide side, int depth) {
        return sync.book().top(side, depth);
    }

    public synchronized BookSyncStats stats() {
        return sync.stats();
    }

    @Override
    public synchronized String toString() {
        return "FullBookManager{" + sync + ", fullDepthUsers=" + fullDepthUsers + ", views=" + views.size() + "}";
    }

    /** The synchronizer's output, fanned out; runs holding the monitor, as every synchronizer call does. */
    private final class FanOut implements BookSyncListener {
        @Override
        public void onSnapshot(OrderBook book, long sequence, boolean resync, Instant exchangeTime) {
            if (fullDepthUsers > 0) {
                sink.accept(mapper.snapshot(book, sequence, resync, exchangeTime, receivedAt));
            }
            for (View view : views) {
                view.publisher().onSnapshot(book, sequence, resync, exchangeTime);
            }
        }

        @Override
        public void onDelta(BookDiff diff, OrderBook book) {
            if (fullDepthUsers > 0) {
                sink.accept(mapper.delta(diff, receivedAt));
            }
            for (View view : views) {
                view.publisher().onDelta(diff, book);
            }
        }

        @Override
        public void onInvalidated() {
            for (View view : views) {
                view.publisher().onInvalidated();
            }
        }
    }
}
