package io.exchangebus.connectors.core.book;

import io.exchangebus.connectors.core.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One full-depth book kept from a stream that sends its own snapshot when subscribed (Deribit's {@code book.*},
 * GRVT's {@code v1.book.d}): a snapshot replaces the book ({@link FullBookManager#onStreamSnapshot}), never dropped
 * as stale, and each update goes to the manager as a diff whose previous id the venue gives, judged by the
 * manager's {@link SequenceRule}. When the manager asks for a snapshot (a gap), the channel is subscribed again and
 * the venue's new snapshot follows; a failed resubscription is tried again after {@link #RETRY}. After a lost socket
 * nothing is asked: the new socket resubscribes by itself and its first message is the snapshot.
 *
 * <p>Guarded by the manager's monitor: its requests arrive holding it, and every entry point takes it.
 *
 * @param <C> how the venue's client names a channel
 */
public class ResubscribingBookFeed<C> implements SnapshotRequester {

    public static final Duration RETRY = Duration.ofSeconds(1);

    private final C channel;
    private final Function<C, ? extends CompletableFuture<? extends Result<?>>> resubscribe;
    private final ScheduledExecutorService timer;
    private FullBookManager book;
    private boolean connected;
    private boolean wanted;
    private boolean resubscribing;
    private boolean stopped;
    private long resyncs;

    /**
     * @param channel     the stream of the book, as the venue's client names it
     * @param resubscribe subscribes the channel again (unsubscribing first where the venue needs it), so that the
     *                    venue sends a new snapshot
     * @param timer       retries a failed resubscription after {@link #RETRY}
     */
    public ResubscribingBookFeed(C channel, Function<C, ? extends CompletableFuture<? extends Result<?>>> resubscribe,
                                 ScheduledExecutorService timer) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.resubscribe = Objects.requireNonNull(resubscribe, "resubscribe");
        this.timer = Objects.requireNonNull(timer, "timer");
    }

    /** The book this feed keeps; set once, before the channel is subscribed. */
    public void bind(FullBookManager manager) {
        this.book = Objects.requireNonNull(manager, "manager");
    }

    public FullBookManager book() {
        return book;
    }

    public C channel() {
        return channel;
    }

    /** The channel is being subscribed: the book starts, awaiting the stream's snapshot (nothing is asked). */
    public void start(boolean isConnected) {
        synchronized (book) {
            connected = false;
            book.start();
            connected = isConnected;
        }
    }

    /** One message of the stream, read straight into the book's terms: a snapshot replaces the book. */
    public void onMessage(BookMessage message, Instant received) {
        synchronized (book) {
            if (stopped) {
                return;
            }
            if (message instanceof BookSnapshot snapshot) {
                wanted = false;
                book.onStreamSnapshot(snapshot, received);
            } else {
                book.onDiff((BookDiff) message, received);
            }
        }
    }

    public void onConnected() {
        synchronized (book) {
            connected = true;
        }
    }

    /** The socket is gone: the book is invalid until the new socket's snapshot. */
    public void onDisconnected() {
        synchronized (book) {
            connected = false;
            book.reset();
        }
    }

    /** Frames were lost: the book cannot be trusted; resubscribe for a new snapshot. */
    public void onGap() {
        synchronized (book) {
            book.reset();
        }
    }

    public void stop() {
        synchronized (book) {
            stopped = true;
            book.stop();
        }
    }

    /** Resubscriptions asked for after a gap. */
    public long resyncs() {
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
}
