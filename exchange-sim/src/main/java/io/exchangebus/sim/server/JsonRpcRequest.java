package io.exchangebus.sim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * A well-formed JSON-RPC request as received.
 *
 * @param id the request's {@code id} as sent (number or string), null when absent
 * @param params the named params, an empty object when absent
 * @param receivedAt on the server's clock, when the frame arrived (for Deribit's {@code usIn})
 * @param account for methods registered as private, the account the server's authorization found; else null
 */
public record JsonRpcRequest(JsonNode id, String method, ObjectNode params, Instant receivedAt, String account) {

    public JsonRpcRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    JsonRpcRequest withAccount(String authorized) {
        return new JsonRpcRequest(id, method, params, receivedAt, authorized);
    }
}
