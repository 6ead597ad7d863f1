package io.exchangebus.connectors.core.connection;

/** The state of a connection to an exchange, as reported to {@link ConnectionListener}s. */
public enum ConnectionState {
    /** Opening the connection (first time). */
    CONNECTING,
    /** Open, authenticated where needed, and subscriptions restored. */
    CONNECTED,
    /** Closed; the event's reason says why. Followed by RECONNECTING unless closed on purpose. */
    DISCONNECTED,
    /** Waiting out a backoff before the next attempt, or attempting again. */
    RECONNECTING,
    /** Closed on purpose by the owner; final. */
    CLOSED
}
