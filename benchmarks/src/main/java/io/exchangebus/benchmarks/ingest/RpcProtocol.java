package io.exchangebus.benchmarks.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The JSON-RPC market-data protocol of an exchange whose books start with a snapshot in the stream (Deribit, GRVT):
 * what its subscriber sends, which frames are book frames, and what the exchange answers, for {@link RpcFrameRecorder}
 * (as the subscriber) and {@link RpcReplayServer} (as the exchange). Stateless.
 */
interface RpcProtocol {

    /** A request's answer, as sent, and the books (instruments) whose book stream it subscribed. */
    record Answer(String text, List<String> subscribedBooks) {
    }

    /** The request ingest's subscriber sends for the full-depth book of {@code instrument}, with id {@code id}. */
    String subscribe(long id, String instrument);

    /** A request answered at once, after every frame pushed before it: the recorder's barrier. */
    String barrier(long id);

    /** A book frame's instrument and update ids; null for anything else (an answer). */
    RecordingClient.FrameIds ids(JsonNode message);

    /** The exchange's answer to {@code request}, as the simulator gives it (the fields our subscriber reads). */
    Answer answer(JsonNode request);

    static RpcProtocol of(Venue venue) {
        return switch (venue) {
            case DERIBIT -> new DeribitProtocol();
            case GRVT -> new GrvtProtocol();
            case BINANCE -> throw new IllegalArgumentException("Binance is not replayed over JSON-RPC");
        };
    }

    /** {@code {"jsonrpc":"2.0","id":ID,"result":RESULT}}. */
    static ObjectNode result(JsonNode request, JsonNode result) {
        ObjectNode answer = RecordingClient.JSON.createObjectNode().put("jsonrpc", "2.0");
        answer.set("id", request.path("id"));
        answer.set("result", result);
        return answer;
    }

    /** {@code {"jsonrpc":"2.0","id":ID,"error":{"code":CODE,"message":MESSAGE}}}: a request the replay does not know. */
    static Answer error(JsonNode request, int code) {
        ObjectNode answer = RecordingClient.JSON.createObjectNode().put("jsonrpc", "2.0");
        answer.set("id", request.path("id"));
        answer.putObject("error").put("code", code).put("message", "not replayed: " + request.path("method").asText());
        System.out.println("replay: no answer for " + request);
        return new Answer(answer.toString(), List.of());
    }
}
