package io.exchangebus.connectors.core.rpc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Finds the channel of a server notification, so that {@link JsonRpcClient} can route it to its handler. Venues
 * differ: Deribit sends {@code {"method":"subscription","params":{"channel":…,"data":…}}}
 * ({@link #JSON_RPC_SUBSCRIPTION}); GRVT sends {@code {"stream":…,"selector":…,"feed":…}}, whose channel a GRVT
 * connector composes from stream and selector. Called on the consumer thread for every frame that is not an answer;
 * must be cheap and must not throw.
 */
@FunctionalInterface
public interface ChannelExtractor {

    /** The notification's channel, or null if the frame is not a notification this extractor knows. */
    String channelOf(JsonNode frame);

    /** JSON-RPC subscription notifications: {@code method} "subscription" and a text {@code params.channel}. */
    ChannelExtractor JSON_RPC_SUBSCRIPTION = frame -> {
        JsonNode channel = frame.path("params").path("channel");
        return "subscription".equals(frame.path("method").asText(null)) && channel.isTextual()
                ? channel.asText() : null;
    };
}
