package io.exchangebus.connectors.deribit;

import io.exchangebus.connectors.core.book.BookDiff;
import io.exchangebus.connectors.core.book.BookSnapshot;
import io.exchangebus.connectors.core.book.FullBookManager;
import io.exchangebus.connectors.core.book.Level;
import io.exchangebus.connectors.core.book.SnapshotRequester;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.PriceLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What is Deribit's in keeping one full-depth book ({@code book.{instrument}.raw} or {@code .100ms}): the stream's
 * snapshot replaces the book ({@link FullBookManager#onStreamSnapshot}), each change goes to the manager as a diff
 * whose previous id is {@code prev_change_id}, checked by core's {@code PreviousIdLinkRule}: it must equal the last
 * {@code change_id}. A snapshot is asked for by resubscribing (unsubscribe, then subscribe once that is answered:
 * Deribit then sends a new snapshot), as NautilusTrader does (deribit.md §6). After a lost socket nothing is asked:
 * the new socket resubscribes by itself and its first message is the snapshot.
 *
 * <p>Guarded by the manager's monitor: its requests arrive holding it, and every entry point takes it.
 */
final class DeribitBookFeed implements SnapshotRequester {

    static final Duration RETRY = Duration.ofSeconds(1);

    private final String channel;
    private final Function<String, CompletableFuture<? extends io.exchangebus.connectors.core.Result<?>>> resubscribe;
    private final ScheduledExecutorService timer;
    private FullBookManager book;
    private boolean connected;
    private boolean wanted;
    private boolean resubscribing;
    private boolean stopped;
    private long resyncs;

    /**
     * @param resubscribe unsubscribes and subscribes the channel again
     * @param timer       retries a failed resubscription
     */
    DeribitBookFeed(String channel,
                    Function<String, CompletableFuture<? extends io.exchangebus.connectors.core.Result<?>>> resubscribe,
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

    /** The channel is being subscribed: the book starts, awaiting the stream's snapshot (nothing is asked). */
    void start(boolean isConnected) {
        synchronized (book) {
            connected = false;
            book.start();
            connected = isConnected;
        }
    }

    /** One mapped message of the channel. */
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
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // the subscriber is closed
        }
    }

    private static List<Level> levels(List<PriceLevel> levels) {
        return levels.stream().map(l -> new Level(l.getPrice(), l.getQuantity())).toList();
    }
}
