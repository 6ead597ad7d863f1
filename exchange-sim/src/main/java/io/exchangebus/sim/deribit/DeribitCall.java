package io.exchangebus.sim.deribit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.server.JsonRpcRequest;
import io.exchangebus.sim.server.JsonRpcSession;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One call of a Deribit method, over WebSocket or HTTP. Params read leniently, as Deribit's HTTP GET passes every
 * value as text: numbers and booleans may come as JSON values or as strings.
 *
 * @param session the WebSocket session, or null over HTTP
 */
record DeribitCall(JsonRpcRequest request, JsonRpcSession session) {

    ObjectNode params() {
        return request.params();
    }

    /** The authorized account of a private call, else null. */
    String account() {
        return request.account();
    }

    Instant receivedAt() {
        return request.receivedAt();
    }

    boolean overWebSocket() {
        return session != null;
    }

    boolean has(String name) {
        JsonNode n = params().get(name);
        return n != null && !n.isNull();
    }

    String text(String name) {
        return has(name) ? params().get(name).asText() : null;
    }

    /** A decimal param; throws {@link BadParam} if present but not a number. */
    BigDecimal decimal(String name) {
        if (!has(name)) {
            return null;
        }
        JsonNode n = params().get(name);
        try {
            return n.isNumber() ? n.decimalValue() : new BigDecimal(n.asText());
        } catch (NumberFormatException e) {
            throw new BadParam(name, "must be a number");
        }
    }

    Integer integer(String name) {
        BigDecimal d = decimal(name);
        try {
            return d == null ? null : d.intValueExact();
        } catch (ArithmeticException e) {
            throw new BadParam(name, "must be an integer");
        }
    }

    boolean bool(String name, boolean otherwise) {
        if (!has(name)) {
            return otherwise;
        }
        JsonNode n = params().get(name);
        String text = n.asText();
        if (n.isBoolean() || text.equals("true") || text.equals("false")) {
            return n.isBoolean() ? n.booleanValue() : Boolean.parseBoolean(text);
        }
        throw new BadParam(name, "must be a boolean");
    }

    /** A required text param. */
    String required(String name) {
        String value = text(name);
        if (value == null || value.isEmpty()) {
            throw new BadParam(name, "must be present");
        }
        return value;
    }

    /** A param that is present but wrong: answered as Deribit's {@code -32602 Invalid params}. */
    static final class BadParam extends RuntimeException {
        final String param;
        final String reason;

        BadParam(String param, String reason) {
            super(param + ": " + reason, null, false, false);
            this.param = param;
            this.reason = reason;
        }
    }
}
