package io.exchangebus.connectors.core.credentials;

/**
 * A credential could not be loaded: the message names the environment variable or file it was looked for in,
 * never its content. A configuration error, reported at start-up.
 */
public final class CredentialException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public CredentialException(String message) {
        super(message);
    }

    CredentialException(String message, Throwable cause) {
        super(message, cause);
    }
}
