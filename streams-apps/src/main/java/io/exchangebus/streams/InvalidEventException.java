package io.exchangebus.streams;

/**
 * An event that breaks the event model's contract (a fill without a price, a book level with a negative quantity,
 * a key that does not match the value): a processor throws it, and the service's processing-error handler sends the
 * record to the dead-letter topic with this message and goes on. Never thrown for states the model allows (a delta
 * before any snapshot, a fill of an unknown order), which processors handle themselves.
 */
public final class InvalidEventException extends RuntimeException {
    public InvalidEventException(String reason) {
        super(reason);
    }
}
