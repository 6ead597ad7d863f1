package io.exchangebus.sim.server;

import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ServerHandshake;

/** A real Java-WebSocket client that queues what it receives. */
final class TestWsClient extends WebSocketClient {
    final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<Long> pongs = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

    TestWsClient(URI uri) {
        super(uri);
        setConnectionLostTimeout(0);
    }

    static TestWsClient connect(URI uri) throws InterruptedException {
        TestWsClient client = new TestWsClient(uri);
        if (!client.connectBlocking(5, TimeUnit.SECONDS)) {
            throw new IllegalStateException("could not connect to " + uri);
        }
        return client;
    }

    String next() throws InterruptedException {
        return messages.poll(5, TimeUnit.SECONDS);
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
    }

    @Override
    public void onMessage(String message) {
        messages.add(message);
    }

    @Override
    public void onWebsocketPong(WebSocket conn, Framedata f) {
        pongs.add(System.nanoTime());
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        closeCode.complete(code);
    }

    @Override
    public void onError(Exception ex) {
    }
}
