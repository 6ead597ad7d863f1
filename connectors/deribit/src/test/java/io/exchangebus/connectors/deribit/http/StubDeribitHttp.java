package io.exchangebus.connectors.deribit.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP server answering Deribit JSON-RPC paths with scripted bodies, for the HTTP client's unit tests
 * (the Deribit simulator of exchange-sim is used by the ITs). Records every hit.
 */
public final class StubDeribitHttp implements AutoCloseable {

    /** One scripted answer. */
    public record Answer(int status, String body) {
    }

    /** One hit: HTTP method, path, decoded query, Authorization header (or null), body ("" if none). */
    public record Hit(String method, String path, Map<String, String> query, String authorization, String body) {
    }

    private final HttpServer server;
    private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Answer> defaults = new ConcurrentHashMap<>();
    private final List<Hit> hits = new CopyOnWriteArrayList<>();

    public StubDeribitHttp() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/v2/", this::handle);
        server.start();
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v2");
    }

    /** Every hit of {@code method} (e.g. public/auth) gets {@code result}, with HTTP 200. */
    public StubDeribitHttp result(String method, String resultJson) {
        defaults.put("/api/v2/" + method, new Answer(200, "{\"jsonrpc\":\"2.0\",\"result\":" + resultJson + "}"));
        return this;
    }

    /** Every hit of {@code method} with query {@code currency=<currency>} gets {@code result}, before the default. */
    public StubDeribitHttp resultFor(String method, String currency, String resultJson) {
        defaults.put("/api/v2/" + method + "?currency=" + currency,
                new Answer(200, "{\"jsonrpc\":\"2.0\",\"result\":" + resultJson + "}"));
        return this;
    }

    /** The next hit of {@code method} gets this answer, before the default. */
    public StubDeribitHttp once(String method, int status, String body) {
        scripts.computeIfAbsent("/api/v2/" + method, k -> new ArrayDeque<>()).add(new Answer(status, body));
        return this;
    }

    public static String error(int code, String message) {
        return "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\"}}";
    }

    public List<Hit> hits() {
        return hits;
    }

    public List<Hit> hits(String method) {
        return hits.stream().filter(h -> h.path().equals("/api/v2/" + method)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        hits.add(new Hit(exchange.getRequestMethod(), path, query,
                exchange.getRequestHeaders().getFirst("Authorization"), body));
        Deque<Answer> script = scripts.get(path);
        Answer answer = script == null ? null : script.poll();
        if (answer == null) {
            answer = defaults.get(path + "?currency=" + query.get("currency"));
        }
        if (answer == null) {
            answer = defaults.getOrDefault(path, new Answer(400, error(-32601, "Method not found")));
        }
        byte[] reply = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), reply.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
