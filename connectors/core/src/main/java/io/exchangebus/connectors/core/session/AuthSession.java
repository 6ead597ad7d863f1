package io.exchangebus.connectors.core.session;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.events.ErrorKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * An authenticated session with a venue: holds one {@link Grant}, obtained by the connector's {@code login} and
 * renewed by its {@code refresh} (or by logging in again), ahead of expiry.
 *
 * <ul>
 * <li><b>Ahead of expiry</b>: a grant obtained at {@code t0} expiring at {@code t1} is renewed at
 *     {@code t0 + fraction * (t1 - t0)} (default 80 %, NautilusTrader's rule for Deribit), timed by the
 *     {@link Scheduler}, and also on the first use after that moment. The lifetime is always the venue's
 *     ({@code expires_in}, the cookie's {@code expires}), never a constant. Between the renewal moment and expiry
 *     the current grant is still handed out while the renewal runs.</li>
 * <li><b>Single flight</b>: at most one login or refresh runs; every caller that needs a grant meanwhile waits for
 *     that one.</li>
 * <li><b>Refresh, then login</b>: renewal uses {@code refresh} when the connector gave one and a grant is held;
 *     when it fails (an error or an exception) the session logs in.</li>
 * <li><b>Auth error</b>: {@link #call} retries a call that got an auth error once, with a renewed grant (unless
 *     another caller already renewed since); the second answer is returned as it is.</li>
 * <li><b>Invalidate</b> after a reconnect (a Deribit {@code connection}-scope token dies with its socket): the next
 *     use logs in; a renewal still in flight is not installed.</li>
 * </ul>
 *
 * <p>Secrets: the session never logs and never puts a credential in an error or in {@link #toString}; an exception
 * from {@code login}/{@code refresh} becomes an error naming only its class, since its message may quote a request.
 *
 * <p>Thread-safe. Time comes only from the injected {@link Clock} and {@link Scheduler}.
 *
 * @param <C> the connector's credential type
 */
public final class AuthSession<C> implements AutoCloseable {
    /** NautilusTrader renews Deribit tokens at 80 % of {@code expires_in} (venues/deribit.md §3). */
    public static final double DEFAULT_RENEW_AT = 0.8;

    private final String exchange;
    private final Supplier<CompletableFuture<Result<Grant<C>>>> login;
    private final Function<C, CompletableFuture<Result<Grant<C>>>> refresh;
    private final Clock clock;
    private final Scheduler scheduler;
    private final double renewAt;
    private final Predicate<ExchangeError> isAuthError;

    // Guarded by this.
    private Grant<C> current;
    private Instant renewMoment;
    private CompletableFuture<Result<Grant<C>>> inFlight;
    private long generation;
    private Scheduler.Cancellable timer;
    private boolean closed;

    private AuthSession(Builder<C> b) {
        this.exchange = b.exchange;
        this.login = b.login;
        this.refresh = b.refresh;
        this.clock = b.clock;
        this.scheduler = b.scheduler;
        this.renewAt = b.renewAt;
        this.isAuthError = b.isAuthError;
    }

    /**
     * A session builder.
     *
     * @param exchange the venue id, for errors
     * @param login    obtains a new grant (Deribit {@code public/auth} with client credentials; GRVT API-key login)
     */
    public static <C> Builder<C> builder(String exchange, Supplier<CompletableFuture<Result<Grant<C>>>> login) {
        return new Builder<>(exchange, login);
    }

    /** A credential valid now: the current one, or the result of the login or renewal this call waits for. */
    public CompletableFuture<Result<C>> credential() {
        return grant().thenApply(r -> r.map(Grant::credential));
    }

    /**
     * Makes {@code call} with a valid credential; on an auth error renews once and makes it once more, returning that
     * second answer as it is. An error obtaining a credential is returned instead of calling.
     */
    public <T> CompletableFuture<Result<T>> call(Function<? super C, CompletableFuture<Result<T>>> call) {
        return grant().thenCompose(g -> {
            if (!g.isOk()) {
                return CompletableFuture.completedFuture(Result.<T>err(g.error()));
            }
            Grant<C> used = g.value();
            return call.apply(used.credential()).thenCompose(first -> isAuthError(first)
                    ? retryOnce(call, used)
                    : CompletableFuture.completedFuture(first));
        });
    }

    /** Forgets the credential (after a reconnect): the next use logs in; a renewal in flight is not installed. */
    public void invalidate() {
        synchronized (this) {
            current = null;
            renewMoment = null;
            inFlight = null;
            generation++;
            cancelTimer();
        }
    }

    /** Stops renewing ahead of time; calls still work (they log in when they must). */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            cancelTimer();
        }
    }

    @Override
    public synchronized String toString() {
        String state = inFlight != null ? "renewing" : current == null ? "none" : "valid";
        return "AuthSession[exchange=" + exchange + ", state=" + state
                + (current == null ? "" : ", expiresAt=" + current.expiresAt() + ", renewAt=" + renewMoment) + "]";
    }

    // ---- grants ----

    private CompletableFuture<Result<Grant<C>>> grant() {
        Grant<C> held;
        boolean renewAhead;
        synchronized (this) {
            Instant now = clock.instant();
            held = current;
            if (held != null && now.isBefore(renewMoment)) {
                return CompletableFuture.completedFuture(Result.ok(held));
            }
            renewAhead = held != null && now.isBefore(held.expiresAt());
        }
        if (renewAhead) {
            renew(held, false);
            return CompletableFuture.completedFuture(Result.ok(held));
        }
        return renew(held, false);
    }

    private <T> CompletableFuture<Result<T>> retryOnce(Function<? super C, CompletableFuture<Result<T>>> call,
                                                       Grant<C> rejected) {
        return renew(rejected, true).thenCompose(g -> g.isOk()
                ? call.apply(g.value().credential())
                : CompletableFuture.completedFuture(Result.<T>err(g.error())));
    }

    /**
     * The one renewal in flight, started if none is. {@code rejected}: the venue refused that grant, so it is dropped
     * (callers wait for the new one) unless another caller already replaced it.
     */
    private CompletableFuture<Result<Grant<C>>> renew(Grant<C> base, boolean rejected) {
        CompletableFuture<Result<Grant<C>>> flight;
        long flightGeneration;
        synchronized (this) {
            if (inFlight != null) {
                return inFlight;
            }
            if (rejected && current != null && current != base) {
                return CompletableFuture.completedFuture(Result.ok(current));
            }
            if (rejected) {
                current = null;
            }
            flight = new CompletableFuture<>();
            inFlight = flight;
            flightGeneration = generation;
        }
        // Outside the lock: login may answer synchronously, and install takes the lock.
        obtain(base).whenComplete((r, e) -> install(flight, flightGeneration, e == null ? r : failure("renewal", e)));
        return flight;
    }

    /** Refresh when possible, falling back to login; an exception becomes an error. */
    private CompletableFuture<Result<Grant<C>>> obtain(Grant<C> base) {
        if (refresh == null || base == null) {
            return attempt("login", login::get);
        }
        return attempt("refresh", () -> refresh.apply(base.credential()))
                .thenCompose(r -> r.isOk() ? CompletableFuture.completedFuture(r) : attempt("login", login::get));
    }

    private CompletableFuture<Result<Grant<C>>> attempt(String what,
                                                        Supplier<CompletableFuture<Result<Grant<C>>>> step) {
        try {
            return step.get().handle((r, e) -> e == null ? Objects.requireNonNull(r, what) : failure(what, e));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failure(what, e));
        }
    }

    private void install(CompletableFuture<Result<Grant<C>>> flight, long flightGeneration, Result<Grant<C>> r) {
        synchronized (this) {
            if (inFlight == flight) {
                inFlight = null;
            }
            if (r.isOk() && flightGeneration == generation) {
                current = r.value();
                Instant now = clock.instant();
                renewMoment = renewMoment(now, current.expiresAt());
                scheduleRenewal(current, Duration.between(now, renewMoment));
            }
        }
        flight.complete(r);
    }

    private Instant renewMoment(Instant obtained, Instant expires) {
        Duration lifetime = Duration.between(obtained, expires);
        if (lifetime.isNegative() || lifetime.isZero()) {
            return obtained;
        }
        return obtained.plusNanos((long) (lifetime.toNanos() * renewAt));
    }

    private void scheduleRenewal(Grant<C> grant, Duration delay) {
        cancelTimer();
        if (closed) {
            return;
        }
        timer = scheduler.schedule(delay, () -> {
            synchronized (this) {
                if (current != grant) {
                    return;
                }
            }
            renew(grant, false);
        });
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private boolean isAuthError(Result<?> r) {
        return !r.isOk() && isAuthError.test(r.error());
    }

    /** The exception's class only: its message may quote a request that carries the secret. */
    private Result<Grant<C>> failure(String what, Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                ? e.getCause() : e;
        return Result.err(ExchangeError.network(exchange, what + " failed: " + cause.getClass().getName()));
    }

    /** Settings of a session, each with its default. */
    public static final class Builder<C> {
        private final String exchange;
        private final Supplier<CompletableFuture<Result<Grant<C>>>> login;
        private Function<C, CompletableFuture<Result<Grant<C>>>> refresh;
        private Clock clock = Clock.systemUTC();
        private Scheduler scheduler;
        private double renewAt = DEFAULT_RENEW_AT;
        private Predicate<ExchangeError> isAuthError = e -> e.kind() == ErrorKind.AUTH;

        private Builder(String exchange, Supplier<CompletableFuture<Result<Grant<C>>>> login) {
            this.exchange = Objects.requireNonNull(exchange, "exchange");
            this.login = Objects.requireNonNull(login, "login");
        }

        /** Renews with the current credential (Deribit {@code grant_type=refresh_token}); default: log in again. */
        public Builder<C> refresh(Function<C, CompletableFuture<Result<Grant<C>>>> refresh) {
            this.refresh = refresh;
            return this;
        }

        public Builder<C> clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Times renewals ahead of expiry; required. */
        public Builder<C> scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** The fraction of a grant's lifetime after which it is renewed, in (0, 1]; default 0.8. */
        public Builder<C> renewAt(double fraction) {
            if (!(fraction > 0 && fraction <= 1)) {
                throw new IllegalArgumentException("renewAt must be in (0, 1], was " + fraction);
            }
            this.renewAt = fraction;
            return this;
        }

        /** Which errors of a call mean "this credential is refused"; default: kind {@link ErrorKind#AUTH}. */
        public Builder<C> authErrors(Predicate<ExchangeError> isAuthError) {
            this.isAuthError = Objects.requireNonNull(isAuthError, "isAuthError");
            return this;
        }

        public AuthSession<C> build() {
            Objects.requireNonNull(scheduler, "scheduler");
            return new AuthSession<>(this);
        }
    }
}
