package io.exchangebus.connectors.deribit.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.rpc.PendingRequests;
import io.exchangebus.connectors.deribit.http.DeribitErrors;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Requests whose answers are read with exact numbers. Core's client reads answers with a binary-float mapper, so an
 * order's price or a balance would lose digits (and {@code ExactNumbers} refuses such nodes). These requests carry
 * text ids ({@code "x1"}, {@code "x2"}, …: Deribit echoes an id as sent), which core's client does not match, so
 * their answers reach the fallback as raw text; {@link DeribitFrames} reads them exactly and hands them here. Each
 * request ends once: its answer (errors classified by {@link DeribitErrors}), a send refused, its timeout, or
 * {@link #failAll} when its socket is lost (core's {@link PendingRequests}).
 */
final class DeribitExactAnswers {

    static final String ID_PREFIX = "x";

    private final PendingRequests<String, JsonNode> pending;
    private final AtomicLong ids = new AtomicLong();

    DeribitExactAnswers(Duration timeout) {
        this.pending = new PendingRequests<>(DeribitErrors.EXCHANGE, timeout);
    }

    /** Sends a request through {@code socket} (a text frame sender) and completes with its exact answer. */
    CompletableFuture<Result<JsonNode>> send(String method, JsonNode params,
                                             Function<String, Result<Boolean>> socket) {
        String id = ID_PREFIX + ids.incrementAndGet();
        CompletableFuture<Result<JsonNode>> answer = pending.register(id, method);
        ObjectNode frame = JsonNodeFactory.instance.objectNode().put("jsonrpc", "2.0").put("id", id)
                .put("method", method);
        frame.set("params", params == null ? JsonNodeFactory.instance.objectNode() : params);
        Result<Boolean> sent = socket.apply(frame.toString());
        if (!sent.isOk()) {
            pending.fail(id, sent.error());
        }
        return answer;
    }

    /** An answer read exactly; true if it was one of ours still pending. */
    boolean onAnswer(JsonNode frame) {
        JsonNode id = frame.get("id");
        if (id == null || !id.isTextual() || !id.textValue().startsWith(ID_PREFIX)) {
            return false;
        }
        JsonNode error = frame.get("error");
        Result<JsonNode> result = error != null && !error.isNull() && error.path("code").isIntegralNumber()
                ? Result.err(DeribitErrors.of(error, 0))
                : Result.ok(frame.has("result") ? frame.get("result") : NullNode.getInstance());
        return pending.complete(id.textValue(), result);
    }

    /** The socket is gone: every request still waiting ends with a NETWORK error (outcome unknown). */
    void failAll() {
        pending.failAll();
    }

    int pendingCount() {
        return pending.size();
    }
}
