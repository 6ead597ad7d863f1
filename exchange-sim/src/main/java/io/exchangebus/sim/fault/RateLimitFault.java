package io.exchangebus.sim.fault;

import java.time.Duration;

/**
 * Answer a request with {@code status} (429 rate limited, or 418 "banned" as Binance does after ignored 429s) and
 * a retry hint the client is expected to honour.
 */
public record RateLimitFault(int status, Duration retryAfter) {

    public RateLimitFault {
        if (status != 429 && status != 418) {
            throw new IllegalArgumentException("rate-limit status must be 429 or 418: " + status);
        }
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative");
        }
    }

    /** The hint in whole seconds, rounded up, as the {@code Retry-After} header carries it. */
    public long retryAfterSeconds() {
        long seconds = retryAfter.getSeconds();
        return retryAfter.getNano() > 0 ? seconds + 1 : seconds;
    }
}
