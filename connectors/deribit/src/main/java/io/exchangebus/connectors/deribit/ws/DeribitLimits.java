package io.exchangebus.connectors.deribit.ws;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.limit.Admission;
import io.exchangebus.connectors.core.limit.CreditBucket;
import io.exchangebus.connectors.core.limit.LimitErrors;
import io.exchangebus.connectors.core.limit.RequestClass;
import io.exchangebus.connectors.deribit.http.DeribitErrors;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Deribit's request credits as Deribit counts them (deribit.md §5, Deribit support "Rate Limits"), kept on our side
 * so that the connector slows down before it is refused:
 * <ul>
 * <li>non-matching-engine requests (everything but order entry): 500 credits each from a pool of 50,000 refilled at
 *     10,000 a second (a burst of 100, then 20 a second);</li>
 * <li>matching-engine requests ({@code private/buy}, {@code sell}, {@code edit}, {@code cancel*},
 *     {@code close_position}, …): the lowest tier, 5 a second with a burst of 20, unless given others;</li>
 * <li>10028 {@code too_many_requests} ends the session: the non-matching pool is drained and nothing is sent until
 *     it is full again (core's {@link LimitErrors}); the connection that got it starts a new session then
 *     ({@link DeribitRpc}).</li>
 * </ul>
 * The credits belong to the (sub-)account: roles of one account should share one instance. Thread-safe.
 */
public final class DeribitLimits {

    public static final long NON_MATCHING_POOL = 50_000;
    public static final long NON_MATCHING_REFILL_PER_SECOND = 10_000;
    public static final long NON_MATCHING_COST = 500;
    /** Lowest matching-engine tier: 5 requests a second, burst 20 (NTDOC "Rate limiting"). */
    public static final long MATCHING_BURST = 20;
    public static final long MATCHING_PER_SECOND = 5;

    private static final Set<String> MATCHING_ENGINE = Set.of("private/buy", "private/sell", "private/edit",
            "private/edit_by_label", "private/cancel", "private/cancel_all", "private/cancel_all_by_currency",
            "private/cancel_all_by_instrument", "private/cancel_all_by_kind_or_type", "private/cancel_by_label",
            "private/close_position");

    private final RequestClass nonMatching;
    private final RequestClass matching;
    private final LimitErrors errors;

    /** The lowest matching-engine tier. */
    public DeribitLimits(Clock clock) {
        this(clock, MATCHING_BURST, MATCHING_PER_SECOND);
    }

    /** With the account's matching-engine tier (burst, per second). */
    public DeribitLimits(Clock clock, long matchingBurst, long matchingPerSecond) {
        Objects.requireNonNull(clock, "clock");
        CreditBucket pool = new CreditBucket(DeribitErrors.EXCHANGE, "non-matching-engine", NON_MATCHING_POOL,
                NON_MATCHING_REFILL_PER_SECOND, clock);
        CreditBucket engine = new CreditBucket(DeribitErrors.EXCHANGE, "matching-engine", matchingBurst,
                matchingPerSecond, clock);
        this.nonMatching = new RequestClass("non-matching-engine", pool, NON_MATCHING_COST);
        this.matching = new RequestClass("matching-engine", engine, 1);
        this.errors = LimitErrors.builder(DeribitErrors.EXCHANGE, clock)
                .endSession("10028", pool)
                .build();
    }

    /** The class a method's requests count in. */
    public RequestClass classOf(String method) {
        return MATCHING_ENGINE.contains(method) ? matching : nonMatching;
    }

    /** May a request of {@code method} go, and after how long (its credits then taken)? */
    public Admission admit(String method, Duration maxWait) {
        return errors.admit(classOf(method), maxWait);
    }

    /** Takes the credits of a request that must go now whatever (the answer to a test_request); never refuses. */
    public void spend(String method) {
        classOf(method).pool().tryAcquire(classOf(method).cost());
    }

    /** The refusal while a session end is waited out, if any. */
    public Optional<ExchangeError> refusal() {
        return errors.refusal();
    }

    /** Applies Deribit's limit errors (10028); other errors come back as they were. */
    public ExchangeError onError(ExchangeError error) {
        return errors.onError(error);
    }

    /** Non-matching credits left now. */
    public long nonMatchingCredits() {
        return nonMatching.pool().available();
    }

    @Override
    public String toString() {
        return "DeribitLimits[" + nonMatching.pool() + ", " + matching.pool() + "]";
    }
}
