package io.exchangebus.benchmarks.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * GRVT's market-data JSON-RPC (grvt.md §6): ingest's subscriber subscribes {@code v1.book.d} with selector
 * {@code <instrument>@100} (the connector's default {@code book-rate}); the first frame is the full book at
 * {@code sequence_number} 0, each delta after it carries {@code prev_sequence_number}. The answer names the selectors
 * in {@code subs}, which the subscriber checks.
 */
final class GrvtProtocol implements RpcProtocol {
    static final String STREAM = "v1.book.d";
    static final int RATE = 100;

    @Override
    public String subscribe(long id, String instrument) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"subscribe\",\"params\":{\"stream\":\"" + STREAM
                + "\",\"selectors\":[\"" + instrument + "@" + RATE + "\"]},\"id\":" + id + "}";
    }

    /** Unsubscribing nothing: answered with empty lists. */
    @Override
    public String barrier(long id) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"unsubscribe\",\"params\":{\"stream\":\"v1.trade\",\"selectors\":[]},"
                + "\"id\":" + id + "}";
    }

    @Override
    public RecordingClient.FrameIds ids(JsonNode message) {
        if (!STREAM.equals(message.path("stream").asText()) || message.has("id")) {
            return null;
        }
        long sequence = message.path("sequence_number").asLong();
        long first = sequence == 0 ? 0 : message.path("prev_sequence_number").asLong() + 1;
        return new RecordingClient.FrameIds(message.path("feed").path("instrument").asText(), first, sequence);
    }

    @Override
    public Answer answer(JsonNode request) {
        String method = request.path("method").asText();
        JsonNode params = request.path("params");
        ObjectNode result = RecordingClient.JSON.createObjectNode();
        if (!method.equals("subscribe") && !method.equals("unsubscribe")) {
            return RpcProtocol.error(request, 1000);
        }
        boolean subscribe = method.equals("subscribe");
        String stream = params.path("stream").asText();
        result.put("stream", stream);
        ArrayNode subs = result.putArray("subs");
        ArrayNode unsubs = result.putArray("unsubs");
        List<String> books = new ArrayList<>();
        for (JsonNode selector : params.path("selectors")) {
            (subscribe ? subs : unsubs).add(selector.asText());
            if (subscribe && stream.equals(STREAM)) {
                books.add(selector.asText().split("@", 2)[0]);
            }
        }
        if (subscribe) {
            ArrayNode snapshots = result.putArray("num_snapshots");
            ArrayNode first = result.putArray("first_sequence_number");
            ArrayNode latest = result.putArray("latest_sequence_number");
            subs.forEach(s -> {
                snapshots.add(1);
                first.add(0);
                latest.add(0);
            });
        }
        return new Answer(RpcProtocol.result(request, result).put("method", method).toString(), books);
    }
}
