package io.exchangebus.sim.grvt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.server.JsonRpcSession;
import java.math.BigInteger;
import java.time.Instant;

/**
 * One API call, from REST or the WebSocket: the request body (REST) or {@code params} (JSON-RPC).
 *
 * @param account the logged-in account id ({@code X-Grvt-Account-Id}) for private methods, else null
 * @param session the WebSocket session, null over REST
 */
record GrvtCall(ObjectNode params, String account, JsonRpcSession session, Instant receivedAt) {

    /** The {@code sub_account_id} param, or null if absent or not a uint64. */
    BigInteger subAccountId() {
        try {
            BigInteger id = new BigInteger(params.path("sub_account_id").asText());
            return id.signum() < 0 || id.compareTo(SignedOrder.UINT64_MAX) > 0 ? null : id;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
