package io.exchangebus.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.exchangebus.service.config.ConfigTypes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API of the subscriptions, on the ops port:
 * <ul>
 *   <li>{@code GET /subscriptions}: 200, a JSON list of the running subscriptions;</li>
 *   <li>{@code PUT /subscriptions/{name}} with {@code {"exchange":…,"symbol":…,"book":true,"book-depth":20,
 *       "book-interval":"100ms","trades":true}} (all but exchange and symbol optional, defaults as the
 *       configuration's): 200 with the subscription once the exchange confirmed it; 400 for a bad body or an
 *       unknown symbol, 404 for an exchange not configured, 409 if another name has the instrument, 502 if the
 *       exchange refused;</li>
 *   <li>{@code DELETE /subscriptions/{name}}: 204, or 404 if there is no such subscription.</li>
 * </ul>
 * Errors are {@code {"error": "..."}}. Changes are not written back to the configuration file: a restart runs
 * what the file says.
 */
final class SubscriptionsApi implements HttpHandler {
    static final String PATH = "/subscriptions";
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionsApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Subscriptions subscriptions;

    SubscriptionsApi(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String name = path.length() > PATH.length() + 1 ? path.substring(PATH.length() + 1) : "";
            String method = exchange.getRequestMethod();
            if (name.isEmpty() && method.equals("GET")) {
                respond(exchange, 200, subscriptions.list().stream().map(SubscriptionsApi::view).toList());
            } else if (!name.isEmpty() && method.equals("PUT")) {
                put(exchange, name);
            } else if (!name.isEmpty() && method.equals("DELETE")) {
                if (subscriptions.remove(name)) {
                    exchange.sendResponseHeaders(204, -1);
                } else {
                    error(exchange, 404, "no subscription named '" + name + "'");
                }
            } else {
                error(exchange, 405, "GET " + PATH + ", PUT or DELETE " + PATH + "/{name}");
            }
        }
    }

    private void put(HttpExchange exchange, String name) throws IOException {
        SubscriptionSpec spec;
        try {
            spec = parse(name, JSON.readTree(exchange.getRequestBody()));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            error(exchange, 400, e instanceof JsonProcessingException ? "not JSON" : e.getMessage());
            return;
        }
        try {
            subscriptions.put(spec);
            respond(exchange, 200, view(spec));
        } catch (Subscriptions.Refused e) {
            LOG.warn("subscription {} refused: {}", name, e.getMessage());
            error(exchange, e.status(), e.getMessage());
        }
    }

    /** A subscription from a PUT body, with the configuration's defaults. */
    static SubscriptionSpec parse(String name, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
        Duration interval = body.hasNonNull("book-interval")
                ? ConfigTypes.DURATION.convert(body.get("book-interval").asText())
                : IngestKeys.BOOK_INTERVAL.defaultValue().orElseThrow();
        return new SubscriptionSpec(name, text(body, "exchange"), text(body, "symbol"),
                flag(body, "book", IngestKeys.BOOK.defaultValue().orElseThrow()),
                body.hasNonNull("book-depth") ? body.get("book-depth").asInt(-1)
                        : IngestKeys.BOOK_DEPTH.defaultValue().orElseThrow(),
                interval, flag(body, "trades", IngestKeys.TRADES.defaultValue().orElseThrow()),
                flag(body, "tickers", IngestKeys.TICKERS.defaultValue().orElseThrow()));
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(field + ": required, a string");
        }
        return value.asText();
    }

    private static boolean flag(JsonNode body, String field, boolean fallback) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new IllegalArgumentException(field + ": must be true or false");
        }
        return value.asBoolean();
    }

    static Map<String, Object> view(SubscriptionSpec spec) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", spec.name());
        out.put("exchange", spec.exchange());
        out.put("symbol", spec.symbol());
        out.put("book", spec.book());
        out.put("book-depth", spec.bookDepth());
        out.put("book-interval", ConfigTypes.DURATION.show(spec.bookInterval()));
        out.put("trades", spec.trades());
        out.put("tickers", spec.tickers());
        return out;
    }

    private static void error(HttpExchange exchange, int status, String message) throws IOException {
        respond(exchange, status, Map.of("error", message));
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
