package io.exchangebus.connectors.deribit.mapping;

/**
 * A Deribit message that cannot be mapped to an event: a missing or malformed field, a number that
 * {@code decimal(38,18)} cannot hold exactly, an unknown enum value, an instrument name of a form we do not map.
 * The message names the field and the reason; Deribit's market data carries no secret.
 */
public final class UnmappableMessageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnmappableMessageException(String message) {
        super(message, null, false, false);
    }

    public UnmappableMessageException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
