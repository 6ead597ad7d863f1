package io.exchangebus.connectors.core.ws;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * The attempt count behind a {@link BackoffPolicy}: each failure without a healthy connection in between moves one
 * step up the policy; a connection that stayed up for the healthy period starts again from the first step, so one
 * drop after a long good run is retried quickly while a flapping endpoint is not hammered. Not thread-safe: owned by
 * the connection's timer thread. Times are {@link System#nanoTime()} values passed in, so tests need no clock.
 */
public final class ReconnectBackoff {

    private final BackoffPolicy policy;
    private final Duration healthyPeriod;
    private final Random random;
    private int attempt;
    private long connectedAtNanos;
    private boolean connected;

    public ReconnectBackoff(BackoffPolicy policy, Duration healthyPeriod, Random random) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.healthyPeriod = Objects.requireNonNull(healthyPeriod, "healthyPeriod");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A connection became healthy-candidate (fully connected) at {@code nowNanos}. */
    public void connected(long nowNanos) {
        connected = true;
        connectedAtNanos = nowNanos;
    }

    /** The connection was lost at {@code nowNanos}; resets the steps if it had been up for the healthy period. */
    public void disconnected(long nowNanos) {
        if (connected && nowNanos - connectedAtNanos >= healthyPeriod.toNanos()) {
            attempt = 0;
        }
        connected = false;
    }

    /** Moves one step up and returns the delay before that attempt. */
    public Duration nextDelay() {
        if (attempt < Integer.MAX_VALUE) {
            attempt++;
        }
        return policy.delay(attempt, random);
    }

    /** The number of the attempt last returned by {@link #nextDelay()}, from 1; 0 before any. */
    public int attempt() {
        return attempt;
    }
}
