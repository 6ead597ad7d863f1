package io.exchangebus.sim.grvt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.server.JsonRpcError;
import io.exchangebus.sim.server.JsonRpcReply;

/**
 * GRVT's error codes (api-spec trading_api.md errors; grvt.md §10) with their HTTP status. The messages of 1000,
 * 1001 and 1002 are the documented ones (fixtures); the others are this simulator's short descriptions, since no
 * source gives their wording: clients must classify by code, never by message.
 */
enum GrvtError {
    UNAUTHENTICATED(1000, 401, "You need to authenticate prior to using this functionality"),
    FORBIDDEN(1001, 403, "You are not authorized to access this functionality"),
    INTERNAL(1002, 500, "Internal Server Error"),
    MALFORMED(1003, 400, "Request could not be processed due to malformed syntax"),
    NOT_FOUND(1004, 404, "Data Not Found"),
    RATE_LIMITED(1006, 429, "You have surpassed the allocated rate limit for your tier"),
    BAD_CHAIN_ID(1012, 400, "Chain ID is invalid"),
    UNAUTHORIZED_SIGNER(2000, 403, "Signer is not authorized to trade for this sub account"),
    SIGNATURE_EXPIRED(2001, 400, "Signature has expired"),
    SIGNATURE_MISMATCH(2002, 400, "Signature does not match payload"),
    BAD_V(2005, 400, "Signature V must be 27 or 28"),
    BAD_R_S(2006, 400, "Signature R/S must be 32 bytes (64 hex characters)"),
    HIGH_S(2007, 400, "Signature S must be in the lower half of the curve order"),
    EXPIRATION_TOO_FAR(2008, 400, "Signature expiration is too far in the future (more than 30 days)"),
    CLIENT_ORDER_ID_MISSING(2011, 400, "Client order ID must be supplied"),
    CLIENT_ORDER_ID_OVERLAP(2012, 400, "Client order ID overlaps with an existing active order"),
    MARKET_WITH_LIMIT_PRICE(2020, 400, "Market order must not have a limit price"),
    TIME_IN_FORCE_NOT_SUPPORTED(2030, 400, "Orderbook orders must have a TimeInForce of GTT/IOC/FOK"),
    POST_ONLY_TIME_IN_FORCE(2032, 400, "Post only orders must have a TimeInForce of GTT/AON"),
    BELOW_MIN_SIZE(2062, 400, "Order size is smaller than the instrument's min size"),
    PRICE_NOT_ON_TICK(2064, 400, "Order limit price is not a multiple of the tick size"),
    SIZE_TOO_GRANULAR(2065, 400, "Order size is too granular"),
    BELOW_MIN_NOTIONAL(2066, 400, "Order notional is below the instrument's min notional"),
    INSUFFICIENT_MARGIN(2080, 400, "Insufficient margin to place the order"),
    MAX_OPEN_ORDERS(2090, 429, "Max open orders exceeded"),
    /** As ccxt's capture of a subscribe error shows it. */
    INVALID_INSTRUMENT(3000, 400, "Instrument is invalid");

    private final int code;
    private final int httpStatus;
    private final String message;

    GrvtError(int code, int httpStatus, String message) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.message = message;
    }

    int code() {
        return code;
    }

    int httpStatus() {
        return httpStatus;
    }

    String message() {
        return message;
    }

    JsonRpcError error() {
        return JsonRpcError.of(code, message);
    }

    JsonRpcReply reply() {
        return JsonRpcReply.error(error());
    }

    /** The REST error body as documented: {@code {"request_id":1,"code":..,"message":..,"status":..}}. */
    static ObjectNode restBody(int code, String message, int status) {
        return Json.object().put("request_id", 1).put("code", code).put("message", message).put("status", status);
    }

    /** The HTTP status of a code (400 for codes this enum does not know). */
    static int statusOf(int code) {
        for (GrvtError e : values()) {
            if (e.code == code) {
                return e.httpStatus;
            }
        }
        return 400;
    }
}
