package io.exchangebus.connectors.core.limit;

import io.exchangebus.connectors.core.ExchangeError;
import io.github.bucket4j.Bucket;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A pool of credits refilled continuously at {@code refillPerSecond} up to {@code capacity}, full at the start:
 * each request takes its cost before it is sent (Deribit: 50,000 credits, 10,000 per second, 500 a request, so a
 * burst of 100 then 20 a second). Over any time {@code t} from creation at most {@code capacity + refillPerSecond
 * × t} credits are let through, reserved ones counted at the time they may be sent.
 *
 * <p>A request that does not fit now either waits (its credits are reserved and it is told how long, up to the
 * caller's bound) or is refused locally with a retryable RATE_LIMITED error whose hint is when it would fit. A
 * request dearer than the whole pool is refused as not retryable. Waits are rounded up to the next nanosecond. Thread-safe, lock-free (Bucket4j); never parks.
 */
public final class CreditBucket {

    private final String exchange;
    private final String name;
    private final long capacity;
    private final long refillPerSecond;
    private final Bucket bucket;

    /** On the system's monotonic clock. @param name the pool, in refusals (e.g. "non-matching-engine") */
    public CreditBucket(String exchange, String name, long capacity, long refillPerSecond) {
        this(exchange, name, capacity, refillPerSecond, Clock.systemUTC());
    }

    /** @param clock the time source; a clock other than the system's is read through its instants (tests) */
    public CreditBucket(String exchange, String name, long capacity, long refillPerSecond, Clock clock) {
        if (capacity <= 0 || refillPerSecond <= 0) {
            throw new IllegalArgumentException("capacity and refill must be positive: " + capacity + ", "
                    + refillPerSecond);
        }
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.name = Objects.requireNonNull(name, "name");
        this.capacity = capacity;
        this.refillPerSecond = refillPerSecond;
        this.bucket = Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(refillPerSecond, Duration.ofSeconds(1)))
                .withCustomTimePrecision(TimeSource.of(clock))
                .build();
    }

    public String name() {
        return name;
    }

    public long capacity() {
        return capacity;
    }

    public long refillPerSecond() {
        return refillPerSecond;
    }

    /**
     * Takes {@code cost} credits now, or reserves them if the pool has them within {@code maxWait}.
     *
     * @param cost the request's cost, {@code > 0}
     * @param maxWait the longest the caller will hold the request back; {@link Duration#ZERO} to refuse at once
     * @return the wait before sending, or the refusal (nothing taken)
     */
    public Admission admit(long cost, Duration maxWait) {
        if (cost <= 0) {
            throw new IllegalArgumentException("cost must be positive: " + cost);
        }
        if (cost > capacity) {
            return Admission.refused(LimitRefusal.creditsOverCapacity(exchange, name, cost, capacity));
        }
        long wait = TimeSource.reserve(bucket, cost, maxWait);
        return wait >= 0 ? Admission.after(roundUp(wait))
                : Admission.refused(LimitRefusal.credits(exchange, name, cost, timeUntil(cost)));
    }

    /** {@link #admit} without waiting: empty if taken, else the refusal. */
    public Optional<ExchangeError> tryAcquire(long cost) {
        return Optional.ofNullable(admit(cost, Duration.ZERO).refusal());
    }

    /** Credits in the pool now; negative while later credits are reserved. */
    public long available() {
        return bucket.getAvailableTokens();
    }

    /** How long until {@code credits} are in the pool (zero if they are now), counting reservations. */
    public Duration timeUntil(long credits) {
        return Duration.ofNanos(roundUp(bucket.estimateAbilityToConsume(credits).getNanosToWaitForRefill()));
    }

    /**
     * Bucket4j counts credits exactly but rounds a wait for a continuous refill down to the nanosecond (1 credit at
     * 3 a second: 333,333,333 ns); sending then would be a fraction of a credit early, so a wait is one nanosecond
     * longer (the property test found it).
     */
    private static long roundUp(long waitNanos) {
        return waitNanos > 0 ? waitNanos + 1 : waitNanos;
    }

    /**
     * Empties the pool, as the exchange has when it ends a session for lack of credits (Deribit's 10028): our count
     * was too high, so it is brought down to the exchange's. Reservations already made stay.
     *
     * @return how long until the pool is full again
     */
    public Duration drain() {
        bucket.tryConsumeAsMuchAsPossible();
        return timeUntil(capacity);
    }

    @Override
    public String toString() {
        return exchange + " " + name + " credits: " + capacity + ", +" + refillPerSecond + "/s";
    }
}
