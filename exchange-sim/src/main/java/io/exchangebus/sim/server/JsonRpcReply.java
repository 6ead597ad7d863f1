package io.exchangebus.sim.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** What a {@link JsonRpcMethod} answers: a result, or an error object. Errors are values here, not exceptions. */
public sealed interface JsonRpcReply {

    /**
     * @param afterSent run once the answer is sent (see {@link SimWebSocketServer#reply(org.java_websocket.WebSocket,
     *                  String, String, Runnable)}), e.g. to push a subscription's first snapshot; null: nothing
     */
    record Result(JsonNode result, Runnable afterSent) implements JsonRpcReply {
        public Result {
            Objects.requireNonNull(result, "result (use NullNode for null)");
        }

        /** This result, with {@code action} to run once it is sent. */
        public Result thenRun(Runnable action) {
            return new Result(result, action);
        }
    }

    record Failure(JsonRpcError error) implements JsonRpcReply {
        public Failure {
            Objects.requireNonNull(error, "error");
        }
    }

    static Result ok(JsonNode result) {
        return new Result(result, null);
    }

    static JsonRpcReply error(JsonRpcError error) {
        return new Failure(error);
    }

    static JsonRpcReply error(int code, String message) {
        return new Failure(JsonRpcError.of(code, message));
    }
}
