package io.exchangebus.sim.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/** A real Java-WebSocket client that queues what it receives (as the framework's test client does). */
final class WsClient extends WebSocketClient {
    static final ObjectMapper JSON = new ObjectMapper();
    final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    /** Every frame received, in order (never consumed). */
    final java.util.List<JsonNode> history = new java.util.concurrent.CopyOnWriteArrayList<>();

    WsClient(URI uri) {
        super(uri);
        setConnectionLostTimeout(0);
    }

    static WsClient connect(URI uri) throws InterruptedException {
        WsClient client = new WsClient(uri);
        if (!client.connectBlocking(5, TimeUnit.SECONDS)) {
            throw new IllegalStateException("could not connect to " + uri);
        }
        return client;
    }

    /**
     * Connects to a market or user-data stream and waits until the server has registered the connection (a
     * LIST_SUBSCRIPTIONS round trip): the client's open can come before the server's.
     */
    static WsClient stream(URI uri) throws Exception {
        WsClient client = connect(uri);
        client.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":987654321}");
        JsonNode reply = client.await(n -> n.path("id").asLong() == 987654321L);
        client.history.remove(reply);
        client.messages.removeIf(m -> m.contains("987654321"));
        return client;
    }

    String next() throws InterruptedException {
        return messages.poll(5, TimeUnit.SECONDS);
    }

    JsonNode nextJson() throws Exception {
        String text = next();
        if (text == null) {
            throw new AssertionError("no frame within 5 s");
        }
        return JSON.readTree(text);
    }

    /** The first frame ever received that matches {@code filter}, waiting up to 5 s for it. */
    JsonNode await(Predicate<JsonNode> filter) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            for (JsonNode n : history) {
                if (filter.test(n)) {
                    return n;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no matching frame within 5 s; got " + history);
    }

    /** Every frame received so far that matches {@code filter}. */
    java.util.List<JsonNode> all(Predicate<JsonNode> filter) {
        return history.stream().filter(filter).toList();
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
    }

    @Override
    public void onMessage(String message) {
        try {
            history.add(JSON.readTree(message));
        } catch (Exception e) {
            history.add(JSON.getNodeFactory().textNode(message));
        }
        messages.add(message);
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        closeCode.complete(code);
    }

    @Override
    public void onError(Exception ex) {
    }
}
