package io.exchangebus.streams.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.exchangebus.avro.json.AvroJson;
import io.exchangebus.avro.topics.TopicKey;
import io.exchangebus.streams.books.BookQueries;
import io.exchangebus.streams.books.BookTopology;
import io.exchangebus.streams.books.BookView;
import io.exchangebus.streams.positions.PositionQueries;
import io.exchangebus.streams.positions.PositionTopology;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query API of streams-apps, on the ops port. Any instance answers any query: the key's holder is found with
 * Kafka Streams' metadata and the query forwarded to it ({@link KeyRouter}).
 * <ul>
 *   <li>{@code GET /books/{exchange}/{symbol}?depth=N}: the current book, top N levels per side (default and
 *       upper bound {@code books.depth}): {@code {"key", "stale", "book"}}, {@code book} null while the book is
 *       stale (after a sequence gap, until the next snapshot);</li>
 *   <li>{@code GET /bbo/{instrumentId}}: best bid and offer per venue and consolidated ({@code ConsolidatedQuote});</li>
 *   <li>{@code GET /positions/{exchange}/{account}}: {@code {"positions": [PositionState...], "balances":
 *       [BalanceUpdate...]}}.</li>
 * </ul>
 * 404 for a key nobody holds, 400 for a bad path or depth, 503 (with {@code Retry-After}) while the key's partition
 * has no active instance (starting, rebalancing after an instance left), 502 when the holder cannot be reached.
 * Decimals are JSON strings, exact. Every answer names the instance that served it in {@code X-Exbus-Served-By}.
 */
public final class QueryApi implements HttpHandler {
    /** Paths served; the service routes each to this handler. */
    public static final List<String> PATHS = List.of("/books", "/bbo", "/positions");
    /** Query parameter marking a forwarded query, which is answered locally or not at all. */
    static final String FORWARDED = "forwarded";
    static final String SERVED_BY = "X-Exbus-Served-By";

    private static final Logger LOG = LoggerFactory.getLogger(QueryApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaStreams streams;
    private final KeyRouter router;
    private final int maxDepth;
    private final String servedBy;

    public QueryApi(KafkaStreams streams, String advertisedHost, int port, Duration timeout, int maxDepth) {
        this.streams = streams;
        this.router = new KeyRouter(streams, new HostInfo(advertisedHost, port), timeout);
        this.maxDepth = maxDepth;
        this.servedBy = advertisedHost + ":" + port;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                error(exchange, 405, "only GET is served");
                return;
            }
            Query query;
            try {
                query = Query.parse(exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
                        maxDepth);
            } catch (IllegalArgumentException e) {
                error(exchange, 400, e.getMessage());
                return;
            }
            answer(exchange, query);
        }
    }

    private void answer(HttpExchange exchange, Query query) throws IOException {
        KeyRouter.Route route = router.route(query.store(), query.routingKey());
        switch (route.kind()) {
            case LOCAL:
                local(exchange, query);
                break;
            case REMOTE:
                if (query.forwarded()) {
                    // The asker thought we held it; metadata moved in between. Let the client ask again.
                    unavailable(exchange, "the key moved to " + route.host() + " while the query was forwarded");
                } else {
                    remote(exchange, route, query);
                }
                break;
            default:
                unavailable(exchange, route.reason());
        }
    }

    private void local(HttpExchange exchange, Query query) throws IOException {
        Object body = localBody(query);
        if (body == null) {
            error(exchange, 404, "nothing held for " + query.describe());
        } else {
            respond(exchange, 200, JSON.writeValueAsBytes(body), servedBy);
        }
    }

    private Object localBody(Query query) throws IOException {
        if (query.kind() == Query.Kind.BOOK) {
            BookView view = BookQueries.localBook(streams, query.routingKey(), query.depth()).orElse(null);
            if (view == null) {
                return null;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("key", view.key());
            out.put("stale", view.stale());
            out.put("book", view.top() == null ? null : json(view.top()));
            return out;
        }
        if (query.kind() == Query.Kind.BBO) {
            return BookQueries.localQuote(streams, query.routingKey()).map(this::jsonUnchecked).orElse(null);
        }
        List<JsonNode> positions = jsonAll(PositionQueries.localPositions(streams, query.exchange(),
                query.account()));
        List<JsonNode> balances = jsonAll(PositionQueries.localBalances(streams, query.exchange(), query.account()));
        if (positions.isEmpty() && balances.isEmpty()) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("exchange", query.exchange());
        out.put("account", query.account());
        out.put("positions", positions);
        out.put("balances", balances);
        return out;
    }

    private void remote(HttpExchange exchange, KeyRouter.Route route, Query query) throws IOException {
        try {
            HttpResponse<byte[]> answer = router.forward(route.host(), exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI()
                    .getRawQuery()));
            String by = answer.headers().firstValue(SERVED_BY).orElse(route.host().toString());
            if (answer.statusCode() == 503) {
                exchange.getResponseHeaders().set("Retry-After", "1");
            }
            respond(exchange, answer.statusCode(), answer.body(), by);
        } catch (IOException e) {
            LOG.warn("query {} could not reach {}: {}", query.describe(), route.host(), e.toString());
            error(exchange, 502, "the instance holding the key (" + route.host().host() + ":" + route.host().port()
                    + ") did not answer: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error(exchange, 503, "interrupted");
        }
    }

    private void unavailable(HttpExchange exchange, String reason) throws IOException {
        exchange.getResponseHeaders().set("Retry-After", "1");
        error(exchange, 503, reason);
    }

    private JsonNode json(IndexedRecord record) throws IOException {
        return JSON.readTree(AvroJson.toJson(record));
    }

    private JsonNode jsonUnchecked(IndexedRecord record) {
        try {
            return json(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<JsonNode> jsonAll(List<? extends IndexedRecord> records) {
        return records.stream().map(this::jsonUnchecked).toList();
    }

    private void error(HttpExchange exchange, int status, String message) throws IOException {
        respond(exchange, status, JSON.writeValueAsBytes(Map.of("error", message)), servedBy);
    }

    private static void respond(HttpExchange exchange, int status, byte[] body, String servedBy) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set(SERVED_BY, servedBy);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** One parsed query: what, which key, and the store whose metadata routes it. */
    record Query(Kind kind, String exchange, String account, String routingKey, String store, int depth,
                 boolean forwarded) {
        enum Kind { BOOK, BBO, POSITIONS }

        static Query parse(String rawPath, String rawQuery, int maxDepth) {
            List<String> parts = Arrays.stream(rawPath.split("/")).filter(p -> !p.isEmpty())
                    .map(p -> URLDecoder.decode(p, StandardCharsets.UTF_8)).toList();
            Map<String, String> params = params(rawQuery);
            boolean forwarded = Boolean.parseBoolean(params.get(FORWARDED));
            if (parts.size() == 3 && parts.get(0).equals("books")) {
                int depth = depth(params.get("depth"), maxDepth);
                return new Query(Kind.BOOK, parts.get(1), null, TopicKey.exchangeSymbol(parts.get(1), parts.get(2)),
                        BookTopology.BOOK_STORE, depth, forwarded);
            }
            if (parts.size() == 2 && parts.get(0).equals("bbo")) {
                return new Query(Kind.BBO, null, null, TopicKey.of(parts.get(1)), BookTopology.QUOTE_STORE, 0,
                        forwarded);
            }
            if (parts.size() == 3 && parts.get(0).equals("positions")) {
                return new Query(Kind.POSITIONS, parts.get(1), parts.get(2),
                        PositionQueries.routingKey(parts.get(1), parts.get(2)), PositionTopology.POSITION_STORE, 0,
                        forwarded);
            }
            throw new IllegalArgumentException("paths: /books/{exchange}/{symbol}?depth=N, /bbo/{instrumentId}, "
                    + "/positions/{exchange}/{account}");
        }

        String describe() {
            return kind.name().toLowerCase() + " " + routingKey;
        }

        private static int depth(String text, int maxDepth) {
            if (text == null) {
                return maxDepth;
            }
            int depth;
            try {
                depth = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("depth must be a whole number, was '" + text + "'");
            }
            if (depth < 1 || depth > maxDepth) {
                throw new IllegalArgumentException("depth must be from 1 to " + maxDepth + " (books.depth), was "
                        + depth);
            }
            return depth;
        }

        private static Map<String, String> params(String rawQuery) {
            Map<String, String> out = new LinkedHashMap<>();
            if (rawQuery == null) {
                return out;
            }
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                out.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            return out;
        }
    }
}
