package io.exchangebus.connectors.deribit.ws;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Receives the notifications of the channels it was subscribed for, on the connection's consumer thread, in arrival
 * order. {@code data} is read with exact numbers (so {@code MarketMapping} can take it); {@code raw} is the frame as
 * received, for audit and for a malformed-frame report.
 */
@FunctionalInterface
public interface DeribitNotificationHandler {

    void onNotification(String channel, JsonNode data, String raw, Instant receivedAt);

    /**
     * A handler that reads the raw text itself (e.g. {@code MarketMapping.normalize}, a token walk with a fast path
     * for Deribit's usual layout): when the channel can be found by a scan of the text, no tree is built and
     * {@link #onRawNotification} is called instead of {@link #onNotification}; otherwise (another layout, an escape
     * in the channel name) the tree is built and {@link #onNotification} is called as for any handler.
     */
    interface RawFirst extends DeribitNotificationHandler {
        void onRawNotification(String channel, String raw, Instant receivedAt);

        /**
         * The same notification as its UTF-8 bytes, as read off the socket (the array is the handler's): for a
         * handler that reads bytes, which then makes the text only where it needs it (a listener of raw frames, a
         * malformed frame). By default decoded and given to {@link #onRawNotification(String, String, Instant)}.
         */
        default void onRawNotification(String channel, byte[] utf8, Instant receivedAt) {
            onRawNotification(channel, new String(utf8, StandardCharsets.UTF_8), receivedAt);
        }
    }
}
