package io.exchangebus.connectors.core.connection;

/**
 * Told of every change of a connection's state. Called on the connection's own thread: return quickly and do not
 * block (hand work to another thread).
 */
@FunctionalInterface
public interface ConnectionListener {
    void onConnectionEvent(ConnectionEvent event);
}
