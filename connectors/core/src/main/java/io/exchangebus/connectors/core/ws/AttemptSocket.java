package io.exchangebus.connectors.core.ws;

/**
 * The socket of one connection attempt, as the {@link ReconnectLoop} drives it ({@link WsSession} is the real one).
 * One per attempt, never reused: what it reports once it is no longer the loop's current socket is ignored.
 */
interface AttemptSocket extends WsSender {

    /** Starts TCP connect and handshake and returns at once; the outcome is reported to the loop. May throw. */
    void connect();

    /** Sends a protocol ping if the socket is open. */
    void ping();

    /** When anything (frame, ping, pong) was last read, or the socket was made, on the timer's clock. */
    long lastActivityNanos();

    /** Cuts the socket without a close handshake: for a dead or silent peer that would not answer one. */
    void abort(String reason);

    /** Starts a normal close handshake (1000). */
    void closeNormally();

    /** Waits up to {@code millis} for the socket to be closed; false if it is still open. */
    boolean awaitClosed(long millis) throws InterruptedException;
}
