package io.exchangebus.oms;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One request to an account's exchange, waited for up to the ack timeout and timed per exchange and request: an
 * unanswered request is a TIMEOUT error, a connector that throws is a NETWORK error (counted), never an exception.
 */
final class ExchangeCalls {
    private final OmsMetrics metrics;
    private final Duration ackTimeout;

    ExchangeCalls(OmsMetrics metrics, Duration ackTimeout) {
        this.metrics = metrics;
        this.ackTimeout = ackTimeout;
    }

    /** @throws RetryLaterException when interrupted while waiting */
    <T> Result<T> call(AccountSessions.Session session, String request,
                        Supplier<CompletableFuture<Result<T>>> send) {
        long start = System.nanoTime();
        try {
            Result<T> result = send.get().get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
            metrics.roundTrip(session.exchange(), request).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return result;
        } catch (TimeoutException e) {
            return Result.err(ExchangeError.timeout(session.exchange(), request + ": no answer within "
                    + ackTimeout.toMillis() + " ms"));
        } catch (ExecutionException e) {
            metrics.shared().errors("connector-failure").increment();
            return Result.err(ExchangeError.network(session.exchange(), request + " failed: "
                    + e.getCause().getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryLaterException("interrupted while waiting for " + request);
        }
    }
}
