package io.exchangebus.connectors.deribit.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.exchangebus.connectors.core.rpc.JsonRpcRequester;
import io.exchangebus.connectors.core.rpc.ServerRequestHook;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Deribit's heartbeats (deribit.md §4): after {@code public/set_heartbeat} the server sends
 * {@code {"method":"heartbeat","params":{"type":"heartbeat"}}} and {@code {"method":"heartbeat","params":{"type":
 * "test_request"}}}; a test request must be answered at once with {@code public/test}, or the server closes the
 * socket (and cancel-on-disconnect fires). Answers go on the socket the request came on ({@code socket}), which
 * works while the open hook still runs. Called on the consumer thread; never blocks.
 */
final class DeribitHeartbeats implements ServerRequestHook {

    static final String TEST = "public/test";

    private final Supplier<JsonRpcRequester> socket;
    private final Runnable spend;
    private final AtomicLong testRequests = new AtomicLong();
    private final AtomicLong heartbeats = new AtomicLong();

    /**
     * @param socket the current socket's requester
     * @param spend  takes the answer's credits (it goes whatever they say)
     */
    DeribitHeartbeats(Supplier<JsonRpcRequester> socket, Runnable spend) {
        this.socket = socket;
        this.spend = spend;
    }

    @Override
    public boolean onServerRequest(JsonNode frame, JsonRpcRequester client) {
        if (!"heartbeat".equals(frame.path("method").asText(null))) {
            return false;
        }
        if ("test_request".equals(frame.path("params").path("type").asText(null))) {
            testRequests.incrementAndGet();
            spend.run();
            JsonRpcRequester target = socket.get();
            (target != null ? target : client).request(TEST, JsonNodeFactory.instance.objectNode());
        } else {
            heartbeats.incrementAndGet();
        }
        return true;
    }

    long testRequestsAnswered() {
        return testRequests.get();
    }

    long heartbeatsSeen() {
        return heartbeats.get();
    }
}
