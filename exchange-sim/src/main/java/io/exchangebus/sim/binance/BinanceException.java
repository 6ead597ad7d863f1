package io.exchangebus.sim.binance;

import com.fasterxml.jackson.databind.JsonNode;

/** A Binance error: HTTP status, Binance code and message, as rendered in {@code {"code":..,"msg":".."}}. */
final class BinanceException extends RuntimeException {
    final int status;
    final int code;
    final JsonNode data;
    /** Seconds for a Retry-After header (429/418), or -1. */
    final long retryAfterSeconds;

    BinanceException(int status, int code, String msg) {
        this(status, code, msg, null, -1);
    }

    BinanceException(int status, int code, String msg, JsonNode data, long retryAfterSeconds) {
        super(msg, null, false, false);
        this.status = status;
        this.code = code;
        this.data = data;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static BinanceException mandatory(String param) {
        return new BinanceException(400, -1102,
                "Mandatory parameter '" + param + "' was not sent, was empty/null, or malformed.");
    }

    static BinanceException illegal(String param) {
        return new BinanceException(400, -1100, "Illegal characters found in parameter '" + param + "'; legal range is '"
                + legalRange(param) + "'.");
    }

    private static String legalRange(String param) {
        return switch (param) {
            case "newClientOrderId", "origClientOrderId", "clientOrderId" -> "^[\\.A-Z\\:/a-z0-9_-]{1,36}$";
            case "symbol" -> "^[A-Z0-9-_.]{1,20}$";
            default -> "^[0-9]{1,20}$";
        };
    }

    static BinanceException invalidSymbol() {
        return new BinanceException(400, -1121, "Invalid symbol.");
    }

    static BinanceException filter(String filter) {
        return new BinanceException(400, -1013, "Filter failure: " + filter);
    }
}
