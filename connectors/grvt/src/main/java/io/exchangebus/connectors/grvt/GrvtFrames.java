package io.exchangebus.connectors.grvt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Tells frames that no handler took apart: late answers and frames of a stream just left, or unreadable text. */
final class GrvtFrames {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GrvtFrames() {
    }

    /**
     * Whether {@code raw} is a JSON-RPC answer ({@code id} with {@code result} or {@code error}) or a feed frame
     * ({@code stream}, {@code feed}): well formed, only not routed (late, or of a stream unsubscribed meanwhile).
     */
    static boolean isJsonRpcOrFeed(String raw) {
        try {
            JsonNode n = JSON.readTree(raw);
            return n != null && n.isObject() && (n.has("id") && (n.has("result") || n.has("error"))
                    || n.has("stream") && n.has("feed"));
        } catch (IOException e) {
            return false;
        }
    }
}
