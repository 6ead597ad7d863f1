package io.exchangebus.streams.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /dashboard} on the ops port:
 * <ul>
 *   <li>{@code GET /dashboard}: the page; {@code /dashboard/app.js} and {@code /dashboard/style.css} its script and
 *       style, from the classpath ({@code dashboard/}), with nothing fetched from anywhere else
 *       ({@code Content-Security-Policy: default-src 'self'});</li>
 *   <li>{@code GET /dashboard/events}: the live feed as Server-Sent Events ({@link FeedMessages}); 503 with
 *       {@code Retry-After} when {@code dashboard.max-clients} feeds are open.</li>
 * </ul>
 * The ops server has two threads for everyone: a feed is handed to {@link DashboardClients} once its headers are
 * sent, and this handler returns at once.
 */
public final class DashboardHandler implements HttpHandler {
    /** The path routed to this handler. */
    public static final String PATH = "/dashboard";
    static final String EVENTS = PATH + "/events";

    private static final String SECURITY_POLICY = "default-src 'self'; img-src 'self' data:";

    private final DashboardClients clients;
    private final Map<String, Asset> assets = new LinkedHashMap<>();

    DashboardHandler(DashboardClients clients) {
        this.clients = clients;
        Asset page = Asset.load("index.html", "text/html; charset=utf-8");
        assets.put(PATH, page);
        assets.put(PATH + "/", page);
        assets.put(PATH + "/index.html", page);
        assets.put(PATH + "/app.js", Asset.load("app.js", "text/javascript; charset=utf-8"));
        assets.put(PATH + "/style.css", Asset.load("style.css", "text/css; charset=utf-8"));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!exchange.getRequestMethod().equals("GET")) {
            try (exchange) {
                respond(exchange, 405, "text/plain; charset=utf-8", bytes("only GET is served"));
            }
            return;
        }
        if (path.equals(EVENTS)) {
            feed(exchange);
            return;
        }
        try (exchange) {
            Asset asset = assets.get(path);
            if (asset == null) {
                respond(exchange, 404, "text/plain; charset=utf-8", bytes("not found: the dashboard is at " + PATH));
            } else {
                respond(exchange, 200, asset.contentType(), asset.body());
            }
        }
    }

    /** Starts a live feed, or answers 503 when there are too many; never keeps this thread. */
    private void feed(HttpExchange exchange) throws IOException {
        if (!clients.tryReserve()) {
            try (exchange) {
                exchange.getResponseHeaders().set("Retry-After", "5");
                respond(exchange, 503, "text/plain; charset=utf-8", bytes("too many dashboard feeds are open"));
            }
            return;
        }
        try {
            exchange.getResponseHeaders().set("Content-Type", ServerSentEvents.CONTENT_TYPE);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            // Proxies that buffer (nginx) would hold the feed back.
            exchange.getResponseHeaders().set("X-Accel-Buffering", "no");
            exchange.sendResponseHeaders(200, 0);
        } catch (IOException | RuntimeException e) {
            clients.release();
            exchange.close();
            throw e;
        }
        clients.join(exchange);
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.getResponseHeaders().set("Content-Security-Policy", SECURITY_POLICY);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A file of the page, read once from the classpath. */
    private record Asset(String contentType, byte[] body) {
        static Asset load(String name, String contentType) {
            String resource = "dashboard/" + name;
            try (InputStream in = DashboardHandler.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the dashboard's " + resource + " is not on the classpath");
                }
                return new Asset(contentType, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the dashboard's " + resource, e);
            }
        }
    }
}
