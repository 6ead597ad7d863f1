package io.exchangebus.connectors.core.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.Result;
import java.util.concurrent.CompletableFuture;

/** Sends a JSON-RPC request and completes with its answer. Any thread; never blocks. */
@FunctionalInterface
public interface JsonRpcRequester {

    /**
     * @param method the method, e.g. "public/auth"
     * @param params the named parameters (an object node); never logged, never in an error message
     * @return the answer's {@code result}, or the classified error, a TIMEOUT or a NETWORK error
     */
    CompletableFuture<Result<JsonNode>> request(String method, JsonNode params);
}
