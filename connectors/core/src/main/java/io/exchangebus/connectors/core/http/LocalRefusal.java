package io.exchangebus.connectors.core.http;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.events.ErrorKind;
import java.time.Duration;

/**
 * Errors the transport answers itself, without sending anything. Their codes start with {@value #PREFIX}, so that
 * no one mistakes them for the exchange's; they are never retried by the transport and never count as failures of
 * the exchange in the circuit breaker.
 */
public final class LocalRefusal {

    public static final String PREFIX = "LOCAL_";
    /** All calls stopped after a ban (HTTP 418). */
    public static final String BANNED = "LOCAL_BANNED";
    /** All calls stopped after a rate-limit answer (HTTP 429 or the exchange's own), until its hint has passed. */
    public static final String BACKING_OFF = "LOCAL_BACKING_OFF";
    /** The call does not fit in the weight budget within the longest allowed wait. */
    public static final String WEIGHT_BUDGET = "LOCAL_WEIGHT_BUDGET";
    /** The call's weight is larger than a whole window's budget: it can never be sent. */
    public static final String WEIGHT_OVER_BUDGET = "LOCAL_WEIGHT_OVER_BUDGET";
    /** The circuit breaker is open after repeated failures. */
    public static final String CIRCUIT_OPEN = "LOCAL_CIRCUIT_OPEN";
    /** The transport is closed. */
    public static final String CLOSED = "LOCAL_CLOSED";

    private LocalRefusal() {
    }

    public static boolean isLocal(ExchangeError error) {
        return error.code() != null && error.code().startsWith(PREFIX);
    }

    static ExchangeError weightBudget(String exchange, int weight, Duration wait) {
        return ExchangeError.rateLimited(exchange, WEIGHT_BUDGET, "weight " + weight
                + " does not fit the budget within the allowed wait; no request sent", 0, wait);
    }

    static ExchangeError weightOverBudget(String exchange, int weight, int budget) {
        return new ExchangeError(ErrorKind.RATE_LIMITED, exchange, WEIGHT_OVER_BUDGET, "weight " + weight
                + " exceeds the whole budget of " + budget + " per window; no request sent", 0, false, null);
    }

    static ExchangeError circuitOpen(String exchange, Duration openFor) {
        return new ExchangeError(ErrorKind.NETWORK, exchange, CIRCUIT_OPEN, "circuit open after repeated "
                + "failures (network, timeouts, 5xx); no request sent", 0, true, openFor);
    }

    static ExchangeError closed(String exchange) {
        return new ExchangeError(ErrorKind.NETWORK, exchange, CLOSED, "transport closed; no request sent", 0,
                false, null);
    }
}
