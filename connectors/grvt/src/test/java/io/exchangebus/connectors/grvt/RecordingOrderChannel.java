package io.exchangebus.connectors.grvt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionListener;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A channel that records each request's exact text and answers from a script (default: GRVT's create ack). */
final class RecordingOrderChannel implements GrvtOrderChannel {

    record Sent(String method, String params) {
    }

    final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final Deque<Result<JsonNode>> answers = new ArrayDeque<>();
    volatile Consumer<JsonNode> frames;
    volatile ConnectionListener listener;

    /** The requests of {@code method}, in order. */
    List<Sent> of(String method) {
        return sent.stream().filter(s -> s.method().equals(method)).toList();
    }

    /** The next request gets {@code answer}. */
    synchronized RecordingOrderChannel then(Result<JsonNode> answer) {
        answers.add(answer);
        return this;
    }

    @Override
    public CompletableFuture<Result<Void>> open(List<Stream> streams, Consumer<JsonNode> frames,
                                                Consumer<String> unrouted, ConnectionListener listener) {
        this.frames = frames;
        this.listener = listener;
        return CompletableFuture.completedFuture(Result.ok());
    }

    @Override
    public synchronized CompletableFuture<Result<JsonNode>> request(String method, JsonNode params) {
        sent.add(new Sent(method, params.toString()));
        Result<JsonNode> answer = answers.poll();
        return CompletableFuture.completedFuture(answer != null ? answer
                : Result.ok(JsonNodeFactory.instance.objectNode().put("order_id", "0x00")));
    }

    @Override
    public void close() {
    }
}
