package io.exchangebus.connectors.core.ws;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before reconnect attempt {@code n}: exponential from {@code initial} by {@code multiplier}, capped
 * at {@code max}, then jittered downwards by up to {@code jitter} of itself. Jitter only ever shortens the delay, so
 * {@code max} is a hard ceiling; it spreads the reconnects of many clients cut off at once (an exchange restart) so
 * they do not arrive together. Pure: the randomness is passed in, so tests use a seeded {@link Random}.
 *
 * @param initial the delay before the first attempt; positive
 * @param max the ceiling of any delay; at least {@code initial}
 * @param multiplier growth per attempt; at least 1
 * @param jitter the fraction, in [0, 1], by which a delay may be shortened at random
 */
public record BackoffPolicy(Duration initial, Duration max, double multiplier, double jitter) {

    public BackoffPolicy {
        Objects.requireNonNull(initial, "backoff.initial");
        Objects.requireNonNull(max, "backoff.max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("backoff.initial must be positive, was " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff.max (" + max + ") must be at least backoff.initial (" + initial + ")");
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("backoff.multiplier must be a finite number >= 1, was " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("backoff.jitter must be in [0, 1], was " + jitter);
        }
    }

    /** 500 ms, doubling, capped at 30 s, up to 20 % shorter at random. */
    public static BackoffPolicy defaults() {
        return new BackoffPolicy(Duration.ofMillis(500), Duration.ofSeconds(30), 2.0, 0.2);
    }

    /** The capped delay for attempt {@code attempt} (from 1) before jitter. */
    public Duration ceiling(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt counts from 1, was " + attempt);
        }
        // In double so that large attempt numbers saturate instead of overflowing.
        double nanos = initial.toNanos() * Math.pow(multiplier, attempt - 1);
        return Duration.ofNanos((long) Math.min(nanos, (double) max.toNanos()));
    }

    /**
     * The delay before attempt {@code attempt} (from 1).
     *
     * @param uniform a source of uniform numbers in [0, 1)
     */
    public Duration delay(int attempt, DoubleSupplier uniform) {
        long ceiling = ceiling(attempt).toNanos();
        double shortenBy = jitter * uniform.getAsDouble();
        return Duration.ofNanos(Math.round(ceiling * (1.0 - shortenBy)));
    }

    /** {@link #delay(int, DoubleSupplier)} with a {@link Random}. */
    public Duration delay(int attempt, Random random) {
        return delay(attempt, random::nextDouble);
    }
}
