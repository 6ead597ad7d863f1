package io.exchangebus.connectors.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.exchangebus.connectors.binance.config.BinanceEndpoints;
import io.exchangebus.connectors.binance.config.BinanceVenue;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A scripted loopback for the subscriber's unit tests: a WebSocket server that records the SUBSCRIBE/UNSUBSCRIBE
 * frames of each connection and sends a test's frames, wrapped in the combined-stream envelope, to the
 * connections that subscribed the stream; and an HTTP server answering {@code <prefix>/depth} with the snapshot the
 * test set. No matching, no book: the tests say every frame (the Binance simulator is the real proof).
 */
final class ScriptedMarket implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request frame a client sent, on which connection (from 1) and when. */
    record Request(int connection, String method, List<String> streams, long atNanos) {
    }

    private final BinanceVenue venue;
    private final Ws ws;
    private final HttpServer http;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<WebSocket, Set<String>> subscribed = new ConcurrentHashMap<>();
    private final Map<WebSocket, Integer> numbers = new ConcurrentHashMap<>();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger depthHits = new AtomicInteger();
    private volatile String depthAnswer = "{\"lastUpdateId\":0,\"bids\":[],\"asks\":[]}";

    ScriptedMarket(BinanceVenue venue) throws Exception {
        this.venue = venue;
        this.ws = new Ws();
        ws.start();
        if (!ws.started.await(5, TimeUnit.SECONDS)) {
            throw new IllegalStateException("ws server did not start");
        }
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext(venue.restPrefix() + "/depth", exchange -> {
            depthHits.incrementAndGet();
            byte[] body = depthAnswer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
    }

    BinanceEndpoints endpoints() {
        return new BinanceEndpoints(venue, URI.create("http://127.0.0.1:" + http.getAddress().getPort()),
                URI.create("ws://127.0.0.1:" + ws.getPort()), URI.create("ws://127.0.0.1:" + ws.getPort() + "/ws-api"));
    }

    /** What {@code GET <prefix>/depth} answers from now on. */
    void depth(String json) {
        depthAnswer = json;
    }

    int depthHits() {
        return depthHits.get();
    }

    /** Sends {@code data} on {@code stream} to every connection that subscribed it. */
    void send(String stream, String data) {
        String frame = "{\"stream\":\"" + stream + "\",\"data\":" + data + "}";
        subscribed.forEach((conn, streams) -> {
            if (streams.contains(stream) && conn.isOpen()) {
                conn.send(frame);
            }
        });
    }

    /** Sends a raw text to every open connection. */
    void sendRaw(String text) {
        for (WebSocket conn : ws.getConnections()) {
            if (conn.isOpen()) {
                conn.send(text);
            }
        }
    }

    /** True when some open connection has subscribed {@code stream}. */
    boolean isSubscribed(String stream) {
        return subscribed.entrySet().stream().anyMatch(e -> e.getKey().isOpen() && e.getValue().contains(stream));
    }

    /** Open connections. */
    int openConnections() {
        return (int) ws.getConnections().stream().filter(WebSocket::isOpen).count();
    }

    /** Connections ever opened. */
    int opened() {
        return opened.get();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Cuts every connection without a close handshake. */
    void dropAll() {
        for (WebSocket conn : ws.getConnections()) {
            conn.closeConnection(CloseFrame.ABNORMAL_CLOSE, "dropped by test");
        }
    }

    @Override
    public void close() throws Exception {
        http.stop(0);
        ws.stop(1000);
    }

    private final class Ws extends WebSocketServer {
        final CountDownLatch started = new CountDownLatch(1);

        Ws() {
            super(new InetSocketAddress("127.0.0.1", 0));
            setReuseAddr(true);
            setDaemon(true);
            setConnectionLostTimeout(0);
        }

        @Override
        public void onStart() {
            started.countDown();
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            numbers.put(conn, opened.incrementAndGet());
            subscribed.put(conn, ConcurrentHashMap.newKeySet());
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            try {
                JsonNode request = JSON.readTree(message);
                String method = request.path("method").asText();
                List<String> streams = new java.util.ArrayList<>();
                request.path("params").forEach(p -> streams.add(p.asText()));
                requests.add(new Request(numbers.getOrDefault(conn, 0), method, streams, System.nanoTime()));
                if ("SUBSCRIBE".equals(method)) {
                    subscribed.get(conn).addAll(streams);
                } else if ("UNSUBSCRIBE".equals(method)) {
                    streams.forEach(subscribed.get(conn)::remove);
                }
                conn.send("{\"result\":null,\"id\":" + request.path("id").asLong() + "}");
            } catch (IOException e) {
                conn.send("{\"error\":{\"code\":2,\"msg\":\"Invalid request\"},\"id\":null}");
            }
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            subscribed.remove(conn);
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
        }
    }
}
