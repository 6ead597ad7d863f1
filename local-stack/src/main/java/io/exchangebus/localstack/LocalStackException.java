package io.exchangebus.localstack;

/** A broker or registry that could not be found, started or reached; the message says what to look at. */
public class LocalStackException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LocalStackException(String message) {
        super(message);
    }

    public LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
