package io.exchangebus.benchmarks.pipeline;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.localstack.process.ServiceProcess;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * streams-apps' book query on its ops port: {@code GET /books/{exchange}/{symbol}?depth=N}, answered from the
 * state store of the instance holding the key (see streams-apps' {@code QueryApi}). Numbers are read as exact
 * decimals, whether the JSON gives them as strings or numbers.
 */
final class BooksQueryApi {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final ServiceProcess streams;

    BooksQueryApi(ServiceProcess streams) {
        this.streams = streams;
    }

    /** What the API answers for {@code symbol}; an answer that is not 200 or not a book is an exception. */
    TopBook book(String exchange, String symbol, int depth) throws IOException {
        HttpResponse<String> response = streams.get("/books/" + exchange + "/" + symbol + "?depth=" + depth);
        if (response.statusCode() != 200) {
            throw new IOException("GET /books/" + exchange + "/" + symbol + ": HTTP " + response.statusCode() + " "
                    + response.body());
        }
        return parse(response.body());
    }

    /**
     * A book answer, {@code {"key", "stale", "book": BookUpdate as JSON}}: the book's {@code bids} and {@code asks},
     * each level {@code {"price", "quantity"}} (or {@code [price, quantity]}). A stale book (null) is an exception.
     */
    static TopBook parse(String body) throws IOException {
        JsonNode answer = JSON.readTree(body);
        JsonNode root = answer.has("book") ? answer.get("book") : answer;
        if (root == null || root.isNull()) {
            throw new IOException("no book in the answer (stale: " + answer.get("stale") + ")");
        }
        JsonNode sequence = root.get("sequence");
        return new TopBook(sequence == null || !sequence.canConvertToLong() ? -1 : sequence.asLong(),
                levels(root, "bids"), levels(root, "asks"));
    }

    private static List<TopBook.Level> levels(JsonNode root, String side) throws IOException {
        JsonNode array = root.get(side);
        if (array == null || !array.isArray()) {
            throw new IOException("no '" + side + "' array in " + root);
        }
        List<TopBook.Level> levels = new ArrayList<>();
        for (JsonNode level : array) {
            if (level.isArray() && level.size() == 2) {
                levels.add(new TopBook.Level(decimal(level.get(0)), decimal(level.get(1))));
            } else if (level.isObject() && level.has("price") && level.has("quantity")) {
                levels.add(new TopBook.Level(decimal(level.get("price")), decimal(level.get("quantity"))));
            } else {
                throw new IOException("not a level: " + level);
            }
        }
        return levels;
    }

    private static BigDecimal decimal(JsonNode node) throws IOException {
        if (node.isTextual()) {
            return new BigDecimal(node.asText());
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        throw new IOException("not a number: " + node);
    }
}
