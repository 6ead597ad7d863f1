package io.exchangebus.connectors.deribit.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.limit.Admission;
import io.exchangebus.connectors.core.rpc.JsonRpcRequester;
import io.exchangebus.connectors.deribit.http.DeribitErrors;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One connection's requests under {@link DeribitLimits}: each waits for its credits (up to {@code maxWait}, else the
 * local refusal is its answer), and each error answer goes through Deribit's limit errors; a 10028 also tells the
 * connection to start a new session once the credits are back. Never blocks: waits are scheduled on the timer.
 */
final class DeribitCredits {

    private final DeribitLimits limits;
    private final Duration maxWait;
    private final ScheduledExecutorService timer;
    private final Consumer<Duration> sessionEnded;

    /** @param sessionEnded told after a 10028 with how long until the credits are back */
    DeribitCredits(DeribitLimits limits, Duration maxWait, ScheduledExecutorService timer,
                   Consumer<Duration> sessionEnded) {
        this.limits = limits;
        this.maxWait = maxWait;
        this.timer = timer;
        this.sessionEnded = sessionEnded;
    }

    /** {@code target} with credits taken before each request and limit errors applied to each answer. */
    JsonRpcRequester charged(JsonRpcRequester target) {
        return (method, params) -> admitted(method).thenCompose(admitted -> admitted.isOk()
                ? target.request(method, params).thenApply(this::applyLimits)
                : CompletableFuture.completedFuture(Result.<JsonNode>err(admitted.error())));
    }

    /** Completes when a request of {@code method} may go (its credits taken), or with the local refusal. */
    CompletableFuture<Result<Void>> admitted(String method) {
        Admission a = limits.admit(method, maxWait);
        if (!a.granted()) {
            return CompletableFuture.completedFuture(Result.err(a.refusal()));
        }
        if (a.waitNanos() == 0) {
            return CompletableFuture.completedFuture(Result.ok());
        }
        CompletableFuture<Result<Void>> later = new CompletableFuture<>();
        try {
            timer.schedule(() -> later.complete(Result.ok()), a.waitNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            later.complete(Result.err(ExchangeError.network(DeribitErrors.EXCHANGE, "connection closed")));
        }
        return later;
    }

    private Result<JsonNode> applyLimits(Result<JsonNode> answer) {
        if (answer.isOk()) {
            return answer;
        }
        ExchangeError error = answer.error();
        ExchangeError applied = limits.onError(error);
        if (error.code() != null && DeribitErrors.endsSession(parseCode(error.code()))) {
            sessionEnded.accept(applied.retryAfterHint().orElse(Duration.ZERO));
        }
        return Result.err(applied);
    }

    private static int parseCode(String code) {
        try {
            return Integer.parseInt(code);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
