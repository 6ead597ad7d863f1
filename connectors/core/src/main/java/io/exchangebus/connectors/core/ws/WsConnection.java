package io.exchangebus.connectors.core.ws;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.connection.ConnectionListener;
import io.exchangebus.connectors.core.connection.ConnectionState;
import io.exchangebus.connectors.core.connection.FramesDropped;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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
 * <p>Logging: host and port only (a path may hold a listen key), subscription keys at DEBUG, never frame or
 * subscription texts, never headers.
 */
public final class WsConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WsConnection.class);
    private static final long CLOSE_WAIT_MILLIS = 2_000;

    private final WsSettings settings;
    private final ConnectionListener listener;
    private final WsOpenHook openHook;
    private final FrameHandOff handOff;
    /** The handler reads text frames as bytes ({@link WsHandler#readsTextAsBytes()}), asked once. */
    private final boolean textAsBytes;
    private final ScheduledThreadPoolExecutor timer;
    private final ReconnectBackoff backoff;
    private final String endpoint;
    /** Key to subscription text supplier, in subscription order. Timer thread only. */
    private final Map<String, Supplier<String>> subscriptions = new LinkedHashMap<>();
    private final CompletableFuture<Result<Boolean>> firstConnect = new CompletableFuture<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong framesReceived = new AtomicLong();
    private final AtomicLong reconnectAttempts = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    /** Dropped frames told to the listener so far. */
    private final AtomicLong droppedReported = new AtomicLong();
    /** Wall-clock millis of the last data frame, 0 before any; a long so the reader allocates nothing per frame. */
    private volatile long lastFrameAtMillis;
    private volatile ConnectionState state;
    /** The socket of the current attempt; null between attempts. Written on the timer thread only. */
    private volatile WsSession current;
    private volatile Thread timerThread;
    private ScheduledFuture<?> pendingReconnect;
    private String lastFailure;
    private int sessionCount;

    /**
     * @param settings how to connect
     * @param handler receives frames on the consumer thread
     * @param listener told of state changes and of dropped frames on the timer thread; must not block
     * @param openHook run on each new socket before subscriptions are resent; {@link WsOpenHook#NONE} for none
     */
    public WsConnection(WsSettings settings, WsHandler handler, ConnectionListener listener, WsOpenHook openHook) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.openHook = Objects.requireNonNull(openHook, "openHook");
        this.handOff = new FrameHandOff(settings.name(), Objects.requireNonNull(handler, "handler"),
                settings.handOffCapacity(), this::dropsReported);
        this.textAsBytes = handler.readsTextAsBytes();
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "ws-" + settings.name() + "-timer");
            t.setDaemon(true);
            timerThread = t;
            return t;
        });
        this.timer.setRemoveOnCancelPolicy(true);
        this.timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.backoff = new ReconnectBackoff(settings.backoff(), settings.healthyPeriod(), new Random());
        this.endpoint = settings.uri().getHost() + ":" + settings.uri().getPort();
    }

    /**
     * Starts connecting and returns at once. The future completes with a value when the connection is first
     * CONNECTED, or with a network error if it is closed before that; failed attempts meanwhile are retried. It is
     * completed on the timer thread: stages chained without {@code Async} run there and must not block.
     */
    public CompletableFuture<Result<Boolean>> start() {
        if (closed.get()) {
            throw new IllegalStateException("ws " + settings.name() + " is closed");
        }
        if (started.compareAndSet(false, true)) {
            handOff.start();
            timer.execute(() -> {
                emit(ConnectionState.CONNECTING, null, 0);
                openSession();
            });
        }
        return firstConnect;
    }

    /**
     * Remembers a subscription under {@code key} (replacing any with that key) and sends it now if CONNECTED; it is
     * resent on every new socket. The supplier is asked each time, so a message may carry a fresh request id.
     */
    public void subscribe(String key, Supplier<String> message) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        onTimer(() -> {
            subscriptions.put(key, message);
            WsSession s = current;
            if (s != null && s.ready) {
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
        onTimer(() -> {
            Supplier<String> removed = subscriptions.remove(key);
            WsSession s = current;
            if (removed != null && unsubscribeMessage != null && s != null && s.ready) {
                s.send(unsubscribeMessage);
            }
        });
    }

    /**
     * Sends a text frame (a request) if CONNECTED; a retryable network error otherwise. Any thread; never blocks.
     * Not remembered: a request lost with its socket is the caller's to retry.
     */
    public Result<Boolean> send(String text) {
        WsSession s = current;
        if (s == null || !s.ready) {
            return Result.err(ExchangeError.network(settings.name(), "not connected (" + state + ")"));
        }
        return s.send(text);
    }

    public ConnectionState state() {
        return state;
    }

    public WsStats stats() {
        return new WsStats(framesReceived.get(), handOff.delivered(), handOff.dropped(), reconnectAttempts.get(),
                connects.get(), lastFrameAtMillis == 0 ? null : Instant.ofEpochMilli(lastFrameAtMillis));
    }

    /**
     * Closes for good: cancels timers, closes the socket with a normal close (1000), waiting up to 2 s for the
     * server's answer before cutting it, reports CLOSED, stops the timer and consumer threads (frames still queued
     * are discarded) and never reconnects. Idempotent. Called from the listener or handler it does not wait.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Future<WsSession> stopping = timer.submit(this::stopOnTimer);
        boolean onOwnThread = Thread.currentThread() == timerThread;
        if (!onOwnThread) {
            awaitSocketClosed(stopping);
        }
        timer.shutdown();
        handOff.stop(onOwnThread ? 0 : CLOSE_WAIT_MILLIS);
        if (!onOwnThread) {
            try {
                timer.awaitTermination(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private WsSession stopOnTimer() {
        cancel(pendingReconnect);
        WsSession s = current;
        current = null;
        if (s != null) {
            s.cancelTimers();
            s.closeNormally();
        }
        emit(ConnectionState.CLOSED, "closed by owner", 0);
        firstConnect.complete(Result.err(ExchangeError.network(settings.name(), "closed before connected")));
        LOG.info("ws {}: closed ({})", settings.name(), endpoint);
        return s;
    }

    private void awaitSocketClosed(Future<WsSession> stopping) {
        try {
            WsSession s = stopping.get(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            if (s != null && !s.socketClosed.await(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                s.abort("close handshake not answered in " + CLOSE_WAIT_MILLIS + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("ws {}: close did not complete cleanly", settings.name(), e);
        }
    }

    // ---- timer thread: attempts and their outcome ----

    private void openSession() {
        if (closed.get()) {
            return;
        }
        WsSession s = new WsSession(this, settings.uri(), ++sessionCount, textAsBytes);
        current = s;
        s.connectTimer = schedule(() -> {
            if (current == s && !s.ready) {
                lose(s, "no connection within connect timeout " + settings.connectTimeout().toMillis() + " ms");
            }
        }, settings.connectTimeout());
        try {
            s.connect(settings.handshakeHeaders().get(), (int) settings.connectTimeout().toMillis());
        } catch (RuntimeException e) {
            // e.g. the header supplier failed: an attempt that failed, retried like any other
            lose(s, "attempt could not start: " + e.getClass().getSimpleName());
        }
    }

    /** Reader thread: the handshake completed. */
    void socketOpened(WsSession s) {
        onTimer(() -> {
            if (current != s) {
                return;
            }
            CompletionStage<? extends Result<?>> hook;
            try {
                hook = Objects.requireNonNull(openHook.onOpen(s), "open hook returned null");
            } catch (RuntimeException e) {
                hook = CompletableFuture.failedFuture(e);
            }
            hook.whenComplete((r, e) -> onTimer(() -> hookDone(s, r, e)));
        });
    }

    private void hookDone(WsSession s, Result<?> r, Throwable e) {
        if (current != s) {
            return;
        }
        if (e != null || r == null || !r.isOk()) {
            lose(s, "open hook failed: " + (e != null ? e.getClass().getSimpleName()
                    : r == null ? "no result" : r.error().toString()));
            return;
        }
        for (Supplier<String> message : subscriptions.values()) {
            s.send(message.get());
        }
        s.ready = true;
        cancel(s.connectTimer);
        backoff.connected(System.nanoTime());
        connects.incrementAndGet();
        startHealthTimers(s);
        emit(ConnectionState.CONNECTED, null, 0);
        LOG.info("ws {}: connected to {} with {} subscriptions", settings.name(), endpoint, subscriptions.size());
        firstConnect.complete(Result.ok(Boolean.TRUE));
    }

    private void startHealthTimers(WsSession s) {
        if (!settings.pingInterval().isZero()) {
            s.pingTimer = scheduleAtFixedRate(s::ping, settings.pingInterval());
        }
        if (settings.appHeartbeat() != null) {
            s.heartbeatTimer = scheduleAtFixedRate(() -> s.send(settings.appHeartbeat().get()),
                    settings.appHeartbeatInterval());
        }
        s.watchdogTimer = scheduleAtFixedRate(() -> checkSilence(s), settings.watchdogTick());
    }

    private void checkSilence(WsSession s) {
        long silentNanos = System.nanoTime() - s.lastActivityNanos;
        if (current == s && silentNanos > settings.silenceTimeout().toNanos()) {
            lose(s, "silent for " + TimeUnit.NANOSECONDS.toMillis(silentNanos) + " ms (watchdog limit "
                    + settings.silenceTimeout().toMillis() + " ms)");
        }
    }

    /** Reader thread: the socket closed, from either side, or never opened. */
    void socketClosed(WsSession s, int code, String reason, boolean remote) {
        onTimer(() -> {
            if (current == s) {
                lose(s, (remote ? "closed by server" : "closed") + ": code " + code
                        + (reason == null || reason.isEmpty() ? "" : " " + reason));
            }
        });
    }

    /** Reader thread: the queue overflowed under {@link OverflowPolicy#DISCONNECT}. */
    void overflowed(WsSession s) {
        onTimer(() -> {
            if (current == s) {
                lose(s, "handler too slow: hand-off queue of " + settings.handOffCapacity() + " frames full");
            }
        });
    }

    /** Ends the current attempt or connection and schedules the next attempt. Timer thread. */
    private void lose(WsSession s, String reason) {
        current = null;
        s.cancelTimers();
        s.abort(reason);
        if (closed.get()) {
            return;
        }
        lastFailure = reason;
        if (s.ready) {
            backoff.disconnected(System.nanoTime());
        }
        if (s.ready || state == ConnectionState.CONNECTING) {
            emit(ConnectionState.DISCONNECTED, reason, 0);
            LOG.info("ws {}: disconnected from {}: {}", settings.name(), endpoint, reason);
        } else {
            LOG.debug("ws {}: attempt failed: {}", settings.name(), reason);
        }
        Duration delay = backoff.nextDelay();
        int attempt = backoff.attempt();
        pendingReconnect = schedule(() -> {
            reconnectAttempts.incrementAndGet();
            emit(ConnectionState.RECONNECTING, "after " + delay.toMillis() + " ms backoff; last failure: "
                    + lastFailure, attempt);
            openSession();
        }, delay);
    }

    // ---- reader thread: frames ----

    void frameRead(WsSession s, Object frame) {
        if (current != s) {
            return;
        }
        framesReceived.incrementAndGet();
        lastFrameAtMillis = System.currentTimeMillis();
        if (!handOff.offer(frame) && settings.overflowPolicy() == OverflowPolicy.DISCONNECT) {
            overflowed(s);
        }
    }

    String name() {
        return settings.name();
    }

    /** Consumer thread: the handler is about to be told of {@code dropped} frames; the listener is told too. */
    private void dropsReported(long dropped) {
        long total = droppedReported.addAndGet(dropped);
        Instant at = Instant.now();
        onTimer(() -> {
            try {
                listener.onFramesDropped(new FramesDropped(settings.name(), dropped, total, at));
            } catch (RuntimeException e) {
                LOG.warn("ws {}: connection listener threw on dropped frames", settings.name(), e);
            }
        });
    }

    // ---- helpers ----

    private void emit(ConnectionState newState, String reason, int attempt) {
        state = newState;
        try {
            listener.onConnectionEvent(new ConnectionEvent(settings.name(), newState, reason, attempt, Instant.now()));
        } catch (RuntimeException e) {
            LOG.warn("ws {}: connection listener threw on {}", settings.name(), newState, e);
        }
    }

    private void onTimer(Runnable task) {
        if (closed.get()) {
            return;
        }
        try {
            timer.execute(guard(task));
        } catch (RejectedExecutionException e) {
            // closed meanwhile: nothing left to do
        }
    }

    private ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return timer.schedule(guard(task), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration period) {
        return timer.scheduleAtFixedRate(guard(task), period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Skips the task once closed, and logs instead of letting an exception escape: a periodic task that throws is
     * silently cancelled by the executor, a one-off one kills the timer thread.
     */
    private Runnable guard(Runnable task) {
        return () -> {
            if (closed.get()) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("ws {}: timer task failed", settings.name(), e);
            }
        };
    }

    static void cancel(Future<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }
}
