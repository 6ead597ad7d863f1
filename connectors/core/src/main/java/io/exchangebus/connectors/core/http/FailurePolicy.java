package io.exchangebus.connectors.core.http;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.events.ErrorKind;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.RetryConfig;

/**
 * Which failures count against the exchange and which may be retried, and the Resilience4j configurations that
 * apply them. Only NETWORK, TIMEOUT and 5xx (EXCHANGE_INTERNAL) say the exchange is unwell; 4xx, rate limits and
 * local refusals do not, and are never retried.
 */
final class FailurePolicy {

    private FailurePolicy() {
    }

    /** Whether the failure says the exchange is unwell (counts in the breaker); 4xx and local refusals do not. */
    static boolean isExchangeFailure(ExchangeError e) {
        if (LocalRefusal.isLocal(e) || (e.httpStatus() >= 400 && e.httpStatus() < 500)) {
            return false;
        }
        return e.kind() == ErrorKind.NETWORK || e.kind() == ErrorKind.TIMEOUT
                || e.kind() == ErrorKind.EXCHANGE_INTERNAL;
    }

    /** Whether an idempotent call may be retried after this result. */
    static boolean isTransient(Result<HttpReply> result) {
        return result instanceof Result.Err<HttpReply> err && err.error().retryable()
                && isExchangeFailure(err.error());
    }

    static CircuitBreakerConfig breakerConfig(HttpSettings.BreakerPolicy p) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(p.windowCalls())
                .minimumNumberOfCalls(p.minimumCalls())
                .failureRateThreshold(p.failureRatePercent())
                .waitDurationInOpenState(p.openFor())
                .permittedNumberOfCallsInHalfOpenState(p.halfOpenCalls())
                .build();
    }

    static RetryConfig retryConfig(HttpSettings.RetryPolicy p) {
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(p.initialBackoff(), p.multiplier(),
                0.5, p.maxBackoff());
        long capMs = p.maxBackoff().toMillis();
        return RetryConfig.<Result<HttpReply>>custom()
                .maxAttempts(p.maxAttempts())
                .retryOnResult(FailurePolicy::isTransient)
                .retryOnException(bug -> false)
                .intervalBiFunction((Integer attempt, Either<Throwable, Result<HttpReply>> outcome) -> {
                    long wait = backoff.apply(attempt);
                    // A 503's Retry-After lengthens the wait, within the cap.
                    if (outcome.isRight() && outcome.get() instanceof Result.Err<HttpReply> err
                            && err.error().retryAfter() != null) {
                        wait = Math.max(wait, Math.min(err.error().retryAfter().toMillis(), capMs));
                    }
                    return wait;
                })
                .build();
    }
}
