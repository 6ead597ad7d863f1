package io.exchangebus.connectors.core.ws;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionListener;
import io.exchangebus.connectors.core.connection.ConnectionState;
import io.exchangebus.connectors.core.connection.FramesDropped;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WebSocket connection that stays connected: it reconnects with {@link BackoffPolicy backoff} after any loss,
 * drops and reconnects a stream gone silent, runs the open hook (login) and resends every subscription on each new
 * socket before reporting CONNECTED, and hands frames to a {@link WsHandler} without ever blocking the socket.
 *
 * <p>Threads: a fresh Java-WebSocket client per attempt (its reader {@code ws-<name>-read-<n>} and writer); one
 * timer thread {@code ws-<name>-timer} that owns all state (attempts, timers, subscriptions) and calls the
 * {@link ConnectionListener}; one consumer thread {@code ws-<name>-consumer} that calls the handler. The reader only
 * stamps activity, counts, and offers to the bounded queue ({@link OverflowPolicy}); everything else it posts to the
 * timer thread. Callbacks from a socket that has been replaced are ignored, so a late close or frame of an old
 * attempt never disturbs the current one.
 *
 * <p>States reported: CONNECTING (first attempt), CONNECTED, DISCONNECTED with the reason (a connected socket lost,
 * or the first attempt failed), RECONNECTING at the start of each later attempt (its number, the backoff waited and
 * the last failure), CLOSED after {@link #close()}. Frames still queued from a lost socket may reach the handler
 * after DISCONNECTED is reported; a book layer treats DISCONNECTED as a gap.
 *
 * <p>Parts: the {@link ReconnectLoop} is the state machine (attempts, timeouts, heartbeats, backoff, close) over
 * one {@link WsSession} per attempt; this class is the public face, the subscription registry and the frame path
 * from the socket to the {@link FrameHandOff}.
 *
 * <p>Logging: host and port only (a path may hold a listen key), subscription keys at DEBUG, never frame or
 * subscription texts, never headers.
 */
public final class WsConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WsConnection.class);
    private static final long CLOSE_WAIT_MILLIS = 2_000;

    private final WsSettings settings;
    private final ConnectionListener listener;
    private final FrameHandOff handOff;
    /** The handler reads text frames as bytes ({@link WsHandler#readsTextAsBytes()}), asked once. */
    private final boolean textAsBytes;
    private final TimerThread timer;
    /** Timer thread only. */
    private final Subscriptions subscriptions = new Subscriptions();
    private final ReconnectLoop loop;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicLong framesReceived = new AtomicLong();
    /** Dropped frames told to the listener so far. */
    private final AtomicLong droppedReported = new AtomicLong();
    /** Wall-clock millis of the last data frame, 0 before any; a long so the reader allocates nothing per frame. */
    private volatile long lastFrameAtMillis;

    /**
     * @param settings how to connect
     * @param handler receives frames on the consumer thread
     * @param listener told of state changes and of dropped frames on the timer thread; must not block
     * @param openHook run on each new socket before subscriptions are resent; {@link WsOpenHook#NONE} for none
     */
    public WsConnection(WsSettings settings, WsHandler handler, ConnectionListener listener, WsOpenHook openHook) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(openHook, "openHook");
        this.handOff = new FrameHandOff(settings.name(), Objects.requireNonNull(handler, "handler"),
                settings.handOffCapacity(), this::dropsReported);
        this.textAsBytes = handler.readsTextAsBytes();
        this.timer = new TimerThread(settings.name());
        ReaderEvents events = new ReaderEvents();
        this.loop = new ReconnectLoop(settings, timer, n -> new WsSession(events, settings, n, textAsBytes),
                openHook, subscriptions, listener);
    }

    /**
     * Starts connecting and returns at once. The future completes with a value when the connection is first
     * CONNECTED, or with a network error if it is closed before that; failed attempts meanwhile are retried. It is
     * completed on the timer thread: stages chained without {@code Async} run there and must not block.
     */
    public CompletableFuture<Result<Boolean>> start() {
        if (loop.isClosed()) {
            throw new IllegalStateException("ws " + settings.name() + " is closed");
        }
        if (started.compareAndSet(false, true)) {
            handOff.start();
            loop.start();
        }
        return loop.firstConnect();
    }

    /**
     * Remembers a subscription under {@code key} (replacing any with that key) and sends it now if CONNECTED; it is
     * resent on every new socket. The supplier is asked each time, so a message may carry a fresh request id.
     */
    public void subscribe(String key, Supplier<String> message) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        loop.post(() -> {
            subscriptions.put(key, message);
            WsSender s = loop.connected();
            if (s != null) {
                s.send(message.get());
            }
            LOG.debug("ws {}: subscribed {}", settings.name(), key);
        });
    }

    /** {@link #subscribe(String, Supplier)} with a fixed text. */
    public void subscribe(String key, String message) {
        Objects.requireNonNull(message, "message");
        subscribe(key, () -> message);
    }

    /**
     * Forgets the subscription under {@code key}; if it existed and the connection is CONNECTED, sends
     * {@code unsubscribeMessage} (null: send nothing, e.g. when the server has no unsubscribe).
     */
    public void unsubscribe(String key, String unsubscribeMessage) {
        Objects.requireNonNull(key, "key");
        loop.post(() -> {
            boolean removed = subscriptions.remove(key);
            WsSender s = loop.connected();
            if (removed && unsubscribeMessage != null && s != null) {
                s.send(unsubscribeMessage);
            }
        });
    }

    /**
     * Sends a text frame (a request) if CONNECTED; a retryable network error otherwise. Any thread; never blocks.
     * Not remembered: a request lost with its socket is the caller's to retry.
     */
    public Result<Boolean> send(String text) {
        WsSender s = loop.connected();
        if (s == null) {
            return Result.err(ExchangeError.network(settings.name(), "not connected (" + loop.state() + ")"));
        }
        return s.send(text);
    }

    public ConnectionState state() {
        return loop.state();
    }

    public WsStats stats() {
        return new WsStats(framesReceived.get(), handOff.delivered(), handOff.dropped(), loop.reconnectAttempts(),
                loop.connects(), lastFrameAtMillis == 0 ? null : Instant.ofEpochMilli(lastFrameAtMillis));
    }

    /**
     * Closes for good: cancels timers, closes the socket with a normal close (1000), waiting up to 2 s for the
     * server's answer before cutting it, reports CLOSED, stops the timer and consumer threads (frames still queued
     * are discarded) and never reconnects. Idempotent. Called from the listener or handler it does not wait.
     */
    @Override
    public void close() {
        Future<AttemptSocket> stopping = loop.close();
        if (stopping == null) {
            return;
        }
        boolean onOwnThread = timer.isCurrentThread();
        if (!onOwnThread) {
            awaitSocketClosed(stopping);
        }
        timer.shutdown();
        handOff.stop(onOwnThread ? 0 : CLOSE_WAIT_MILLIS);
        if (!onOwnThread) {
            try {
                timer.awaitTermination(CLOSE_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void awaitSocketClosed(Future<AttemptSocket> stopping) {
        try {
            AttemptSocket s = stopping.get(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            if (s != null && !s.awaitClosed(CLOSE_WAIT_MILLIS)) {
                s.abort("close handshake not answered in " + CLOSE_WAIT_MILLIS + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("ws {}: close did not complete cleanly", settings.name(), e);
        }
    }

    /** Consumer thread: the handler is about to be told of {@code dropped} frames; the listener is told too. */
    private void dropsReported(long dropped) {
        long total = droppedReported.addAndGet(dropped);
        Instant at = Instant.now();
        loop.post(() -> {
            try {
                listener.onFramesDropped(new FramesDropped(settings.name(), dropped, total, at));
            } catch (RuntimeException e) {
                LOG.warn("ws {}: connection listener threw on dropped frames", settings.name(), e);
            }
        });
    }

    /** What the reader thread of each attempt's socket reports: state to the loop, frames to the hand-off. */
    private final class ReaderEvents implements WsSession.SocketEvents {

        @Override
        public void opened(WsSession s) {
            loop.opened(s);
        }

        @Override
        public void frameRead(WsSession s, Object frame) {
            if (loop.current() != s) {
                return;
            }
            framesReceived.incrementAndGet();
            lastFrameAtMillis = System.currentTimeMillis();
            if (!handOff.offer(frame) && settings.overflowPolicy() == OverflowPolicy.DISCONNECT) {
                loop.lost(s, "handler too slow: hand-off queue of " + settings.handOffCapacity() + " frames full");
            }
        }

        @Override
        public void closed(WsSession s, int code, String reason, boolean remote) {
            loop.lost(s, (remote ? "closed by server" : "closed") + ": code " + code
                    + (reason == null || reason.isEmpty() ? "" : " " + reason));
        }
    }
}
