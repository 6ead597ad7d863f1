package io.exchangebus.connectors.grvt.ws;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Receives the feed frames of one subscribed stream selector ({@code {stream, selector, sequence_number, feed,
 * prev_sequence_number}}), read with exact numbers, with their raw text and receive time. Called on the
 * connection's consumer thread, in the order read.
 */
@FunctionalInterface
public interface GrvtFeedHandler {
    void onFeed(JsonNode frame, String raw, Instant receivedAt);

    /**
     * The frame as text, routed without a tree ({@link GrvtChannel#routeKey(String)}): true when the handler took
     * it, false to be given it as a tree ({@link #onFeed}). False unless overridden.
     */
    default boolean onFeedText(String raw, Instant receivedAt) {
        return false;
    }

    /**
     * The frame as its UTF-8 bytes, as read off the socket, routed without a String of it
     * ({@link GrvtChannel#routeKey(byte[])}; the array is the handler's): true when the handler took it, false to be
     * given it as text ({@link #onFeedText}, then {@link #onFeed}). False unless overridden.
     */
    default boolean onFeedBytes(byte[] utf8, Instant receivedAt) {
        return false;
    }
}
