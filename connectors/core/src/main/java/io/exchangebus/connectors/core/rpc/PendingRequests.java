package io.exchangebus.connectors.core.rpc;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Requests sent on a socket and not yet answered, by id: the correlation core of every request/response WebSocket
 * client (Binance's WebSocket API, JSON-RPC for Deribit and GRVT).
 *
 * <p>Each request ends exactly once, in one of four ways: its answer ({@link #complete}), a local failure such as
 * a send refused ({@link #fail}), its timeout (a retryable TIMEOUT error), or the loss of its socket
 * ({@link #failAll}, a NETWORK error). In every case the entry is removed <em>before</em> the caller's future is
 * completed, so a caller that sees its result never finds its id still pending; a future the caller cancels or
 * completes itself is removed too. The TIMEOUT and NETWORK errors say the outcome is unknown (the exchange may have
 * acted on the request) and name the method only: parameters may hold a key or a signature.
 *
 * <p>Threads: every method may be called from any thread. A future is completed on the thread that ended it: the
 * caller of {@link #complete}/{@link #fail}/{@link #failAll} (typically the connection's consumer thread), or for a
 * timeout the process's one {@code exbus-request-timeouts} thread. Stages chained without {@code Async} run there:
 * they must not block.
 *
 * @param <K> the id's type (equal ids must be equal keys: a JSON-RPC id is kept as a {@code Long})
 * @param <V> the value of a successful answer
 */
public final class PendingRequests<K, V> {

    /** The timeouts of every request of the process, on one daemon thread; a cancelled one is removed at once. */
    private static final ScheduledThreadPoolExecutor TIMEOUTS = timeouts();

    private final String exchange;
    private final Duration defaultTimeout;
    private final Map<K, Entry<V>> pending = new ConcurrentHashMap<>();

    /** One request waiting: its method (for messages) and the future its caller holds. */
    private record Entry<V>(String method, CompletableFuture<Result<V>> answer) {
    }

    /**
     * @param exchange the venue id, in errors
     * @param defaultTimeout how long a request may wait for its answer unless registered with its own
     */
    public PendingRequests(String exchange, Duration defaultTimeout) {
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        if (defaultTimeout.isNegative() || defaultTimeout.isZero()) {
            throw new IllegalArgumentException("defaultTimeout must be positive, was " + defaultTimeout);
        }
        this.defaultTimeout = defaultTimeout;
    }

    /** {@link #register(Object, String, Duration)} with the default timeout. */
    public CompletableFuture<Result<V>> register(K id, String method) {
        return register(id, method, defaultTimeout);
    }

    /**
     * Registers a request before it is sent (an answer may arrive before {@code send} returns) and starts its
     * timeout. Reusing an id still pending is a bug and throws.
     *
     * @return the future its answer, timeout or failure completes
     */
    public CompletableFuture<Result<V>> register(K id, String method, Duration timeout) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(method, "method");
        Entry<V> entry = new Entry<>(method, new CompletableFuture<>());
        if (pending.putIfAbsent(id, entry) != null) {
            throw new IllegalStateException(method + ": request id " + id + " is already pending");
        }
        long millis = timeout.toMillis();
        // Cancelled when the answer comes, so the timer drops the task (and the entry) at once. A plain scheduled
        // task: cancelling a CompletableFuture timer would make a CancellationException, and one for each of its
        // stages, with their stack traces, for every request answered.
        ScheduledFuture<?> timer = TIMEOUTS.schedule(() -> end(id, entry, Result.err(ExchangeError.timeout(exchange,
                method + ": no answer within " + millis + " ms; its outcome is unknown"))), millis,
                TimeUnit.MILLISECONDS);
        entry.answer().whenComplete((r, e) -> {
            pending.remove(id, entry);
            timer.cancel(false);
        });
        return entry.answer();
    }

    /**
     * Completes the request with this id with {@code result}.
     *
     * @return false if no request with this id is pending (already timed out, failed, or never ours)
     */
    public boolean complete(K id, Result<V> result) {
        Entry<V> entry = pending.get(id);
        return entry != null && end(id, entry, result);
    }

    /** Ends the request with this id with {@code error} (e.g. its send was refused); false if not pending. */
    public boolean fail(K id, ExchangeError error) {
        return complete(id, Result.err(error));
    }

    /**
     * Fails every pending request with a retryable NETWORK error naming its method and saying its outcome is
     * unknown: call it when the socket they were sent on is lost or closed.
     *
     * @return how many requests were failed
     */
    public int failAll() {
        return failAll("connection lost before the answer");
    }

    /**
     * As {@link #failAll()}, with {@code why} the answer may never come: e.g. the hand-off queue overflowed and
     * dropped frames, which may have been these answers.
     */
    public int failAll(String why) {
        int failed = 0;
        for (Map.Entry<K, Entry<V>> e : pending.entrySet()) {
            Entry<V> entry = e.getValue();
            if (end(e.getKey(), entry, Result.err(ExchangeError.network(exchange,
                    entry.method() + ": " + why + "; its outcome is unknown")))) {
                failed++;
            }
        }
        return failed;
    }

    /** The method of the request pending under this id, or null if none is. */
    public String methodOf(K id) {
        Entry<V> entry = pending.get(id);
        return entry == null ? null : entry.method();
    }

    /** How many requests are waiting. */
    public int size() {
        return pending.size();
    }

    /** Removes first, so only one of concurrent endings completes the future and none finds the id still pending. */
    private boolean end(K id, Entry<V> entry, Result<V> result) {
        return pending.remove(id, entry) && entry.answer().complete(result);
    }

    /** Timeouts scheduled and neither run nor cancelled, of every instance: for tests. */
    static int timeoutsWaiting() {
        return TIMEOUTS.getQueue().size();
    }

    private static ScheduledThreadPoolExecutor timeouts() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "exbus-request-timeouts");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
