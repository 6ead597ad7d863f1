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

    /** The next frame matching {@code filter}, skipping others. */
    JsonNode next(Predicate<JsonNode> filter) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            String text = messages.poll(100, TimeUnit.MILLISECONDS);
            if (text != null) {
                JsonNode node = JSON.readTree(text);
                if (filter.test(node)) {
                    return node;
                }
            }
        }
        throw new AssertionError("no matching frame within 5 s");
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
    }

    @Override
    public void onMessage(String message) {
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
