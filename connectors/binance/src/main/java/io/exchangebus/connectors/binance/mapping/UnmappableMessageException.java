package io.exchangebus.connectors.binance.mapping;

/**
 * A Binance message that cannot be mapped to an event: a missing or malformed field, an unknown enum value, an
 * unknown symbol. Thrown by the mapping functions and caught where the frame arrived, which reports it as a
 * {@code MalformedFrame} with the raw text; it never escapes a role. The message names the field and the reason,
 * never a secret (Binance messages carry none).
 */
public final class UnmappableMessageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnmappableMessageException(String message) {
        super(message, null, false, false);
    }
}
