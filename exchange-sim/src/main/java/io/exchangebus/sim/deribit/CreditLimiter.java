package io.exchangebus.sim.deribit;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deribit's credit buckets, one pair per principal (account, or connection before authentication): each request
 * costs {@code cost} credits from a pool of {@code pool} that refills at {@code refillPerSecond}, on the simulator's
 * clock. A request that finds too few credits is refused (10028) and takes nothing.
 */
final class CreditLimiter {

    /** One bucket's parameters, in credits. */
    record Bucket(long cost, long pool, long refillPerSecond) {
        Bucket {
            if (cost <= 0 || pool < cost || refillPerSecond <= 0) {
                throw new IllegalArgumentException("need 0 < cost <= pool and a positive refill: " + this);
            }
        }

        /** Deribit's non-matching-engine bucket: 500 a request, pool 50 000, refill 10 000/s. */
        static Bucket nonMatchingEngine() {
            return new Bucket(500, 50_000, 10_000);
        }

        /** The lowest matching-engine tier (venue page §5): 5 requests/s, burst 20. */
        static Bucket matchingEngine() {
            return new Bucket(500, 10_000, 2_500);
        }

        /** Requests per second and burst, as {@code get_account_summary}'s {@code limits} show them. */
        long rate() {
            return refillPerSecond / cost;
        }

        long burst() {
            return pool / cost;
        }
    }

    private final Clock clock;
    private final Bucket nonMatching;
    private final Bucket matching;
    /** principal + bucket → {credits × 1000, last refill millis}. */
    private final Map<String, long[]> states = new ConcurrentHashMap<>();

    CreditLimiter(Clock clock, Bucket nonMatching, Bucket matching) {
        this.clock = clock;
        this.nonMatching = nonMatching;
        this.matching = matching;
    }

    Bucket nonMatching() {
        return nonMatching;
    }

    Bucket matching() {
        return matching;
    }

    /** Takes the cost of one request; false if the bucket has too few credits. */
    boolean take(String principal, boolean matchingEngine) {
        Bucket bucket = matchingEngine ? matching : nonMatching;
        long[] state = states.computeIfAbsent((matchingEngine ? "me:" : "nme:") + principal,
                k -> new long[] {bucket.pool() * 1000, clock.millis()});
        synchronized (state) {
            long now = clock.millis();
            long elapsed = Math.max(0, now - state[1]);
            state[0] = Math.min(bucket.pool() * 1000, state[0] + elapsed * bucket.refillPerSecond());
            state[1] = now;
            if (state[0] < bucket.cost() * 1000) {
                return false;
            }
            state[0] -= bucket.cost() * 1000;
            return true;
        }
    }

    void forget(String principal) {
        states.remove("me:" + principal);
        states.remove("nme:" + principal);
    }
}
