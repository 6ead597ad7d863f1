package io.exchangebus.connectors.core.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.events.ErrorKind;

/**
 * Turns a JSON-RPC error object {@code {"code":…,"message":…,"data":…}} into an {@link ExchangeError}. Each
 * connector supplies its own, classifying by the exchange's codes (Deribit's 10028 is RATE_LIMITED and retryable,
 * 13009 is AUTH), never by message text. Called on the connection's consumer thread; must not block.
 */
@FunctionalInterface
public interface JsonRpcErrorClassifier {

    /**
     * @param method the method of the request that failed (for the message; never its parameters)
     * @param error the error object as received; may lack any field
     */
    ExchangeError classify(String method, JsonNode error);

    /**
     * The default when a connector has no table yet: kind UNKNOWN, not retryable, the exchange's code and message
     * kept (the code as text, e.g. "10009"; null if the object has none). {@code data} is left out: it may echo a
     * parameter.
     */
    static JsonRpcErrorClassifier keepingCode(String exchange) {
        return (method, error) -> new ExchangeError(ErrorKind.UNKNOWN, exchange,
                error.hasNonNull("code") ? error.get("code").asText() : null,
                method + ": " + error.path("message").asText("error without a message"), 0, false, null);
    }
}
