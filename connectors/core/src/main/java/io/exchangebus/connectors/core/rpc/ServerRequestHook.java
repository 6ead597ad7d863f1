package io.exchangebus.connectors.core.rpc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Receives frames the server sends on its own initiative that carry a {@code method} but are not routed
 * notifications: heartbeats, test requests. Deribit's {@code {"method":"heartbeat","params":{"type":"test_request"}}}
 * must be answered with {@code public/test} at once, or the server closes the socket and cancel-on-disconnect fires.
 * Called on the consumer thread; must not block (a request through {@code client} does not).
 */
@FunctionalInterface
public interface ServerRequestHook {

    /** Ignores every server request: they reach the fallback handler. */
    ServerRequestHook NONE = (frame, client) -> false;

    /**
     * @param frame the frame as parsed
     * @param client to answer with, e.g. {@code client.request("public/test", Map.of())}
     * @return true if handled; false sends the frame to the fallback handler
     */
    boolean onServerRequest(JsonNode frame, JsonRpcRequester client);
}
