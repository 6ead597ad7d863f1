package io.exchangebus.connectors.core;

import io.exchangebus.events.ErrorKind;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a call to an exchange failed: the normalized kind (the model's {@link ErrorKind}), the exchange's own code
 * and message, whether retrying may succeed and after how long. Exchanges classify their errors by code and HTTP
 * status (each connector's {@code ...ErrorMapper}), never by message text.
 *
 * @param kind the normalized kind
 * @param exchange the venue id
 * @param code the exchange's own code (e.g. "-2010"), or a local rule's name for a local refusal; null if none
 * @param message the exchange's message, or ours for a local refusal; never holds a secret
 * @param httpStatus the HTTP status when the error came over HTTP, else 0
 * @param retryable whether the same call may succeed later
 * @param retryAfter how long to wait before retrying, when known
 */
public record ExchangeError(ErrorKind kind, String exchange, String code, String message, int httpStatus,
                            boolean retryable, Duration retryAfter) {
    public ExchangeError {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(message, "message");
    }

    /** An order refused before it was sent, naming the rule it broke. */
    public static ExchangeError invalidOrder(String exchange, String rule, String message) {
        return new ExchangeError(ErrorKind.INVALID_ORDER, exchange, rule, message, 0, false, null);
    }

    /** A call that could not reach the exchange or lost its connection. */
    public static ExchangeError network(String exchange, String message) {
        return new ExchangeError(ErrorKind.NETWORK, exchange, null, message, 0, true, null);
    }

    /** A call with no answer in time. Retryable only for idempotent calls; the caller decides. */
    public static ExchangeError timeout(String exchange, String message) {
        return new ExchangeError(ErrorKind.TIMEOUT, exchange, null, message, 0, true, null);
    }

    /** Rate limited, with the exchange's hint of when to come back if it gave one. */
    public static ExchangeError rateLimited(String exchange, String code, String message, int httpStatus,
                                            Duration retryAfter) {
        return new ExchangeError(ErrorKind.RATE_LIMITED, exchange, code, message, httpStatus, true, retryAfter);
    }

    /** What the exchange cannot do, refused before the call (see {@code Capability}). */
    public static ExchangeError unsupported(String exchange, String capability) {
        return new ExchangeError(ErrorKind.INVALID_ORDER, exchange, "UNSUPPORTED",
                exchange + " does not support " + capability, 0, false, null);
    }

    public Optional<Duration> retryAfterHint() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public String toString() {
        return kind + " from " + exchange + (code != null ? " [" + code + "]" : "")
                + (httpStatus != 0 ? " (HTTP " + httpStatus + ")" : "") + ": " + message
                + (retryable ? " (retryable" + (retryAfter != null ? " after " + retryAfter.toMillis() + " ms" : "")
                + ")" : "");
    }
}
