package io.exchangebus.connectors.core.limit;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.http.BanGate;
import io.exchangebus.connectors.core.http.LocalRefusal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What an exchange's limit errors mean, as its documentation says, declared once per connector by error code, and
 * the stop that follows: instead of more requests that the exchange would count against us, every request is
 * refused locally with a retryable RATE_LIMITED error whose hint is when it may go.
 * <ul>
 *   <li>{@link Builder#ban}: banned until a time (the error's retry-after hint, which the connector's classifier
 *       reads from the exchange's answer, else a fallback): nothing is sent until then (code
 *       {@link LocalRefusal#BANNED}).</li>
 *   <li>{@link Builder#backOff}: asked to slow down: nothing is sent for the hint or the fallback
 *       ({@link LocalRefusal#BACKING_OFF}).</li>
 *   <li>{@link Builder#endSession}: the exchange ended the session because a pool was empty (Deribit's 10028
 *       {@code too_many_requests}): the pool is drained, nothing is sent until it is full again
 *       ({@link LimitRefusal#SESSION_ENDED}), and the {@link SessionEndListener} is told to reconnect,
 *       re-authenticate and resubscribe after that time.</li>
 * </ul>
 * A later stop only ever extends the current one ({@link BanGate}'s rule). Thread-safe.
 */
public final class LimitErrors {

    /** Told when the exchange has ended the session; the connector reconnects once {@code reconnectAfter} passed. */
    @FunctionalInterface
    public interface SessionEndListener {
        /** Called on the thread that passed the error to {@link #onError}; must not block. */
        void onSessionEnded(ExchangeError cause, Duration reconnectAfter);
    }

    private sealed interface Reaction permits Ban, EndSession {
    }

    private record Ban(boolean ban, Duration fallback) implements Reaction {
    }

    private record EndSession(CreditBucket pool) implements Reaction {
    }

    private final String exchange;
    private final Clock clock;
    private final Map<String, Reaction> reactions;
    private final SessionEndListener sessionEnded;
    private final BanGate gate;
    private final AtomicReference<Instant> sessionEndedUntil = new AtomicReference<>(Instant.MIN);

    private LimitErrors(Builder b) {
        this.exchange = b.exchange;
        this.clock = b.clock;
        this.reactions = Map.copyOf(b.reactions);
        this.sessionEnded = b.sessionEnded;
        this.gate = new BanGate(b.exchange, b.clock);
    }

    /** @param clock for ban times and pauses; the pools keep their own */
    public static Builder builder(String exchange, Clock clock) {
        return new Builder(exchange, clock);
    }

    /** The refusal to answer now without sending, or empty if requests may flow. */
    public Optional<ExchangeError> refusal() {
        Optional<ExchangeError> stopped = gate.refusal();
        if (stopped.isPresent()) {
            return stopped;
        }
        Instant until = sessionEndedUntil.get();
        Duration left = Duration.between(clock.instant(), until);
        if (left.isNegative() || left.isZero()) {
            return Optional.empty();
        }
        return Optional.of(ExchangeError.rateLimited(exchange, LimitRefusal.SESSION_ENDED, "session ended by the "
                + "exchange for exceeding its limits; nothing sent until " + until
                + ", then reconnect", 0, left));
    }

    /** {@link #refusal()}, then the request class's credits. */
    public Admission admit(RequestClass request, Duration maxWait) {
        Optional<ExchangeError> stopped = refusal();
        return stopped.isPresent() ? Admission.refused(stopped.get()) : request.admit(maxWait);
    }

    /**
     * Applies the reaction declared for the error's code, if any, and says what to answer the caller.
     *
     * @param error an error answer of the exchange (local refusals pass through untouched)
     * @return {@code error} itself if its code means no limit, else a retryable RATE_LIMITED error with the
     *     exchange's code and message, saying what was stopped and until when, its hint the time left
     */
    public ExchangeError onError(ExchangeError error) {
        Reaction reaction = error.code() == null || LocalRefusal.isLocal(error) ? null
                : reactions.get(error.code());
        if (reaction instanceof Ban ban) {
            Duration pause = error.retryAfterHint().filter(d -> !d.isNegative() && !d.isZero())
                    .orElse(ban.fallback());
            BanGate.Closure closure = gate.close(pause, ban.ban(), error.httpStatus());
            return stopped(error, (closure.ban() ? "banned" : "backing off") + "; all requests stopped until "
                    + closure.until(), closure.until());
        }
        if (reaction instanceof EndSession end) {
            // Deribit: "wait for the refill, then open a new connection". Waiting for a full pool, not just one
            // request's worth, leaves room for the login and resubscriptions that a reconnect sends at once.
            Instant now = clock.instant();
            Instant refilled = now.plus(end.pool().drain());
            Instant until = sessionEndedUntil.accumulateAndGet(refilled, (a, b) -> a.isAfter(b) ? a : b);
            sessionEnded.onSessionEnded(error, Duration.between(now, until));
            return stopped(error, "session ended by the exchange; " + end.pool().name()
                    + " credits drained, reconnect after " + until, until);
        }
        return error;
    }

    private ExchangeError stopped(ExchangeError error, String what, Instant until) {
        Duration left = Duration.between(clock.instant(), until);
        return ExchangeError.rateLimited(exchange, error.code(), error.message() + " (" + what + ")",
                error.httpStatus(), left.isNegative() ? Duration.ZERO : left);
    }

    /** Declares, by the exchange's codes, what its limit errors mean. */
    public static final class Builder {
        private final String exchange;
        private final Clock clock;
        private final Map<String, Reaction> reactions = new HashMap<>();
        private SessionEndListener sessionEnded = (cause, after) -> { };

        private Builder(String exchange, Clock clock) {
            this.exchange = Objects.requireNonNull(exchange, "exchange");
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        /** {@code code} means banned until the error's hint has passed ({@code fallback} if it has none). */
        public Builder ban(String code, Duration fallback) {
            return put(code, new Ban(true, positive(fallback)));
        }

        /** {@code code} means slow down: stop for the error's hint ({@code fallback} if it has none). */
        public Builder backOff(String code, Duration fallback) {
            return put(code, new Ban(false, positive(fallback)));
        }

        /** {@code code} means the session was ended because {@code pool} ran dry. */
        public Builder endSession(String code, CreditBucket pool) {
            return put(code, new EndSession(Objects.requireNonNull(pool, "pool")));
        }

        /** Who reconnects the session after an {@link #endSession} error; by default no one. */
        public Builder onSessionEnded(SessionEndListener listener) {
            this.sessionEnded = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public LimitErrors build() {
            return new LimitErrors(this);
        }

        private Builder put(String code, Reaction reaction) {
            if (reactions.putIfAbsent(Objects.requireNonNull(code, "code"), reaction) != null) {
                throw new IllegalArgumentException("code " + code + " declared twice");
            }
            return this;
        }

        private static Duration positive(Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("fallback must be positive: " + d);
            }
            return d;
        }
    }
}
