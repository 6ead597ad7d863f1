package io.exchangebus.service.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP endpoints for the platform running the service:
 * <ul>
 *   <li>{@code GET /health/live}: 200 while the process runs;</li>
 *   <li>{@code GET /health/ready}: 200 when every {@link ReadinessChecks readiness check} passes, else 503 with
 *       {@code {"status":"DOWN","failing":[names]}};</li>
 *   <li>{@code GET /metrics}: the {@link ServiceMetrics} in Prometheus text format.</li>
 * </ul>
 * Listens on every interface (probes come from outside the container), served by two daemon threads.
 */
public final class OpsServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;
    private final ServiceMetrics metrics;
    private final ReadinessChecks readiness;

    private OpsServer(HttpServer server, ExecutorService executor, ServiceMetrics metrics,
                      ReadinessChecks readiness) {
        this.server = server;
        this.executor = executor;
        this.metrics = metrics;
        this.readiness = readiness;
    }

    /**
     * Starts serving on {@code port} (0 for a free one, see {@link #port()}).
     *
     * @throws UncheckedIOException naming the port if it cannot be bound
     */
    public static OpsServer start(int port, ServiceMetrics metrics, ReadinessChecks readiness) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve health and metrics on port " + port + ": " + e.getMessage(),
                    e);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "exbus-ops-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        OpsServer ops = new OpsServer(server, executor, metrics, readiness);
        server.createContext("/", ops::handle);
        server.setExecutor(executor);
        server.start();
        return ops;
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Serves {@code path} and every path below it with {@code handler}, any method: a service's own endpoints (an
     * admin API) beside the ops endpoints, on the same port and threads. The handler closes the exchange.
     *
     * @throws IllegalArgumentException if {@code path} is taken or is one of the ops endpoints'
     */
    public void route(String path, HttpHandler handler) {
        if (!path.startsWith("/") || path.equals("/") || path.startsWith("/health") || path.startsWith("/metrics")) {
            throw new IllegalArgumentException("a service route is a path of its own, not '" + path + "'");
        }
        server.createContext(path, handler);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                respond(exchange, 405, "application/json", json(Map.of("error", "only GET is served")));
                return;
            }
            switch (exchange.getRequestURI().getPath()) {
                case "/health/live":
                    respond(exchange, 200, "application/json", json(Map.of("status", "UP")));
                    break;
                case "/health/ready":
                    ready(exchange);
                    break;
                case "/metrics":
                    respond(exchange, 200, PROMETHEUS_TEXT, metrics.scrape());
                    break;
                default:
                    respond(exchange, 404, "application/json", json(Map.of("error", "not found",
                            "paths", List.of("/health/live", "/health/ready", "/metrics"))));
            }
        }
    }

    private void ready(HttpExchange exchange) throws IOException {
        List<String> failing = readiness.failing();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", failing.isEmpty() ? "UP" : "DOWN");
        body.put(failing.isEmpty() ? "checks" : "failing", failing.isEmpty() ? readiness.names() : failing);
        respond(exchange, failing.isEmpty() ? 200 : 503, "application/json", json(body));
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String json(Object value) throws IOException {
        return JSON.writeValueAsString(value);
    }

    /** Stops serving at once (probes in flight get a closed connection) and ends its threads. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
