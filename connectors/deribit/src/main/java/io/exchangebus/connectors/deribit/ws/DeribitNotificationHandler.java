package io.exchangebus.connectors.deribit.ws;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Receives the notifications of the channels it was subscribed for, on the connection's consumer thread, in arrival
 * order. {@code data} is read with exact numbers (so {@code MarketMapping} can take it); {@code raw} is the frame as
 * received, for audit and for a malformed-frame report.
 */
@FunctionalInterface
public interface DeribitNotificationHandler {

    void onNotification(String channel, JsonNode data, String raw, Instant receivedAt);
}
