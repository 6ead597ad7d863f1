package io.exchangebus.connectors.binance.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.http.HttpErrorClassifier;
import io.exchangebus.connectors.core.http.HttpReply;
import io.exchangebus.connectors.core.http.RetryAfter;
import io.exchangebus.events.ErrorKind;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Binance's errors in our taxonomy, by Binance's numeric code (errors.md of the spot docs; "Error Codes" of the
 * USD-M docs) and the HTTP status. One code may carry many messages ({@code -2010 NEW_ORDER_REJECTED} says
 * "insufficient balance" or "would immediately match" alike), so such codes map to the kind all their messages
 * share — with one exception: errors.md lists the messages of -2010, and its "Account has insufficient balance for
 * requested action." is a lack of funds, which a strategy must tell from a bad order.
 *
 * <p>The same table serves REST answers ({@link #classify}) and WebSocket API error responses ({@link #of}).
 */
public final class BinanceErrors implements HttpErrorClassifier {

    public static final BinanceErrors INSTANCE = new BinanceErrors();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The documented -2010 message for a lack of funds (errors.md, "Messages for -1010, -2010 and -2011"). */
    private static final String INSUFFICIENT_BALANCE = "Account has insufficient balance";

    private BinanceErrors() {
    }

    @Override
    public Optional<ExchangeError> classify(String exchange, HttpReply reply) {
        if (reply.isSuccess()) {
            return Optional.empty();
        }
        Duration hint = RetryAfter.of(reply, Instant.now()).orElse(null);
        Optional<JsonNode> body = errorBody(reply.body());
        if (body.isEmpty()) {
            return HttpErrorClassifier.byStatus().classify(exchange, reply);
        }
        return Optional.of(of(exchange, reply.status(), body.get().get("code").asInt(),
                body.get().path("msg").asText(""), hint));
    }

    /**
     * The error for one Binance code.
     *
     * @param exchange our venue id
     * @param status the HTTP status (REST) or the WebSocket API response's {@code status}
     * @param code Binance's code, e.g. -2010
     * @param message Binance's {@code msg}
     * @param retryAfter the exchange's hint of when to come back, or null
     */
    public static ExchangeError of(String exchange, int status, int code, String message, Duration retryAfter) {
        String codeText = Integer.toString(code);
        if (status == 418) {
            return ExchangeError.rateLimited(exchange, codeText, "banned: " + message, status, retryAfter);
        }
        if (status == 429 || code == -1003 || code == -1015) {
            return ExchangeError.rateLimited(exchange, codeText, message, status, retryAfter);
        }
        ErrorKind kind = code == -2010 && message.startsWith(INSUFFICIENT_BALANCE) ? ErrorKind.INSUFFICIENT_FUNDS
                : kindOf(code, status);
        boolean retryable = switch (kind) {
            case EXCHANGE_INTERNAL, NETWORK, TIMEOUT -> true;
            // -1021: our timestamp was outside the recvWindow; it succeeds once the clock offset is resynced.
            case AUTH -> code == -1021;
            default -> false;
        };
        return new ExchangeError(kind, exchange, codeText, message, status, retryable,
                retryable ? retryAfter : null);
    }

    static ErrorKind kindOf(int code, int status) {
        return switch (code) {
            // -1002 unauthorized, -1021 timestamp outside recvWindow, -1022 bad signature, -2014 key format,
            // -2015 invalid key/IP/permissions, -1099 not found/unauthenticated, -4056/-4057 futures key errors.
            case -1002, -1021, -1022, -1099, -2014, -2015, -4056, -4057 -> ErrorKind.AUTH;
            // -1000 unknown, -1001 disconnected, -1008 server busy, -1016 service shutting down.
            case -1000, -1001, -1008, -1016 -> ErrorKind.EXCHANGE_INTERNAL;
            // -1006 unexpected response, -1007 timeout waiting for the backend: execution status unknown.
            case -1006, -1007 -> ErrorKind.TIMEOUT;
            // -2011 cancel rejected (unknown order), -2013 no such order, -2026 archived, -1125 listenKey gone.
            case -2011, -2013, -2026, -1125 -> ErrorKind.NOT_FOUND;
            // -2018 balance insufficient, -2019 margin insufficient (USD-M).
            case -2018, -2019 -> ErrorKind.INSUFFICIENT_FUNDS;
            // -4400/-4401: USD-M quantitative rules; only reduce-only orders are allowed.
            case -4400, -4401 -> ErrorKind.TRADING_DISABLED;
            // -1013 filter failure, -1111 precision, -1100..-1131 parameter errors, -2010 new order rejected,
            // -2021/-2022 futures order/reduce-only rejected, -5022 post-only (GTX) would take.
            default -> code <= -1100 && code >= -1199 || code == -1013 || code == -2010 || code == -2021
                    || code == -2022 || code <= -4000 && code > -6000 ? ErrorKind.INVALID_ORDER
                    : status >= 500 ? ErrorKind.EXCHANGE_INTERNAL : ErrorKind.UNKNOWN;
        };
    }

    /** The {@code {"code":…,"msg":…}} object of an error body, if the body is one. */
    private static Optional<JsonNode> errorBody(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.path("code").isInt() ? Optional.of(node) : Optional.empty();
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }
}
