package io.exchangebus.connectors.core.rpc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Receives the notifications of one channel, on the connection's consumer thread, in the order they were read.
 * A slow handler fills the connection's hand-off queue (see {@link JsonRpcClient.Builder#onOverflow}).
 */
@FunctionalInterface
public interface NotificationHandler {

    /** @param channel the channel it was routed by @param frame the whole notification as parsed */
    void onNotification(String channel, JsonNode frame);
}
