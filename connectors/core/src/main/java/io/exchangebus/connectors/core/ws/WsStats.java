package io.exchangebus.connectors.core.ws;

import java.time.Instant;

/**
 * Counters of a {@link WsConnection}, read at one moment (each counter is exact; the set is not one atomic snapshot).
 *
 * @param framesReceived data frames read from the socket (text and binary; not pings or pongs)
 * @param framesDelivered frames handed to the {@link WsHandler}
 * @param framesDropped frames dropped because the hand-off queue was full
 * @param reconnectAttempts connection attempts after the first
 * @param connects times the connection became CONNECTED
 * @param lastFrameAt when the last data frame was read; null before any
 */
public record WsStats(long framesReceived, long framesDelivered, long framesDropped, long reconnectAttempts,
                      long connects, Instant lastFrameAt) {
}
