package io.exchangebus.connectors.core.limit;

import java.time.Duration;
import java.util.Objects;

/**
 * A kind of request and what it costs in which pool (Deribit: {@code private/buy} is a matching-engine request,
 * {@code public/get_instruments} a non-matching-engine one). A connector keeps one per kind and maps each method to
 * its class; several classes may share a pool at different costs.
 *
 * @param name the kind, for logs (e.g. "matching-engine")
 * @param pool the credits it draws on
 * @param cost the credits one request takes, {@code > 0} and at most the pool's capacity
 */
public record RequestClass(String name, CreditBucket pool, long cost) {

    public RequestClass {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pool, "pool");
        if (cost <= 0 || cost > pool.capacity()) {
            throw new IllegalArgumentException(name + ": cost " + cost + " must be in 1.." + pool.capacity());
        }
    }

    /** {@link CreditBucket#admit} of this class's cost. */
    public Admission admit(Duration maxWait) {
        return pool.admit(cost, maxWait);
    }
}
