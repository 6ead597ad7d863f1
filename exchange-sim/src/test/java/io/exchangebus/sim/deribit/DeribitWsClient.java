package io.exchangebus.sim.deribit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/** A real Java-WebSocket client speaking Deribit's JSON-RPC: calls wait for their answer, notifications queue. */
final class DeribitWsClient extends WebSocketClient {

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final AtomicLong ids = new AtomicLong(100);
    private final BlockingQueue<JsonNode> answers = new LinkedBlockingQueue<>();
    final BlockingQueue<JsonNode> notifications = new LinkedBlockingQueue<>();
    /** Every frame, in order. */
    final List<JsonNode> history = new CopyOnWriteArrayList<>();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

    private DeribitWsClient(URI uri) {
        super(uri);
        setConnectionLostTimeout(0);
    }

    static DeribitWsClient connect(URI uri) throws Exception {
        DeribitWsClient client = new DeribitWsClient(uri);
        if (!client.connectBlocking(5, TimeUnit.SECONDS)) {
            throw new IllegalStateException("could not connect to " + uri);
        }
        client.call("public/test", JSON.createObjectNode()); // the server knows the connection from here on
        return client;
    }

    /** Sends a request and waits up to 5 s for the answer with its id. */
    JsonNode call(String method, ObjectNode params) throws Exception {
        long id = ids.incrementAndGet();
        ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        request.set("params", params);
        send(request.toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            JsonNode answer = answers.poll(100, TimeUnit.MILLISECONDS);
            if (answer != null && answer.path("id").asLong() == id) {
                return answer;
            }
        }
        throw new AssertionError("no answer to " + method + " within 5 s");
    }

    JsonNode call(String method, String paramsJson) throws Exception {
        return call(method, (ObjectNode) JSON.readTree(paramsJson));
    }

    /** The result of a call that must succeed. */
    JsonNode result(String method, String paramsJson) throws Exception {
        JsonNode answer = call(method, paramsJson);
        if (!answer.has("result")) {
            throw new AssertionError(method + " failed: " + answer);
        }
        return answer.get("result");
    }

    /** The next notification of {@code channel} within 5 s (others on the way are dropped). */
    JsonNode next(String channel) throws Exception {
        return next(n -> channel.equals(n.path("params").path("channel").asText()));
    }

    JsonNode next(Predicate<JsonNode> matches) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            JsonNode n = notifications.poll(100, TimeUnit.MILLISECONDS);
            if (n != null && matches.test(n)) {
                return n;
            }
        }
        throw new AssertionError("no matching notification within 5 s");
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
    }

    @Override
    public void onMessage(String message) {
        try {
            JsonNode node = JSON.readTree(message);
            history.add(node);
            (node.has("id") ? answers : notifications).add(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        closeCode.complete(code);
    }

    @Override
    public void onError(Exception ex) {
    }
}
