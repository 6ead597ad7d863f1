package io.exchangebus.connectors.core.http;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.events.ErrorKind;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP transport of one exchange (one endpoint family), on Apache HttpClient 5 async. Each attempt of a call
 * passes, in this order:
 * <ol>
 *   <li>the {@link BanGate}: while the exchange has banned us (418) or asked us to back off (429), every call is
 *       answered RATE_LIMITED at once, no request sent;</li>
 *   <li>the circuit breaker (Resilience4j): open after repeated NETWORK/TIMEOUT/5xx failures, it answers at once
 *       with {@link LocalRefusal#CIRCUIT_OPEN}, then lets a few probes through (half-open);</li>
 *   <li>the weight budget (Resilience4j rate limiter, permits = weight): a call that does not fit waits for a later
 *       window, up to {@link HttpSettings.WeightBudget#maxWait()}, else it is refused with a hint;</li>
 *   <li>the gate again (a ban may have come while the call waited), then signing, then the request, under the
 *       connect, response and whole-attempt timeouts.</li>
 * </ol>
 * Idempotent calls are retried (Resilience4j retry, exponential backoff with jitter) on NETWORK, TIMEOUT and 5xx;
 * never on 4xx or a local refusal; a non-idempotent call (an order) is sent at most once. HttpClient's own retries
 * are disabled: by default it would resend on 429 and 503 behind our back.
 *
 * <p>Transports with the same timeouts send through one HttpClient of the process ({@link SharedHttpClients}): its
 * connection pool and its one I/O thread, whatever the number of accounts.
 *
 * <p>Threading: {@link #send(HttpCall)} never blocks. Its future completes on the I/O thread or the transport's
 * timer thread: do not block in dependent stages, use the {@code ...Async} variants for slow work. The future
 * never completes exceptionally for what the exchange or the network does; only for a bug (e.g. a signer that
 * throws).
 *
 * <p>Logging: calls are logged by method and path only, never with their query, headers or body, which may carry
 * an API key or a signature.
 */
public final class HttpTransport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);

    private final HttpSettings settings;
    private final String exchange;
    private final String base;
    private final HttpErrorClassifier classifier;
    private final UsedWeightReader usedWeight;
    private final RequestSigner signer;
    private final Clock clock;
    private final BanGate gate;
    private final WeightLimiter weights;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final ScheduledExecutorService timer;
    private final SharedHttpClients.Lease lease;
    private final Set<CompletableFuture<Result<HttpReply>>> pending = ConcurrentHashMap.newKeySet();
    private final Set<Future<SimpleHttpResponse>> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private HttpTransport(Builder b) {
        this.settings = b.settings;
        this.exchange = settings.exchange();
        String uri = settings.baseUri().toString();
        this.base = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
        this.classifier = b.classifier;
        this.usedWeight = b.usedWeight;
        this.signer = b.signer;
        this.clock = b.clock;
        this.gate = new BanGate(exchange, clock);
        this.weights = new WeightLimiter(exchange + "-weight", settings.weights());
        this.breaker = CircuitBreaker.of(exchange + "-http", FailurePolicy.breakerConfig(settings.breaker()));
        this.breaker.getEventPublisher().onStateTransition(e ->
                LOG.warn("{}: HTTP circuit {}", exchange, e.getStateTransition()));
        this.retry = Retry.of(exchange + "-http", FailurePolicy.retryConfig(settings.retry()));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "exbus-http-" + exchange + "-timer");
            t.setDaemon(true);
            return t;
        });
        this.lease = SharedHttpClients.process().lease(settings.timeouts());
    }

    public static Builder builder(HttpSettings settings) {
        return new Builder(settings);
    }

    /**
     * Sends a call, with the gate, breaker, weight budget and (for idempotent calls) retry described above.
     *
     * @return the answer if the exchange's classifier calls it a success, else the error; never null
     */
    public CompletableFuture<Result<HttpReply>> send(HttpCall call) {
        Objects.requireNonNull(call, "call");
        CompletableFuture<Result<HttpReply>> inner = !call.idempotent() || settings.retry().maxAttempts() == 1
                ? attempt(call)
                : Retry.decorateCompletionStage(retry, timer, () -> attempt(call)).get().toCompletableFuture();
        if (inner.isDone()) {
            return inner;
        }
        // Tracked so that close() can answer it: a call held by the budget or waiting to retry would otherwise
        // never complete once the timer is gone.
        CompletableFuture<Result<HttpReply>> out = new CompletableFuture<>();
        pending.add(out);
        relay(inner, out);
        out.whenComplete((r, e) -> pending.remove(out));
        return out;
    }

    /** The gate that stops all calls during a ban or a back-off. */
    public BanGate banGate() {
        return gate;
    }

    /** The circuit breaker's state (CLOSED, OPEN, HALF_OPEN, ...). */
    public CircuitBreaker.State circuitState() {
        return breaker.getState();
    }

    /** Weight left in the current window of our budget; negative when later windows are already reserved. */
    public int availableWeight() {
        return weights.available();
    }

    public HttpSettings settings() {
        return settings;
    }

    private CompletableFuture<Result<HttpReply>> attempt(HttpCall call) {
        Optional<ExchangeError> refused = closed ? Optional.of(LocalRefusal.closed(exchange)) : gate.refusal();
        if (refused.isEmpty() && call.weight() > weights.budget()) {
            refused = Optional.of(LocalRefusal.weightOverBudget(exchange, call.weight(), weights.budget()));
        }
        if (refused.isPresent()) {
            return done(refused.get());
        }
        if (!breaker.tryAcquirePermission()) {
            return done(LocalRefusal.circuitOpen(exchange, settings.breaker().openFor()));
        }
        WeightLimiter.Reservation reservation = weights.reserve(call.weight());
        if (!reservation.granted()) {
            breaker.releasePermission();
            LOG.debug("{}: {} refused by the weight budget for {}", exchange, call, reservation.refusedFor());
            return done(LocalRefusal.weightBudget(exchange, call.weight(), reservation.refusedFor()));
        }
        if (reservation.waitNanos() == 0) {
            return dispatch(call);
        }
        LOG.debug("{}: {} held back {} ms by the weight budget", exchange, call,
                TimeUnit.NANOSECONDS.toMillis(reservation.waitNanos()));
        CompletableFuture<Result<HttpReply>> out = new CompletableFuture<>();
        try {
            timer.schedule(() -> relay(dispatch(call), out), reservation.waitNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            breaker.releasePermission();
            return done(LocalRefusal.closed(exchange));
        }
        return out;
    }

    /** Sends one attempt now; the breaker permission is held and is released or recorded exactly once. */
    private CompletableFuture<Result<HttpReply>> dispatch(HttpCall call) {
        Optional<ExchangeError> stop = closed ? Optional.of(LocalRefusal.closed(exchange)) : gate.refusal();
        if (stop.isPresent()) {
            breaker.releasePermission();
            return done(stop.get());
        }
        SimpleHttpRequest request;
        try {
            request = HttpWire.toRequest(base, call.signed() ? signer.sign(call) : call);
        } catch (RuntimeException bug) {
            breaker.releasePermission();
            return CompletableFuture.failedFuture(bug);
        }
        Attempt out = new Attempt(call);
        Future<SimpleHttpResponse> sent = lease.client().execute(request, new FutureCallback<>() {
            @Override
            public void completed(SimpleHttpResponse response) {
                finish(out, onReply(call, HttpWire.toReply(response)));
            }

            @Override
            public void failed(Exception e) {
                finish(out, Result.err(HttpWire.failure(exchange, call, e)));
            }

            @Override
            public void cancelled() {
                finish(out, Result.err(ExchangeError.network(exchange, call + " cancelled")));
            }
        });
        inFlight.add(sent);
        long deadlineMs = settings.timeouts().attempt().toMillis();
        ScheduledFuture<?> deadline = timer.schedule(() -> {
            ExchangeError late = ExchangeError.timeout(exchange, call + " got no complete answer within "
                    + deadlineMs + " ms");
            if (finish(out, Result.err(late))) {
                sent.cancel(true);
            }
        }, deadlineMs, TimeUnit.MILLISECONDS);
        out.whenComplete((r, e) -> {
            deadline.cancel(false);
            inFlight.remove(sent);
        });
        return out;
    }

    /**
     * Settles the attempt unless already settled (by the answer, a failure or the deadline, whichever is first);
     * only then records it in the breaker, before completing, so that a caller sees the breaker's new state.
     */
    private boolean finish(Attempt attempt, Result<HttpReply> result) {
        if (!attempt.settled.compareAndSet(false, true)) {
            return false;
        }
        long elapsed = System.nanoTime() - attempt.startNanos;
        if (result instanceof Result.Err<HttpReply> err && FailurePolicy.isExchangeFailure(err.error())) {
            breaker.onError(elapsed, TimeUnit.NANOSECONDS, new ExchangeFailure(err.error()));
        } else {
            breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{}: {} -> {} in {} ms", exchange, attempt.call, result instanceof Result.Ok<HttpReply> ok
                    ? ok.value() : result.error(), TimeUnit.NANOSECONDS.toMillis(elapsed));
        }
        attempt.complete(result);
        return true;
    }

    private Result<HttpReply> onReply(HttpCall call, HttpReply reply) {
        usedWeight.usedWeight(reply).ifPresent(weights::reconcile);
        Optional<ExchangeError> classified = classifier.classify(exchange, reply);
        if (classified.isEmpty()) {
            return Result.ok(reply);
        }
        ExchangeError error = classified.get();
        return Result.err(error.kind() == ErrorKind.RATE_LIMITED ? stopAllCalls(call, reply, error) : error);
    }

    /** Honours a rate-limit answer for the whole transport; returns the error with the pause as its hint. */
    private ExchangeError stopAllCalls(HttpCall call, HttpReply reply, ExchangeError error) {
        boolean ban = reply.status() == 418;
        Duration pause = error.retryAfterHint()
                .or(() -> RetryAfter.of(reply, clock.instant()))
                .orElse(ban ? settings.pauses().ban() : settings.pauses().throttle());
        BanGate.Closure closure = gate.close(pause, ban, reply.status());
        LOG.warn("{}: {} answered HTTP {} ({}); all calls stopped for {} ms, until {}", exchange, call,
                reply.status(), ban ? "banned" : "rate limited", pause.toMillis(), closure.until());
        return error.retryAfter() != null ? error : new ExchangeError(error.kind(), error.exchange(), error.code(),
                error.message(), error.httpStatus(), error.retryable(), pause);
    }

    private void relay(CompletableFuture<Result<HttpReply>> from, CompletableFuture<Result<HttpReply>> to) {
        from.whenComplete((r, e) -> {
            if (e != null) {
                to.completeExceptionally(e);
            } else {
                to.complete(r);
            }
        });
    }

    private static CompletableFuture<Result<HttpReply>> done(ExchangeError error) {
        return CompletableFuture.completedFuture(Result.err(error));
    }

    /**
     * Stops sending: calls not yet answered (in flight, held by the budget, waiting to retry) are answered
     * {@link LocalRefusal#CLOSED} at once, and so are later calls; its requests in flight are cancelled. The last
     * transport of a shared client waits at most 200 ms for its connections to close.
     */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        for (CompletableFuture<Result<HttpReply>> call : pending) {
            call.complete(Result.err(LocalRefusal.closed(exchange)));
        }
        // The client is shared with other transports (SharedHttpClients): only this one's requests stop.
        for (Future<SimpleHttpResponse> request : inFlight) {
            request.cancel(true);
        }
        lease.close();
    }

    /** One attempt in flight: its future, settled once. */
    private static final class Attempt extends CompletableFuture<Result<HttpReply>> {
        final HttpCall call;
        final long startNanos = System.nanoTime();
        final AtomicBoolean settled = new AtomicBoolean();

        Attempt(HttpCall call) {
            this.call = call;
        }
    }

    /** How an exchange failure is handed to the circuit breaker, which counts exceptions. */
    private static final class ExchangeFailure extends RuntimeException {
        ExchangeFailure(ExchangeError error) {
            super(error.kind() + " " + error.httpStatus(), null, false, false);
        }
    }

    /** Hooks an exchange supplies; each has a neutral default. */
    public static final class Builder {
        private final HttpSettings settings;
        private HttpErrorClassifier classifier = HttpErrorClassifier.byStatus();
        private UsedWeightReader usedWeight = UsedWeightReader.NONE;
        private RequestSigner signer = RequestSigner.NONE;
        private Clock clock = Clock.systemUTC();

        private Builder(HttpSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        public Builder classifier(HttpErrorClassifier value) {
            this.classifier = Objects.requireNonNull(value, "classifier");
            return this;
        }

        public Builder usedWeight(UsedWeightReader value) {
            this.usedWeight = Objects.requireNonNull(value, "usedWeight");
            return this;
        }

        public Builder signer(RequestSigner value) {
            this.signer = Objects.requireNonNull(value, "signer");
            return this;
        }

        /** The clock of ban and back-off deadlines (tests only; the weight windows use the JVM's nano time). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public HttpTransport build() {
            return new HttpTransport(this);
        }
    }
}
