package io.exchangebus.connectors.core.role;

import java.time.Instant;

/**
 * A frame the connector could not map to an event: reported, with the raw text, so nothing is lost silently.
 * Services send it to their dead-letter topic and count it.
 *
 * @param exchange the venue id
 * @param channel the stream or channel it came on
 * @param payload the frame exactly as received
 * @param reason why it could not be mapped
 * @param receivedAt when it arrived
 */
public record MalformedFrame(String exchange, String channel, String payload, String reason, Instant receivedAt) {
}
