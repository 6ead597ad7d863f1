package io.exchangebus.connectors.core.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a venue subscribes to channels over JSON-RPC: the method, its parameters, and which channels its answer
 * confirms. The answer is checked because a venue may subscribe fewer channels than asked without an error
 * (Deribit's 11052), and a channel missing from the answer must be reported, not waited for in silence.
 */
public interface SubscriptionProtocol {

    /** The method name, e.g. "public/subscribe". */
    String method();

    /** The parameters that ask for {@code channels}. */
    JsonNode params(List<String> channels);

    /** The channels an answer's {@code result} says are subscribed. */
    List<String> confirmed(JsonNode result);

    /**
     * Parameters {@code {"channels":[…]}} and a result that is the array of the channels subscribed: Deribit's
     * {@code public/subscribe} and {@code private/subscribe}.
     */
    static SubscriptionProtocol channelList(String method) {
        Objects.requireNonNull(method, "method");
        return new SubscriptionProtocol() {
            @Override
            public String method() {
                return method;
            }

            @Override
            public JsonNode params(List<String> channels) {
                ObjectNode params = JsonNodeFactory.instance.objectNode();
                ArrayNode list = params.putArray("channels");
                channels.forEach(list::add);
                return params;
            }

            @Override
            public List<String> confirmed(JsonNode result) {
                List<String> channels = new ArrayList<>();
                result.forEach(c -> channels.add(c.asText()));
                return channels;
            }
        };
    }
}
