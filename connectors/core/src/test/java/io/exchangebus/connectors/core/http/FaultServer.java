package io.exchangebus.connectors.core.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on 127.0.0.1 that answers each path from a script of faults, one per hit, then "200 {}" once
 * the script is spent (or a standing fault, if set), and counts every hit. {@code /time} answers the server's time,
 * skewed on demand, as {@code {"serverTime":<epoch ms>}}.
 */
final class FaultServer implements AutoCloseable {

    /** What the server does with one hit. */
    sealed interface Fault permits Reply, Hang {
    }

    /** Answer after {@code delay}. */
    record Reply(int status, Map<String, String> headers, String body, Duration delay) implements Fault {
    }

    /** Never answer (until the server stops). */
    record Hang() implements Fault {
    }

    static Reply status(int status) {
        return new Reply(status, Map.of(), "{\"code\":" + status + "}", Duration.ZERO);
    }

    static Reply status(int status, String header, String value) {
        return new Reply(status, Map.of(header, value), "{\"code\":" + status + "}", Duration.ZERO);
    }

    static Reply ok(String header, String value) {
        return new Reply(200, Map.of(header, value), "{}", Duration.ZERO);
    }

    static Hang hang() {
        return new Hang();
    }

    /** One hit as the server saw it. */
    record Hit(String method, String path, String query, Map<String, List<String>> headers, long atNanos) {
    }

    private final HttpServer server;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-server");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Queue<Fault>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Fault> standing = new ConcurrentHashMap<>();
    private final List<Hit> hits = new CopyOnWriteArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile long clockSkewMillis;

    private FaultServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    static FaultServer start() throws IOException {
        return new FaultServer();
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next hits of {@code path} get these faults, in order. */
    FaultServer script(String path, Fault... faults) {
        scripts.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>()).addAll(List.of(faults));
        return this;
    }

    /** Every hit of {@code path} past its script gets this fault; null restores "200 {}". */
    FaultServer always(String path, Fault fault) {
        if (fault == null) {
            standing.remove(path);
        } else {
            standing.put(path, fault);
        }
        return this;
    }

    /** The server's clock runs ahead of ours by {@code skew} (behind if negative). */
    void skewClock(Duration skew) {
        clockSkewMillis = skew.toMillis();
    }

    void resetHits() {
        hits.clear();
    }

    int hits() {
        return hits.size();
    }

    int hits(String path) {
        return (int) hits.stream().filter(h -> h.path().equals(path)).count();
    }

    List<Hit> hitList() {
        return List.copyOf(hits);
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        hits.add(new Hit(ex.getRequestMethod(), path, ex.getRequestURI().getRawQuery(),
                Map.copyOf(ex.getRequestHeaders()), System.nanoTime()));
        ex.getRequestBody().readAllBytes();
        Queue<Fault> script = scripts.get(path);
        Fault fault = script != null ? script.poll() : null;
        if (fault == null) {
            fault = standing.get(path);
        }
        try {
            if (fault instanceof Hang) {
                stopped.await(30, TimeUnit.SECONDS);
                return;
            }
            if (fault instanceof Reply r) {
                if (!r.delay().isZero()) {
                    stopped.await(r.delay().toMillis(), TimeUnit.MILLISECONDS);
                }
                respond(ex, r.status(), r.headers(), r.body());
            } else if (path.equals("/time")) {
                long now = System.currentTimeMillis() + clockSkewMillis;
                respond(ex, 200, Map.of(), "{\"serverTime\":" + now + "}");
            } else {
                respond(ex, 200, Map.of(), "{}");
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        } finally {
            ex.close();
        }
    }

    private static void respond(HttpExchange ex, int status, Map<String, String> headers, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        stopped.countDown();
        server.stop(0);
        workers.shutdownNow();
    }
}
