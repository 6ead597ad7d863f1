package io.exchangebus.connectors.grvt.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.grvt.GrvtVenue;
import io.exchangebus.events.ErrorKind;
import java.util.Optional;

/**
 * GRVT's error codes in our taxonomy, by code only (grvt.md §10; the message is carried, never read). Over REST
 * the error is the body {@code {"code","message","status"}}, over JSON-RPC the object {@code {"code","message"}}.
 * A code not in the table is {@link ErrorKind#UNKNOWN}, not retryable. Stateless.
 */
public final class GrvtErrors {

    /** Rate limited (HTTP 429): retryable after a backoff. */
    public static final int RATE_LIMITED = 1006;

    private GrvtErrors() {
    }

    /** The error of one {@code {"code","message"}} object (REST body or JSON-RPC error); empty if it has no code. */
    public static Optional<ExchangeError> of(JsonNode error, int httpStatus) {
        if (error == null || !error.isObject() || !error.path("code").canConvertToInt()) {
            return Optional.empty();
        }
        return Optional.of(of(error.path("code").asInt(), error.path("message").asText(""), httpStatus));
    }

    public static ExchangeError of(int code, String message, int httpStatus) {
        ErrorKind kind = kindOf(code);
        return new ExchangeError(kind, GrvtVenue.EXCHANGE, Integer.toString(code), message, httpStatus,
                isRetryable(code), null);
    }

    static ErrorKind kindOf(int code) {
        return switch (code) {
            // 1000 auth, 1001 forbidden, 1008 IP not allowed, 1400 no trade permission, 2000 unauthorized signer,
            // 2004 expired session key.
            case 1000, 1001, 1008, 1400, 2000, 2004 -> ErrorKind.AUTH;
            case RATE_LIMITED -> ErrorKind.RATE_LIMITED;
            case 1002, 1005 -> ErrorKind.EXCHANGE_INTERNAL;
            case 1004 -> ErrorKind.NOT_FOUND;
            case 2080 -> ErrorKind.INSUFFICIENT_FUNDS;
            // 1003 malformed, 1009 endpoint off, 1012 bad chain id, signature (2001-2008), client order id
            // (2011, 2012), order rules (2020-2066), max open orders 2090, reduce-only 2400-2402, 3000 instrument.
            case 1003, 1009, 1012, 2001, 2002, 2005, 2006, 2007, 2008, 2011, 2012, 2020, 2030, 2032, 2062, 2064,
                 2065, 2066, 2090, 2400, 2401, 2402, 3000 -> ErrorKind.INVALID_ORDER;
            default -> ErrorKind.UNKNOWN;
        };
    }

    /** 1006 (after a backoff) and server errors 1002/1005; everything else is permanent. */
    static boolean isRetryable(int code) {
        return code == RATE_LIMITED || code == 1002 || code == 1005;
    }

    /** Whether the error means the session cookie is refused, so a new login may cure it. */
    public static boolean isSessionRefused(ExchangeError error) {
        return error.kind() == ErrorKind.AUTH && ("1000".equals(error.code()) || "2004".equals(error.code())
                || error.httpStatus() == 401);
    }
}
