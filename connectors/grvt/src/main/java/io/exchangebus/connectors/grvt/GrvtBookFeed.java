package io.exchangebus.connectors.grvt;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.book.BookDiff;
import io.exchangebus.connectors.core.book.BookSnapshot;
import io.exchangebus.connectors.core.book.FullBookManager;
import io.exchangebus.connectors.core.book.Level;
import io.exchangebus.connectors.core.book.SnapshotRequester;
import io.exchangebus.connectors.grvt.ws.GrvtChannel;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.PriceLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What is GRVT's in keeping one full-depth book from {@code v1.book.d} (grvt.md §6): the first payload, sequence 0,
 * is the whole book and replaces it ({@link FullBookManager#onStreamSnapshot}); each delta goes to the manager as a
 * diff whose previous id is its {@code prev_sequence_number}, judged by core's
 * {@link io.exchangebus.connectors.core.book.PreviousIdLinkRule#RESTARTING}: a repeat of the last number is dropped,
 * a jump or a decrease (a restarted gateway) is a gap. A snapshot is asked for by subscribing again, which GRVT
 * answers with a new snapshot at 0; after a lost socket nothing is asked: the new socket resubscribes by itself.
 * A snapshot arriving unasked (a gateway restart) replaces the book all the same, never dropped as stale.
 *
 * <p>Guarded by the manager's monitor: its requests arrive holding it, and every entry point takes it.
 */
final class GrvtBookFeed implements SnapshotRequester {

    static final Duration RETRY = Duration.ofSeconds(1);

    private final GrvtChannel channel;
    private final Function<GrvtChannel, CompletableFuture<Result<Void>>> resubscribe;
    private final ScheduledExecutorService timer;
    private FullBookManager book;
    private boolean connected;
    private boolean wanted;
    private boolean resubscribing;
    private boolean stopped;
    private long resyncs;

    GrvtBookFeed(GrvtChannel channel, Function<GrvtChannel, CompletableFuture<Result<Void>>> resubscribe,
                 ScheduledExecutorService timer) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.resubscribe = Objects.requireNonNull(resubscribe, "resubscribe");
        this.timer = Objects.requireNonNull(timer, "timer");
    }

    /** The book this feed keeps; set once, before the channel is subscribed. */
    void bind(FullBookManager manager) {
        this.book = Objects.requireNonNull(manager, "manager");
    }

    FullBookManager book() {
        return book;
    }

    GrvtChannel channel() {
        return channel;
    }

    /** The channel is being subscribed: the book starts, awaiting the stream's snapshot (nothing is asked). */
    void start(boolean isConnected) {
        synchronized (book) {
            connected = false;
            book.start();
            connected = isConnected;
        }
    }

    /** One mapped {@code v1.book.d} message. */
    void onUpdate(BookUpdate update, Instant received) {
        synchronized (book) {
            if (stopped) {
                return;
            }
            if (update.getKind() == BookUpdateKind.SNAPSHOT) {
                wanted = false;
                book.onStreamSnapshot(new BookSnapshot(update.getSequence(), levels(update.getBids()),
                        levels(update.getAsks()), update.getExchangeTime()), received);
            } else {
                book.onDiff(new BookDiff(update.getSequence(), update.getSequence(), update.getPreviousSequence(),
                        levels(update.getBids()), levels(update.getAsks()), update.getExchangeTime()), received);
            }
        }
    }

    void onConnected() {
        synchronized (book) {
            connected = true;
        }
    }

    /** The socket is gone: the book is invalid until the new socket's snapshot. */
    void onDisconnected() {
        synchronized (book) {
            connected = false;
            book.reset();
        }
    }

    /** Frames were lost: the book cannot be trusted; resubscribe for a new snapshot. */
    void onGap() {
        synchronized (book) {
            book.reset();
        }
    }

    void stop() {
        synchronized (book) {
            stopped = true;
            book.stop();
        }
    }

    /** Resubscriptions asked for after a gap. */
    long resyncs() {
        synchronized (book) {
            return resyncs;
        }
    }

    /** Holding the monitor: at start and after a reconnect the stream's own snapshot comes; else resubscribe. */
    @Override
    public void requestSnapshot() {
        wanted = true;
        resubscribeIfDue();
    }

    private void resubscribeIfDue() {
        if (!wanted || !connected || resubscribing || stopped) {
            return;
        }
        resubscribing = true;
        resyncs++;
        resubscribe.apply(channel).whenComplete((r, e) -> {
            synchronized (book) {
                resubscribing = false;
                if (e != null || !r.isOk()) {
                    retryLater();
                }
            }
        });
    }

    private void retryLater() {
        try {
            timer.schedule(() -> {
                synchronized (book) {
                    resubscribeIfDue();
                }
            }, RETRY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // the subscriber is closed
        }
    }

    private static List<Level> levels(List<PriceLevel> levels) {
        return levels.stream().map(l -> new Level(l.getPrice(), l.getQuantity())).toList();
    }
}
