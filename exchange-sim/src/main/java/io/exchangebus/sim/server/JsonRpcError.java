package io.exchangebus.sim.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A JSON-RPC 2.0 error object {@code {code, message, data?}}. The standard codes (-32700..-32603) are the framing
 * errors {@link JsonRpcServer} detects itself; exchanges add their own codes (Deribit 13009, GRVT 1000...).
 *
 * @param data null: no {@code data} member
 */
public record JsonRpcError(int code, String message, JsonNode data) {

    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;

    public JsonRpcError {
        Objects.requireNonNull(message, "message");
    }

    public static JsonRpcError of(int code, String message) {
        return new JsonRpcError(code, message, null);
    }

    public JsonRpcError withData(JsonNode data) {
        return new JsonRpcError(code, message, data);
    }
}
