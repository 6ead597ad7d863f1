package io.exchangebus.connectors.core.connection;

import java.time.Instant;
import java.util.Objects;

/**
 * One change of a connection's state.
 *
 * @param connection a name for the connection, e.g. "binance-spot market data #2"
 * @param state the new state
 * @param reason why (for DISCONNECTED and RECONNECTING), else null
 * @param attempt the reconnect attempt number, from 1, for RECONNECTING; 0 otherwise
 * @param at when it happened
 */
public record ConnectionEvent(String connection, ConnectionState state, String reason, int attempt, Instant at) {
    public ConnectionEvent {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
    }
}
