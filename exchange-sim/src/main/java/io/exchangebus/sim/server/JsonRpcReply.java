package io.exchangebus.sim.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** What a {@link JsonRpcMethod} answers: a result, or an error object. Errors are values here, not exceptions. */
public sealed interface JsonRpcReply {

    record Result(JsonNode result) implements JsonRpcReply {
        public Result {
            Objects.requireNonNull(result, "result (use NullNode for null)");
        }
    }

    record Failure(JsonRpcError error) implements JsonRpcReply {
        public Failure {
            Objects.requireNonNull(error, "error");
        }
    }

    static JsonRpcReply ok(JsonNode result) {
        return new Result(result);
    }

    static JsonRpcReply error(JsonRpcError error) {
        return new Failure(error);
    }

    static JsonRpcReply error(int code, String message) {
        return new Failure(JsonRpcError.of(code, message));
    }
}
