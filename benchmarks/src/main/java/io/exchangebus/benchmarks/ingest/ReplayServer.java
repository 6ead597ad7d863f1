package io.exchangebus.benchmarks.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.framing.TextFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A minimal Binance spot market-data server replaying a {@link Recording}, in a process of its own: the combined
 * stream endpoint ({@code /stream}, answering SUBSCRIBE) sends the recorded frames, byte for byte, as fast as the
 * socket takes them (at most {@value #QUEUED_FRAMES} frames queued in the server), and the REST endpoint answers
 * {@code /api/v3/depth} with a recorded snapshot consistent with what was sent ({@link SnapshotShelf}) and
 * {@code exchangeInfo} and the time as recorded. {@code GET /replay/stats} tells the harness how far it got.
 *
 * <p>Flow: ingest's connector reads its socket eagerly into a queue of 8,192 frames and drops frames (and resyncs)
 * when that is full, so the socket alone never holds the sender back. The server therefore sends at most
 * {@code window} frames beyond the records {@code market.book.v1} has acknowledged (its end offsets, read every
 * {@value #ACKED_EVERY_MICROS} µs): as fast as ingest takes them, never faster than it can without dropping.
 *
 * <p>Start: frames go out until every book has had one, then wait (up to a minute) until every book's snapshot was
 * asked for, so that the first snapshots bridge the first frames. Gaps: with {@code gapEvery} above 0, after every
 * {@code gapEvery} frames sent the next frame that ends where a recorded snapshot starts is left out.
 *
 * <p>{@code ReplayServer RECORDING WS_PORT REST_PORT GAP_EVERY BOOTSTRAP TOPIC PARTITIONS WINDOW}; runs until killed.
 */
public final class ReplayServer {
    static final int QUEUED_FRAMES = 512;
    static final long ACKED_EVERY_MICROS = 10_000;
    private static final long HOLD_NANOS = 60_000_000_000L;
    private static final Pattern SUBSCRIBE_ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    private static final Pattern SYMBOL = Pattern.compile("(?:^|&)symbol=([A-Za-z0-9]+)");

    private final Recording recording;
    private final SnapshotShelf shelf;
    private final boolean[] edges;
    private final long gapEvery;
    private final long[] lastSent;
    private final long window;
    private volatile long acked;
    private volatile int position;
    private volatile long sent;
    private volatile long skipped;
    private volatile int connections;
    private volatile boolean done;

    ReplayServer(Recording recording, long gapEvery, long window) {
        this.window = window;
        this.recording = recording;
        this.shelf = new SnapshotShelf(recording);
        this.edges = SnapshotShelf.edges(recording);
        this.gapEvery = gapEvery;
        this.lastSent = new long[recording.symbols().size()];
        java.util.Arrays.fill(lastSent, -1);
    }

    public static void main(String[] args) throws Exception {
        Recording recording = Recording.read(Path.of(args[0]));
        ReplayServer server = new ReplayServer(recording, Long.parseLong(args[3]), Long.parseLong(args[7]));
        server.followAcks(new TopicCount(args[4], args[5], Integer.parseInt(args[6])));
        server.serveRest(Integer.parseInt(args[2]));
        server.serveStream(Integer.parseInt(args[1]));
        System.out.printf(Locale.ROOT, "replay: %,d frames (%,d bytes) of %s, %d snapshots; ready%n",
                recording.frames(), recording.frameBytes(), recording.symbols(), recording.snapshots().size());
    }

    /** Reads the records acknowledged on the topic, every {@link #ACKED_EVERY_MICROS} µs, on a thread of its own. */
    private void followAcks(TopicCount count) {
        Thread follower = new Thread(() -> {
            while (true) {
                try {
                    acked = count.records();
                } catch (IllegalStateException e) {
                    System.out.println("replay: " + e.getMessage());
                }
                LockSupport.parkNanos(ACKED_EVERY_MICROS * 1000);
            }
        }, "replay-acks");
        follower.setDaemon(true);
        follower.start();
    }

    private void serveStream(int port) {
        WebSocketServer ws = new WebSocketServer(new InetSocketAddress("127.0.0.1", port)) {
            @Override
            public void onOpen(WebSocket conn, ClientHandshake handshake) {
                connections++;
            }

            @Override
            public void onMessage(WebSocket conn, String message) {
                Matcher id = SUBSCRIBE_ID.matcher(message);
                conn.send("{\"result\":null,\"id\":" + (id.find() ? id.group(1) : "null") + "}");
                if (message.contains("\"SUBSCRIBE\"")) {
                    Thread feed = new Thread(() -> replay(conn), "replay-feed");
                    feed.setDaemon(true);
                    feed.start();
                }
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

    /** Sends the frames from where the last connection stopped (a new connection resumes; its books resync). */
    private synchronized void replay(WebSocket conn) {
        WebSocketImpl socket = (WebSocketImpl) conn;
        boolean holding = position == 0;
        boolean[] started = new boolean[lastSent.length];
        int unstarted = lastSent.length;
        long nextGap = gapEvery;
        byte[] data = recording.data();
        for (int i = position; i < recording.frames() && conn.isOpen(); i++) {
            int book = recording.symbolOf(i);
            if (holding && unstarted == 0) {
                awaitSnapshotsAsked();
                holding = false;
            }
            if (gapEvery > 0 && sent >= nextGap && edges[i] && !holding) {
                skipped++;
                nextGap += gapEvery;
                position = i + 1;
                continue;
            }
            while ((socket.outQueue.size() >= QUEUED_FRAMES || sent >= acked + window) && conn.isOpen()) {
                LockSupport.parkNanos(20_000);
            }
            TextFrame frame = new TextFrame();
            frame.setPayload(ByteBuffer.wrap(data, recording.offset(i), recording.length(i)).slice());
            conn.sendFrame(frame);
            synchronized (lastSent) {
                lastSent[book] = recording.lastId(i);
            }
            if (!started[book]) {
                started[book] = true;
                unstarted--;
            }
            sent++;
            position = i + 1;
        }
        done = position >= recording.frames();
        System.out.printf(Locale.ROOT, "replay: %,d frames sent, %,d left out, %d snapshots answered%s%n", sent,
                skipped, shelf.answered(), done ? "; done" : "; the connection closed");
    }

    private void awaitSnapshotsAsked() {
        long deadline = System.nanoTime() + HOLD_NANOS;
        while (!shelf.allAsked() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
    }

    private void serveRest(int port) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        http.createContext("/", this::answer);
        http.setExecutor(Executors.newFixedThreadPool(2));
        http.start();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            byte[] body;
            if (path.equals("/replay/stats")) {
                body = stats().getBytes(StandardCharsets.UTF_8);
            } else if (path.endsWith("/depth")) {
                body = depth(query == null ? "" : query);
            } else {
                body = recording.restAnswers().get(path);
            }
            if (body == null) {
                System.out.println("replay: no answer for GET " + path);
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

    private byte[] depth(String query) {
        Matcher symbol = SYMBOL.matcher(query);
        int book = symbol.find() ? recording.symbols().indexOf(symbol.group(1).toUpperCase(Locale.ROOT)) : -1;
        if (book < 0) {
            return null;
        }
        long last;
        synchronized (lastSent) {
            last = lastSent[book];
        }
        return shelf.answer(book, last);
    }

    private String stats() {
        return String.format(Locale.ROOT,
                "{\"frames\":%d,\"sent\":%d,\"skipped\":%d,\"snapshots\":%d,\"connections\":%d,\"done\":%b}",
                recording.frames(), sent, skipped, shelf.answered(), connections, done);
    }
}
