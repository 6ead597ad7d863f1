package io.exchangebus.sim.grvt;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests per account per fixed window, on the simulator's clock; over the limit GRVT answers 1006 (HTTP 429). The
 * spec gives no numbers (grvt.md §5); the default is Hummingbot's 1200 per 60 s.
 */
final class GrvtRateLimiter {

    private record Window(long start, int used) {
    }

    private final Clock clock;
    private final int limit;
    private final long windowMillis;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    GrvtRateLimiter(Clock clock, int limit, Duration window) {
        if (limit <= 0 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("rate limit and window must be positive");
        }
        this.clock = clock;
        this.limit = limit;
        this.windowMillis = window.toMillis();
    }

    /** Counts one request of {@code principal}; false when it is over the limit of the current window. */
    boolean take(String principal) {
        long now = clock.millis();
        Window w = windows.compute(principal, (k, old) -> old == null || now - old.start() >= windowMillis
                ? new Window(now, 1) : new Window(old.start(), old.used() + 1));
        return w.used() <= limit;
    }
}
