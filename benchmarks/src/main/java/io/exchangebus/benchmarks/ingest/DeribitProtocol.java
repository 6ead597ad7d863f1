package io.exchangebus.benchmarks.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Deribit's public JSON-RPC (deribit.md §6): ingest's subscriber without an account subscribes
 * {@code book.<instrument>.100ms} with {@code public/subscribe}; the first notification is the book's
 * {@code snapshot} ({@code change_id}), each {@code change} after it carries {@code prev_change_id}. On a new
 * socket it sends {@code public/set_heartbeat} first; heartbeats' test requests are answered with
 * {@code public/test}.
 */
final class DeribitProtocol implements RpcProtocol {
    static final String INTERVAL = "100ms";

    static String channel(String instrument) {
        return "book." + instrument + "." + INTERVAL;
    }

    @Override
    public String subscribe(long id, String instrument) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"public/subscribe\",\"params\":{\"channels\":[\""
                + channel(instrument) + "\"]}}";
    }

    @Override
    public String barrier(long id) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"public/test\",\"params\":{}}";
    }

    @Override
    public RecordingClient.FrameIds ids(JsonNode message) {
        if (!"subscription".equals(message.path("method").asText())) {
            return null;
        }
        JsonNode data = message.path("params").path("data");
        long changeId = data.path("change_id").asLong();
        long first = "snapshot".equals(data.path("type").asText()) ? changeId
                : data.path("prev_change_id").asLong() + 1;
        return new RecordingClient.FrameIds(data.path("instrument_name").asText(), first, changeId);
    }

    @Override
    public Answer answer(JsonNode request) {
        String method = request.path("method").asText();
        JsonNode params = request.path("params");
        ObjectNode json = RecordingClient.JSON.createObjectNode();
        return switch (method) {
            case "public/subscribe", "public/unsubscribe" -> {
                ArrayNode channels = json.arrayNode();
                List<String> books = new ArrayList<>();
                for (JsonNode channel : params.path("channels")) {
                    channels.add(channel.asText());
                    String[] parts = channel.asText().split("\\.");
                    if (method.endsWith("/subscribe") && parts.length == 3 && parts[0].equals("book")
                            && parts[2].equals(INTERVAL)) {
                        books.add(parts[1]);
                    }
                }
                yield new Answer(RpcProtocol.result(request, channels).toString(), books);
            }
            case "public/set_heartbeat" -> answer(request, json.textNode("ok"));
            case "public/test" -> answer(request, json.put("version", "1.2.26"));
            case "public/get_time" -> answer(request, json.numberNode(System.currentTimeMillis()));
            default -> RpcProtocol.error(request, -32601);
        };
    }

    private static Answer answer(JsonNode request, JsonNode result) {
        return new Answer(RpcProtocol.result(request, result).toString(), List.of());
    }
}
