package io.exchangebus.sim.grvt;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/** A real Java-WebSocket client speaking GRVT's JSON-RPC: calls wait for their answer, feed frames queue. */
final class GrvtWsClient extends WebSocketClient implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final AtomicLong ids = new AtomicLong(100);
    private final BlockingQueue<JsonNode> answers = new LinkedBlockingQueue<>();
    final BlockingQueue<JsonNode> feeds = new LinkedBlockingQueue<>();
    final List<JsonNode> history = new CopyOnWriteArrayList<>();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

    private GrvtWsClient(URI uri, Map<String, String> headers) {
        super(uri, headers);
        setConnectionLostTimeout(0);
    }

    /** Connects with the handshake headers given (e.g. {@code Cookie} and {@code X-Grvt-Account-Id}). */
    static GrvtWsClient connect(URI uri, Map<String, String> headers) throws Exception {
        GrvtWsClient client = new GrvtWsClient(uri, headers);
        if (!client.connectBlocking(5, TimeUnit.SECONDS)) {
            throw new IllegalStateException("could not connect to " + uri);
        }
        return client;
    }

    JsonNode call(String method, ObjectNode params) throws Exception {
        long id = ids.incrementAndGet();
        ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", method);
        request.set("params", params);
        request.put("id", id);
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

    JsonNode subscribe(String stream, String selector) throws Exception {
        return result("subscribe", "{\"stream\":\"" + stream + "\",\"selectors\":[\"" + selector + "\"]}");
    }

    /** The next feed frame of {@code stream} within 5 s (others on the way are dropped). */
    JsonNode next(String stream) throws Exception {
        return next(n -> stream.equals(n.path("stream").asText()));
    }

    JsonNode next(Predicate<JsonNode> matches) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            JsonNode n = feeds.poll(100, TimeUnit.MILLISECONDS);
            if (n != null && matches.test(n)) {
                return n;
            }
        }
        throw new AssertionError("no matching feed frame within 5 s");
    }

    /** Whether a frame of {@code stream} arrives within {@code millis}. */
    boolean receives(String stream, long millis) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline) {
            JsonNode n = feeds.poll(20, TimeUnit.MILLISECONDS);
            if (n != null && stream.equals(n.path("stream").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Closes the connection (try-with-resources). */
    @Override
    public void close() {
        super.close();
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
    }

    @Override
    public void onMessage(String message) {
        try {
            JsonNode node = JSON.readTree(message);
            history.add(node);
            (node.has("id") || node.has("error") ? answers : feeds).add(node);
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
