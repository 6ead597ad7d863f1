package io.exchangebus.benchmarks.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * What every replay server shares, whatever the exchange's protocol: the servers on loopback, the REST answers
 * recorded, and the flow control of the frames sent.
 *
 * <p>Flow: ingest's connectors read their socket eagerly into a queue of 8,192 frames and drop frames (and resync)
 * when that is full, so the socket alone never holds the sender back. A frame therefore goes out only while fewer
 * than {@code window} frames were sent beyond the records {@code market.book.v1} has acknowledged (its end offsets,
 * read every {@value #ACKED_EVERY_MICROS} µs) and the server holds fewer than {@value #QUEUED_BATCHES} batches for
 * the socket: as fast as ingest takes them, never faster than it can without dropping.
 *
 * <p>Frames go out in batches of up to {@value #BATCH_BYTES} bytes ({@link FrameBatch}), one write for many frames,
 * so that the replay spends little of the CPU that ingest is measured on; a batch goes as soon as it is full, the
 * window is reached, or the caller {@linkplain #flush flushes}.
 *
 * <p>Threading: one feed thread sends ({@link #send}, {@link #flush}); the counters are read from any thread.
 */
final class ReplayFlow {
    static final int QUEUED_BATCHES = 16;
    static final int BATCH_BYTES = 32 * 1024;
    static final long ACKED_EVERY_MICROS = 10_000;
    /** How long the feed waits for the server's queue to drain before it looks again. */
    static final long QUEUE_WAIT_NANOS = 100_000;

    private final Recording recording;
    private final long window;
    private final FrameBatch batch = new FrameBatch(BATCH_BYTES);
    private volatile Thread feeder;
    private volatile long acked;
    private volatile long sent;
    private volatile int connections;

    ReplayFlow(Recording recording, long window) {
        this.recording = recording;
        this.window = window;
    }

    /** Reads the records acknowledged on the topic, every {@link #ACKED_EVERY_MICROS} µs, on a thread of its own. */
    void followAcks(TopicCount count) {
        Thread follower = new Thread(() -> {
            while (true) {
                try {
                    acked = count.records();
                    Thread waiting = feeder;
                    if (waiting != null) {
                        LockSupport.unpark(waiting); // a feed held by the window goes on at once
                    }
                } catch (IllegalStateException e) {
                    System.out.println("replay: " + e.getMessage());
                }
                LockSupport.parkNanos(ACKED_EVERY_MICROS * 1000);
            }
        }, "replay-acks");
        follower.setDaemon(true);
        follower.start();
    }

    /**
     * Sends recorded frame {@code i}, byte for byte, in the batch being filled: once the window and the server's
     * queue have room for it.
     */
    void send(WebSocket conn, int i) {
        int length = recording.length(i);
        if (batch.wouldOverflow(length)) {
            flush(conn);
        }
        WebSocketImpl socket = (WebSocketImpl) conn;
        feeder = Thread.currentThread();
        while (conn.isOpen()) {
            if (sent + batch.frames() >= acked + window) {
                if (batch.frames() > 0) {
                    flush(conn); // what waits in the batch is what lets the acknowledged records catch up
                } else {
                    LockSupport.parkNanos(ACKED_EVERY_MICROS * 1000); // until the next look at the acks
                }
            } else if (socket.outQueue.size() >= QUEUED_BATCHES) {
                LockSupport.parkNanos(QUEUE_WAIT_NANOS);
            } else {
                break;
            }
        }
        batch.add(recording.data(), recording.offset(i), length);
    }

    /** Sends the frames of the batch being filled now; with the connection gone they are dropped. */
    void flush(WebSocket conn) {
        if (batch.frames() == 0) {
            return;
        }
        int frames = batch.frames();
        FrameBatch.Framed framed = batch.take();
        if (conn.isOpen()) {
            conn.sendFrame(framed);
            sent += frames;
        }
    }

    long sent() {
        return sent;
    }

    int connections() {
        return connections;
    }

    /** The stream endpoint: every text message a client sends goes to {@code onMessage} (on the server's thread). */
    void serveStream(int port, BiConsumer<WebSocket, String> onMessage) {
        WebSocketServer ws = new WebSocketServer(new InetSocketAddress("127.0.0.1", port), FrameBatch.Server.only()) {
            @Override
            public void onOpen(WebSocket conn, ClientHandshake handshake) {
                connections++;
            }

            @Override
            public void onMessage(WebSocket conn, String message) {
                onMessage.accept(conn, message);
            }

            @Override
            public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            }

            @Override
            public void onError(WebSocket conn, Exception e) {
                System.out.println("replay: socket error " + e);
            }

            @Override
            public void onStart() {
            }
        };
        ws.setReuseAddr(true);
        ws.setTcpNoDelay(true);
        ws.start();
    }

    /**
     * The REST endpoint, any method: {@code /replay/stats} answers {@code stats}, then {@code answer} (path, raw
     * query) if it has a body for the request, else the recorded answer of the path; 404 otherwise.
     */
    void serveRest(int port, Supplier<String> stats, BiFunction<String, String, byte[]> answer) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        http.createContext("/", exchange -> answer(exchange, stats, answer));
        http.setExecutor(Executors.newFixedThreadPool(2));
        http.start();
    }

    private void answer(HttpExchange exchange, Supplier<String> stats, BiFunction<String, String, byte[]> answer)
            throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            byte[] body = path.equals("/replay/stats") ? stats.get().getBytes(StandardCharsets.UTF_8)
                    : answer.apply(path, query == null ? "" : query);
            if (body == null) {
                body = recording.restAnswers().get(path);
            }
            if (body == null) {
                System.out.println("replay: no answer for " + exchange.getRequestMethod() + " " + path);
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
