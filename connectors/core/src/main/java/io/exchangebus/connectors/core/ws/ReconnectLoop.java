package io.exchangebus.connectors.core.ws;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.connection.ConnectionListener;
import io.exchangebus.connectors.core.connection.ConnectionState;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state machine that keeps a {@link WsConnection} up, one {@link AttemptSocket} at a time: the connect timeout,
 * the open hook and resubscription before CONNECTED, the {@link HeartbeatTimers} while connected, and after any
 * loss the next attempt after a {@link ReconnectBackoff} delay, until {@link #close()}. It reports each state to the
 * {@link ConnectionListener} (see {@link WsConnection} for the sequence).
 *
 * <p>Threads: all state is the timer thread's. Socket callbacks ({@link #opened}, {@link #lost}) may come from any
 * thread and are posted to it; those of a socket that is no longer current are ignored, so a late close or frame
 * of an old attempt never disturbs the current one. {@link #current()}, {@link #connected()}, {@link #state()} and
 * the counters may be read from any thread.
 */
final class ReconnectLoop {

    /** Under the connection's name, as before this class was split out of it, so log filters keep working. */
    private static final Logger LOG = LoggerFactory.getLogger(WsConnection.class);

    private final WsSettings settings;
    private final WsTimer timer;
    private final GuardedTimer tasks;
    private final IntFunction<AttemptSocket> sockets;
    private final WsOpenHook openHook;
    private final Subscriptions subscriptions;
    private final ConnectionListener listener;
    private final HeartbeatTimers heartbeats;
    private final ReconnectBackoff backoff;
    private final String endpoint;
    private final CompletableFuture<Result<Boolean>> firstConnect = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong reconnectAttempts = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    private volatile ConnectionState state;
    /** The socket of the current attempt; null between attempts. Written on the timer thread only. */
    private volatile AttemptSocket current;
    /** The current socket once it is CONNECTED (open hook done, subscriptions resent); else null. */
    private volatile AttemptSocket connected;
    private Future<?> connectTimer;
    private Future<?> pendingReconnect;
    private String lastFailure;
    private int attemptCount;

    /**
     * @param sockets makes the socket of attempt {@code n} (from 1) without connecting it
     * @param openHook run on each new socket before subscriptions are resent
     * @param subscriptions resent on each new socket; read on the timer thread
     * @param listener told of state changes on the timer thread
     */
    ReconnectLoop(WsSettings settings, WsTimer timer, IntFunction<AttemptSocket> sockets, WsOpenHook openHook,
                  Subscriptions subscriptions, ConnectionListener listener) {
        this.settings = settings;
        this.timer = timer;
        this.tasks = new GuardedTimer(timer, closed::get, settings.name());
        this.sockets = sockets;
        this.openHook = openHook;
        this.subscriptions = subscriptions;
        this.listener = listener;
        this.heartbeats = new HeartbeatTimers(settings, tasks);
        this.backoff = new ReconnectBackoff(settings.backoff(), settings.healthyPeriod(), new Random());
        this.endpoint = settings.uri().getHost() + ":" + settings.uri().getPort();
    }

    /** Reports CONNECTING and makes the first attempt, on the timer thread. Call once. */
    void start() {
        timer.execute(() -> {
            emit(ConnectionState.CONNECTING, null, 0);
            openSession();
        });
    }

    /** Completes with a value when first CONNECTED, with a network error if closed before; on the timer thread. */
    CompletableFuture<Result<Boolean>> firstConnect() {
        return firstConnect;
    }

    /**
     * Closes for good: from now on no task runs and no attempt is made; on the timer thread the pending attempt
     * and every timer are cancelled, the current socket starts a normal close, and CLOSED is reported. Returns
     * that work, whose value is the socket being closed (null if none), or null if already closed.
     */
    Future<AttemptSocket> close() {
        if (!closed.compareAndSet(false, true)) {
            return null;
        }
        return timer.submit(this::stop);
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Runs {@code task} on the timer thread soon, unless closed. Any thread. */
    void post(Runnable task) {
        tasks.post(task);
    }

    /** Any thread: the socket's handshake completed. */
    void opened(AttemptSocket s) {
        tasks.post(() -> {
            if (current != s) {
                return;
            }
            CompletionStage<? extends Result<?>> hook;
            try {
                hook = Objects.requireNonNull(openHook.onOpen(s), "open hook returned null");
            } catch (RuntimeException e) {
                hook = CompletableFuture.failedFuture(e);
            }
            hook.whenComplete((r, e) -> tasks.post(() -> hookDone(s, r, e)));
        });
    }

    /** Any thread: the socket closed, or must be dropped, for {@code reason}; the next attempt follows. */
    void lost(AttemptSocket s, String reason) {
        tasks.post(() -> {
            if (current == s) {
                lose(s, reason);
            }
        });
    }

    /** The socket of the current attempt, connected or not; null between attempts. */
    AttemptSocket current() {
        return current;
    }

    /** The current socket if CONNECTED, else null. */
    AttemptSocket connected() {
        return connected;
    }

    ConnectionState state() {
        return state;
    }

    /** Attempts after the first. */
    long reconnectAttempts() {
        return reconnectAttempts.get();
    }

    /** Times CONNECTED was reached. */
    long connects() {
        return connects.get();
    }

    // ---- timer thread ----

    private void openSession() {
        if (closed.get()) {
            return;
        }
        AttemptSocket s = sockets.apply(++attemptCount);
        current = s;
        connectTimer = tasks.schedule(() -> {
            if (current == s && connected != s) {
                lose(s, "no connection within connect timeout " + settings.connectTimeout().toMillis() + " ms");
            }
        }, settings.connectTimeout());
        try {
            s.connect();
        } catch (RuntimeException e) {
            // e.g. the header supplier failed: an attempt that failed, retried like any other
            lose(s, "attempt could not start: " + e.getClass().getSimpleName());
        }
    }

    private void hookDone(AttemptSocket s, Result<?> r, Throwable e) {
        if (current != s) {
            return;
        }
        if (e != null || r == null || !r.isOk()) {
            lose(s, "open hook failed: " + (e != null ? e.getClass().getSimpleName()
                    : r == null ? "no result" : r.error().toString()));
            return;
        }
        subscriptions.sendAll(s);
        connected = s;
        GuardedTimer.cancel(connectTimer);
        backoff.connected(timer.nanoTime());
        connects.incrementAndGet();
        heartbeats.start(s, reason -> {
            if (current == s) {
                lose(s, reason);
            }
        });
        emit(ConnectionState.CONNECTED, null, 0);
        LOG.info("ws {}: connected to {} with {} subscriptions", settings.name(), endpoint, subscriptions.size());
        firstConnect.complete(Result.ok(Boolean.TRUE));
    }

    /** Ends the current attempt or connection and schedules the next attempt. */
    private void lose(AttemptSocket s, String reason) {
        boolean wasConnected = connected == s;
        current = null;
        connected = null;
        cancelTimers();
        s.abort(reason);
        if (closed.get()) {
            return;
        }
        lastFailure = reason;
        if (wasConnected) {
            backoff.disconnected(timer.nanoTime());
        }
        if (wasConnected || state == ConnectionState.CONNECTING) {
            emit(ConnectionState.DISCONNECTED, reason, 0);
            LOG.info("ws {}: disconnected from {}: {}", settings.name(), endpoint, reason);
        } else {
            LOG.debug("ws {}: attempt failed: {}", settings.name(), reason);
        }
        Duration delay = backoff.nextDelay();
        int attempt = backoff.attempt();
        pendingReconnect = tasks.schedule(() -> {
            reconnectAttempts.incrementAndGet();
            emit(ConnectionState.RECONNECTING, "after " + delay.toMillis() + " ms backoff; last failure: "
                    + lastFailure, attempt);
            openSession();
        }, delay);
    }

    private AttemptSocket stop() {
        GuardedTimer.cancel(pendingReconnect);
        AttemptSocket s = current;
        current = null;
        connected = null;
        if (s != null) {
            cancelTimers();
            s.closeNormally();
        }
        emit(ConnectionState.CLOSED, "closed by owner", 0);
        firstConnect.complete(Result.err(ExchangeError.network(settings.name(), "closed before connected")));
        LOG.info("ws {}: closed ({})", settings.name(), endpoint);
        return s;
    }

    private void cancelTimers() {
        GuardedTimer.cancel(connectTimer);
        heartbeats.cancel();
    }

    private void emit(ConnectionState newState, String reason, int attempt) {
        state = newState;
        try {
            listener.onConnectionEvent(new ConnectionEvent(settings.name(), newState, reason, attempt, Instant.now()));
        } catch (RuntimeException e) {
            LOG.warn("ws {}: connection listener threw on {}", settings.name(), newState, e);
        }
    }
}
