package io.exchangebus.connectors.core.ws;

/**
 * What a {@link WsConnection} does with a frame that arrives while its hand-off queue is full (the handler is slower
 * than the stream). The socket's thread never waits in either case.
 */
public enum OverflowPolicy {
    /**
     * Drop the arriving frame, count it, and tell the handler ({@link WsHandler#onOverflow(long)}) before the next
     * frame it is given. For market data a known gap is recoverable (the book layer marks the book invalid and
     * resyncs from a snapshot); a silently missing frame, or a socket stalled until the exchange cuts it, is not.
     */
    DROP_AND_SIGNAL,
    /**
     * As {@link #DROP_AND_SIGNAL}, and also drop the connection so it is re-established with every subscription
     * resent: for streams whose only way to resync is a fresh subscription (snapshot on subscribe).
     */
    DISCONNECT
}
