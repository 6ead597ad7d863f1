package io.exchangebus.connectors.core.connection;

import java.time.Instant;
import java.util.Objects;

/**
 * Frames a connection read but dropped because its consumer was too slow (its hand-off queue was full): a gap the
 * connector recovers from (see {@link io.exchangebus.connectors.core.ws.WsHandler#onOverflow(long)}), counted so
 * that it is never silent. One event per overflow signal, not per frame.
 *
 * @param connection the connection's name, as in {@link ConnectionEvent#connection()}, e.g. "binance-spot-md-1"
 * @param dropped frames dropped since the previous event of this connection, at least 1
 * @param totalDropped frames this connection has dropped since it was made
 * @param at when the drop was reported (just before the next frame reached the handler)
 */
public record FramesDropped(String connection, long dropped, long totalDropped, Instant at) {
    public FramesDropped {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(at, "at");
        if (dropped < 1 || totalDropped < dropped) {
            throw new IllegalArgumentException("dropped " + dropped + " must be at least 1 and at most totalDropped "
                    + totalDropped);
        }
    }
}
