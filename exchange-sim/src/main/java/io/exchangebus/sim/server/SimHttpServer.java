package io.exchangebus.sim.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.exchangebus.sim.fault.FaultInjector;
import io.exchangebus.sim.fault.RateLimitFault;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of an exchange simulator's HTTP endpoints, on the JDK's {@link HttpServer} bound to 127.0.0.1 with a
 * system-chosen port. Routes are registered by method and exact path; every request is recorded with its receipt
 * time before faults apply, then: a pending drop closes the connection unanswered; a pending rate-limit fault answers 429/418 with {@code Retry-After} (seconds)
 * and the body of {@link #rateLimitedResponse}; otherwise the route answers. A response delay holds the answer, and a
 * malformed-frame fault corrupts its body.
 *
 * <p>Threading: requests are handled on a small pool, so routes must be thread-safe (engines and accounts are).
 */
public class SimHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimHttpServer.class);

    protected final FaultInjector faults;
    private final Clock clock;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, HttpRoute> routes = new ConcurrentHashMap<>();
    /** Appended per request, copied when read (a copy-on-write list copied it all on each add). */
    private final Queue<SimHttpRequest> received = new ConcurrentLinkedQueue<>();

    public SimHttpServer(FaultInjector faults, Clock clock) {
        this(faults, clock, 0);
    }

    /** Bound to {@code port} on loopback (0: the system picks a free one). */
    public SimHttpServer(FaultInjector faults, Clock clock, int port) {
        this.faults = faults;
        this.clock = clock;
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind an HTTP server on loopback", e);
        }
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, getClass().getSimpleName() + "-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
    }

    /** Registers {@code route} for {@code method} (GET, POST, ...) on exactly {@code path}. */
    public SimHttpServer route(String method, String path, HttpRoute route) {
        routes.put(key(method, path), route);
        return this;
    }

    public SimHttpServer start() {
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:port}. */
    public URI baseUri() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + port());
    }

    /** Every request received so far, in arrival order, including those answered by a fault. */
    public List<SimHttpRequest> received() {
        return List.copyOf(received);
    }

    /** The answer to a rate-limited request; the default has an empty body. Exchanges render their error here. */
    protected SimHttpResponse rateLimitedResponse(RateLimitFault fault, SimHttpRequest request) {
        return SimHttpResponse.text(fault.status(), "");
    }

    protected SimHttpResponse notFound(SimHttpRequest request) {
        return SimHttpResponse.text(404, "");
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        try (exchange) {
            SimHttpRequest request = read(exchange);
            received.add(request);
            if (faults.takeHttpDrop()) {
                // Closing before the response headers makes the JDK server close the TCP connection unanswered.
                return;
            }
            Optional<RateLimitFault> limited = faults.takeRateLimit();
            SimHttpResponse response;
            if (limited.isPresent()) {
                response = rateLimitedResponse(limited.get(), request)
                        .withHeader("Retry-After", Long.toString(limited.get().retryAfterSeconds()));
            } else {
                response = answer(request);
            }
            pause(faults.responseDelay());
            write(exchange, response);
        }
    }

    private SimHttpResponse answer(SimHttpRequest request) {
        HttpRoute route = routes.get(key(request.method(), request.path()));
        if (route == null) {
            return notFound(request);
        }
        try {
            return route.handle(request);
        } catch (Exception e) {
            LOG.error("route {} {} failed", request.method(), request.path(), e);
            return SimHttpResponse.text(500, "simulator error");
        }
    }

    private SimHttpRequest read(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        URI uri = exchange.getRequestURI();
        return new SimHttpRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT), uri.getPath(),
                uri.getRawQuery(), headers, body, clock.instant());
    }

    private void write(HttpExchange exchange, SimHttpResponse response) throws IOException {
        String body = !response.body().isEmpty() && faults.takeMalformedFrame()
                ? Frames.corrupt(response.body()) : response.body();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String key(String method, String path) {
        return method.toUpperCase(Locale.ROOT) + " " + path;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
