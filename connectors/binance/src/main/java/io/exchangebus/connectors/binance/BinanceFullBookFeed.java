package io.exchangebus.connectors.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.binance.http.BinanceRestClient;
import io.exchangebus.connectors.binance.mapping.MarketMapping;
import io.exchangebus.connectors.binance.mapping.UnmappableMessageException;
import io.exchangebus.connectors.core.book.BookDiff;
import io.exchangebus.connectors.core.book.BookSnapshot;
import io.exchangebus.connectors.core.book.FullBookManager;
import io.exchangebus.connectors.core.book.SnapshotRequester;
import io.exchangebus.connectors.core.http.HttpCall;
import io.exchangebus.connectors.core.role.MalformedFrame;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What is Binance's in keeping one full-depth book ({@code <symbol>@depth@100ms}): the diffs go to the core
 * {@link FullBookManager}, and its snapshot requests are answered with the REST depth ({@code GET /api/v3/depth} or
 * {@code /fapi/v1/depth}, limit 1000) as "How to manage a local order book correctly" says: buffer first, fetch once
 * a diff arrived on the current socket (or after a quiet wait), retry a failed fetch, and discard a snapshot fetched
 * for a socket that has since dropped.
 *
 * <p>Guarded by the manager's monitor (see {@link FullBookManager}): its requests arrive holding it, and every entry
 * point here takes it, so that a fetched snapshot is handed over atomically with the check that it is still wanted.
 */
final class BinanceFullBookFeed implements SnapshotRequester {
    private static final Logger LOG = LoggerFactory.getLogger(BinanceFullBookFeed.class);
    private static final int SNAPSHOT_LIMIT = 1000;
    private static final Duration SNAPSHOT_RETRY = Duration.ofSeconds(1);
    private static final Duration QUIET_BOOK_WAIT = Duration.ofSeconds(1);

    private final BinanceVenue venue;
    private final String symbol;
    private final BinanceRestClient rest;
    private final ScheduledExecutorService timer;
    private final BooleanSupplier closed;
    private final Consumer<MalformedFrame> malformed;
    private FullBookManager book;
    private boolean started;
    private boolean stopped;
    private boolean connected;
    /** A diff arrived on the current socket: the stream is live, a snapshot may be fetched. */
    private boolean diffSeen;
    private boolean snapshotWanted;
    private boolean fetching;
    /** Bumped on each disconnect: a snapshot fetched for an older socket is discarded. */
    private long generation;
    private ScheduledFuture<?> retry;
    private ScheduledFuture<?> quietTimer;

    /**
     * @param closed    true once the subscriber is closed: nothing more is fetched or scheduled
     * @param malformed receives a REST snapshot that cannot be read
     */
    BinanceFullBookFeed(BinanceVenue venue, String symbol, BinanceRestClient rest, ScheduledExecutorService timer,
                        BooleanSupplier closed, Consumer<MalformedFrame> malformed) {
        this.venue = Objects.requireNonNull(venue, "venue");
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        this.rest = Objects.requireNonNull(rest, "rest");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.closed = Objects.requireNonNull(closed, "closed");
        this.malformed = Objects.requireNonNull(malformed, "malformed");
    }

    /** The book this feed keeps; set once, before the stream is subscribed. */
    void bind(FullBookManager book) {
        this.book = Objects.requireNonNull(book, "book");
    }

    /** The stream was subscribed on a connection; the first time, the book starts (and asks for a snapshot). */
    void onSubscribed(boolean isConnected) {
        synchronized (book) {
            if (!started) {
                started = true;
                connected = isConnected;
                book.start();
            }
        }
    }

    void onDiff(BookDiff diff, Instant received) {
        synchronized (book) {
            if (connected) {
                diffSeen = true;
            }
            book.onDiff(diff, received);
            fetchIfDue();
        }
    }

    void onDisconnected() {
        synchronized (book) {
            generation++;
            connected = false;
            diffSeen = false;
            book.reset();
        }
    }

    void onConnected() {
        synchronized (book) {
            connected = true;
            fetchIfDue();
        }
    }

    /** Frames were lost: the book cannot be trusted. */
    void onGap() {
        book.reset();
    }

    /** The book is dropped: no more fetches, retries or ticks. */
    void stop() {
        synchronized (book) {
            stopped = true;
            cancel(retry);
            cancel(quietTimer);
            book.stop();
        }
    }

    /** The manager wants a snapshot (holding its monitor): fetched once the stream is live (Binance: buffer first). */
    @Override
    public void requestSnapshot() {
        snapshotWanted = true;
        fetchIfDue();
    }

    private void fetchIfDue() {
        if (!snapshotWanted || fetching || !connected || stopped || closed.getAsBoolean()) {
            return;
        }
        if (!diffSeen) {
            // Binance: buffer first, then fetch. A quiet book sends no diff for a while: fetch anyway after
            // QUIET_BOOK_WAIT (a snapshot older than the first diff is asked for again by the synchronizer).
            if (quietTimer == null) {
                quietTimer = schedule(() -> {
                    synchronized (book) {
                        quietTimer = null;
                        diffSeen = connected;
                        fetchIfDue();
                    }
                }, QUIET_BOOK_WAIT);
            }
            return;
        }
        fetching = true;
        long forGeneration = generation;
        HttpCall call = HttpCall.get(venue.restPrefix() + "/depth")
                .withParam("symbol", symbol)
                .withParam("limit", Integer.toString(SNAPSHOT_LIMIT))
                .withWeight(venue.rest().depthWeight());
        rest.call(call).whenComplete((result, failure) -> {
            synchronized (book) {
                fetching = false;
                if (stopped || closed.getAsBoolean()) {
                    return;
                }
                if (forGeneration != generation) {
                    fetchIfDue();
                    return;
                }
                if (failure != null || !result.isOk()) {
                    LOG.warn("{}: depth snapshot of {} failed: {}", venue.exchange(), symbol,
                            failure != null ? failure.toString() : result.error());
                    retryLater();
                    return;
                }
                hand(result.value());
            }
        });
    }

    /** Reads the REST answer and gives it to the book; an unreadable one is reported and fetched again later. */
    private void hand(JsonNode body) {
        BookSnapshot snapshot;
        try {
            snapshot = MarketMapping.depthSnapshot(venue, body);
        } catch (UnmappableMessageException e) {
            malformed.accept(new MalformedFrame(venue.exchange(), venue.restPrefix() + "/depth?symbol=" + symbol,
                    body.toString(), e.getMessage(), Instant.now()));
            retryLater();
            return;
        }
        snapshotWanted = false;
        book.onSnapshot(snapshot, Instant.now());
    }

    private void retryLater() {
        retry = schedule(() -> {
            synchronized (book) {
                fetchIfDue();
            }
        }, SNAPSHOT_RETRY);
    }

    /** Runs {@code task} on the timer after {@code delay}; null once closed. */
    private ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        if (closed.getAsBoolean()) {
            return null;
        }
        try {
            return timer.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("{}: timer task failed", venue.exchange(), e);
                }
            }, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null; // closed meanwhile
        }
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }
}
