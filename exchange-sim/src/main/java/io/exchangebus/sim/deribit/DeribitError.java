package io.exchangebus.sim.deribit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.server.JsonRpcError;
import io.exchangebus.sim.server.JsonRpcReply;

/**
 * Deribit's error codes the simulator answers with (codes and messages of the venue page's §10 table, from Deribit's
 * error_codes.md). Errors are values: {@link #reply()} is what a method returns.
 */
enum DeribitError {
    ERROR(10001, "error"),
    QTY_TOO_LOW(10002, "qty_too_low"),
    ORDER_NOT_FOUND(10004, "order_not_found"),
    PRICE_TOO_LOW(10005, "price_too_low"),
    NOT_ENOUGH_FUNDS(10009, "not_enough_funds"),
    ALREADY_CLOSED(10010, "already_closed"),
    INVALID_OR_UNSUPPORTED_INSTRUMENT(10020, "invalid_or_unsupported_instrument"),
    INVALID_AMOUNT(10021, "invalid_amount"),
    NON_INTEGER_CONTRACT_AMOUNT(10027, "non_integer_contract_amount"),
    TOO_MANY_REQUESTS(10028, "too_many_requests"),
    NOT_OWNER_OF_ORDER(10029, "not_owner_of_order"),
    PRICE_WRONG_TICK(10043, "price_wrong_tick"),
    INVALID_ARGUMENTS(11029, "invalid_arguments"),
    NOT_OPEN_ORDER(11044, "not_open_order"),
    BAD_REQUEST(11050, "bad_request"),
    POST_ONLY_REJECT(11054, "post_only_reject"),
    INVALID_CREDENTIALS(13004, "invalid_credentials"),
    UNAUTHORIZED(13009, "unauthorized"),
    RAW_SUBSCRIPTIONS_NOT_AVAILABLE(13778, "raw_subscriptions_not_available_for_unauthorized");

    private final int code;
    private final String message;

    DeribitError(int code, String message) {
        this.code = code;
        this.message = message;
    }

    int code() {
        return code;
    }

    JsonRpcError error() {
        return JsonRpcError.of(code, message);
    }

    JsonRpcReply reply() {
        return JsonRpcReply.error(error());
    }

    /** With {@code data: {reason}}, as Deribit adds to some errors. */
    JsonRpcReply reply(String reason) {
        return JsonRpcReply.error(error().withData(JsonNodeFactory.instance.objectNode().put("reason", reason)));
    }

    /** Deribit's invalid-params error: {@code -32602 "Invalid params", data: {param, reason}}. */
    static JsonRpcReply invalidParams(String param, String reason) {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("param", param).put("reason", reason);
        return JsonRpcReply.error(JsonRpcError.of(JsonRpcError.INVALID_PARAMS, "Invalid params").withData(data));
    }
}
