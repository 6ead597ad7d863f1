package io.exchangebus.connectors.core.http;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one {@link HttpTransport}: one exchange, one endpoint family. Each key is declared once here with its
 * default and validated at construction with a message that names the key ({@code http.<group>.<key>}).
 *
 * @param exchange the venue id used in errors and logs (e.g. "binance")
 * @param baseUri scheme, host, port and optional path prefix; call paths are appended to it
 * @param timeouts connect, response and whole-attempt deadlines
 * @param retry backoff of idempotent calls
 * @param breaker when the circuit opens and for how long
 * @param weights the exchange's request-weight budget per window
 * @param pauses how long to stop all calls after a rate-limit answer that carries no hint
 */
public record HttpSettings(String exchange, URI baseUri, Timeouts timeouts, RetryPolicy retry, BreakerPolicy breaker,
                           WeightBudget weights, RateLimitPauses pauses) {

    public HttpSettings {
        require(exchange != null && !exchange.isBlank(), "http.exchange", "must not be blank", exchange);
        require(baseUri != null && baseUri.getScheme() != null && baseUri.getHost() != null, "http.baseUri",
                "must be an absolute URI with a host", baseUri);
        require(baseUri.getRawQuery() == null, "http.baseUri", "must not carry a query", "(query omitted)");
        Objects.requireNonNull(timeouts, "http.timeouts");
        Objects.requireNonNull(retry, "http.retry");
        Objects.requireNonNull(breaker, "http.breaker");
        Objects.requireNonNull(weights, "http.weights");
        Objects.requireNonNull(pauses, "http.pauses");
    }

    /** Defaults for every group; the weight budget defaults to 1200 per minute, set the exchange's own. */
    public static HttpSettings defaults(String exchange, URI baseUri) {
        return new HttpSettings(exchange, baseUri, Timeouts.defaults(), RetryPolicy.defaults(),
                BreakerPolicy.defaults(), WeightBudget.defaults(), RateLimitPauses.defaults());
    }

    public HttpSettings withTimeouts(Timeouts value) {
        return new HttpSettings(exchange, baseUri, value, retry, breaker, weights, pauses);
    }

    public HttpSettings withRetry(RetryPolicy value) {
        return new HttpSettings(exchange, baseUri, timeouts, value, breaker, weights, pauses);
    }

    public HttpSettings withBreaker(BreakerPolicy value) {
        return new HttpSettings(exchange, baseUri, timeouts, retry, value, weights, pauses);
    }

    public HttpSettings withWeights(WeightBudget value) {
        return new HttpSettings(exchange, baseUri, timeouts, retry, breaker, value, pauses);
    }

    public HttpSettings withPauses(RateLimitPauses value) {
        return new HttpSettings(exchange, baseUri, timeouts, retry, breaker, weights, value);
    }

    /**
     * @param connect to open a TCP connection (default 5 s)
     * @param response longest silence while waiting for the answer's bytes (default 10 s)
     * @param attempt whole attempt from dispatch to the last byte, enforced by the transport even if the server
     *        trickles bytes (default 15 s); retries each get their own
     */
    public record Timeouts(Duration connect, Duration response, Duration attempt) {
        public Timeouts {
            positive(connect, "http.timeouts.connect");
            positive(response, "http.timeouts.response");
            positive(attempt, "http.timeouts.attempt");
        }

        public static Timeouts defaults() {
            return new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(15));
        }
    }

    /**
     * Retry of idempotent calls only, on NETWORK, TIMEOUT and 5xx; never on 4xx, never on a local refusal.
     *
     * @param maxAttempts attempts including the first; 1 disables retry (default 3)
     * @param initialBackoff wait before the first retry (default 200 ms)
     * @param multiplier growth of the wait per retry (default 2.0); a random jitter of +/-50 % is applied
     * @param maxBackoff cap of one wait (default 5 s)
     */
    public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {
        public RetryPolicy {
            require(maxAttempts >= 1, "http.retry.maxAttempts", "must be >= 1", maxAttempts);
            positive(initialBackoff, "http.retry.initialBackoff");
            require(multiplier >= 1.0, "http.retry.multiplier", "must be >= 1.0", multiplier);
            positive(maxBackoff, "http.retry.maxBackoff");
        }

        public static RetryPolicy defaults() {
            return new RetryPolicy(3, Duration.ofMillis(200), 2.0, Duration.ofSeconds(5));
        }
    }

    /**
     * Circuit breaker over a count-based window of attempts; failures are NETWORK, TIMEOUT and 5xx.
     *
     * @param failureRatePercent failure rate at which the circuit opens (default 50)
     * @param windowCalls attempts in the sliding window (default 20)
     * @param minimumCalls attempts needed before the rate is judged (default 10)
     * @param openFor how long the circuit answers fast before it lets probes through (default 30 s)
     * @param halfOpenCalls probes let through when half-open (default 3)
     */
    public record BreakerPolicy(float failureRatePercent, int windowCalls, int minimumCalls, Duration openFor,
                                int halfOpenCalls) {
        public BreakerPolicy {
            require(failureRatePercent > 0 && failureRatePercent <= 100, "http.breaker.failureRatePercent",
                    "must be in (0, 100]", failureRatePercent);
            require(windowCalls >= 1, "http.breaker.windowCalls", "must be >= 1", windowCalls);
            require(minimumCalls >= 1 && minimumCalls <= windowCalls, "http.breaker.minimumCalls",
                    "must be in [1, windowCalls]", minimumCalls);
            positive(openFor, "http.breaker.openFor");
            require(halfOpenCalls >= 1, "http.breaker.halfOpenCalls", "must be >= 1", halfOpenCalls);
        }

        public static BreakerPolicy defaults() {
            return new BreakerPolicy(50f, 20, 10, Duration.ofSeconds(30), 3);
        }
    }

    /**
     * The exchange's request-weight budget (e.g. 6000 per minute). A call whose weight does not fit in the current
     * window waits for a later window if that is at most {@code maxWait} away, else it is refused at once with
     * RATE_LIMITED and the wait as its hint.
     *
     * @param budget weight allowed per window (default 1200)
     * @param window the window (default 1 min)
     * @param maxWait longest a call may be held back (default 5 s)
     */
    public record WeightBudget(int budget, Duration window, Duration maxWait) {
        public WeightBudget {
            require(budget >= 1, "http.weights.budget", "must be >= 1", budget);
            positive(window, "http.weights.window");
            require(maxWait != null && !maxWait.isNegative(), "http.weights.maxWait", "must be >= 0", maxWait);
        }

        public static WeightBudget defaults() {
            return new WeightBudget(1200, Duration.ofMinutes(1), Duration.ofSeconds(5));
        }
    }

    /**
     * Pauses applied to the whole transport when the exchange says it is rate limiting without a Retry-After.
     *
     * @param throttle after a 429 or another RATE_LIMITED answer (default 1 s)
     * @param ban after a 418 (default 2 min, the shortest ban a venue is known to give)
     */
    public record RateLimitPauses(Duration throttle, Duration ban) {
        public RateLimitPauses {
            positive(throttle, "http.pauses.throttle");
            positive(ban, "http.pauses.ban");
        }

        public static RateLimitPauses defaults() {
            return new RateLimitPauses(Duration.ofSeconds(1), Duration.ofMinutes(2));
        }
    }

    private static void positive(Duration value, String key) {
        require(value != null && !value.isNegative() && !value.isZero(), key, "must be > 0", value);
    }

    private static void require(boolean ok, String key, String rule, Object value) {
        if (!ok) {
            throw new IllegalArgumentException(key + " " + rule + ", was " + value);
        }
    }
}
