package io.exchangebus.oms;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.events.ErrorKind;
import io.exchangebus.events.OrderError;

/**
 * Why a command is not carried out, as its REJECTED ack says: the normalized kind, a code (a local rule's name, or
 * the exchange's own code) and a message that never holds a secret.
 */
public record Refusal(ErrorKind kind, String code, String message, boolean retryable, Long retryAfterMs) {

    /** A local refusal of an order (a rule of ours broke), never retryable as it is. */
    public static Refusal invalid(String code, String message) {
        return new Refusal(ErrorKind.INVALID_ORDER, code, message, false, null);
    }

    /** The exchange's (or the connector's) error, as it is. */
    public static Refusal of(ExchangeError error) {
        return new Refusal(error.kind(), error.code(), error.message(), error.retryable(),
                error.retryAfter() == null ? null : error.retryAfter().toMillis());
    }

    /** The ack's error record. */
    public OrderError toEvent() {
        return OrderError.newBuilder().setKind(kind).setCode(code).setMessage(message).setRetryable(retryable)
                .setRetryAfterMs(retryAfterMs).build();
    }
}
