package io.exchangebus.connectors.deribit.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.events.ErrorKind;
import java.util.Objects;
import java.util.Optional;

/**
 * Deribit's JSON-RPC errors ({@code "error": {"code", "message", "data"}}) in our taxonomy, by Deribit's numeric code
 * only (the codes of the API docs' error list; the classes follow shared/venues/deribit.md §10, NautilusTrader's
 * retry list among them). The message is carried beside the kind but never read: a code not in the table is
 * {@link ErrorKind#UNKNOWN}, not retryable. Stateless.
 */
public final class DeribitErrors {

    /** Venue id of the events and errors. */
    public static final String EXCHANGE = "deribit";

    private DeribitErrors() {
    }

    /** The error of one JSON-RPC {@code error} object; its {@code code} must be an integer. */
    public static ExchangeError of(JsonNode error, int httpStatus) {
        JsonNode code = error == null ? null : error.get("code");
        if (code == null || !code.canConvertToInt() || !code.isIntegralNumber()) {
            throw new IllegalArgumentException("not a JSON-RPC error object: code is " + code);
        }
        return of(code.intValue(), error.path("message").asText(""), httpStatus);
    }

    /** The error of a whole JSON-RPC response, when it is one ({@code error} present). */
    public static Optional<ExchangeError> ofResponse(JsonNode response, int httpStatus) {
        JsonNode error = response == null ? null : response.get("error");
        return error == null || error.isNull() ? Optional.empty() : Optional.of(of(error, httpStatus));
    }

    /**
     * The error for one Deribit code.
     *
     * @param code Deribit's code, e.g. 10028
     * @param message Deribit's message, kept as is (Deribit's messages carry no secret)
     * @param httpStatus the HTTP status when it came over HTTP, else 0
     */
    public static ExchangeError of(int code, String message, int httpStatus) {
        Objects.requireNonNull(message, "message");
        ErrorKind kind = kindOf(code);
        return new ExchangeError(kind, EXCHANGE, Integer.toString(code), message, httpStatus, isRetryable(code),
                null);
    }

    /**
     * Whether the error ends the session: 10028 too_many_requests means the credits are spent "and terminate the
     * session" (Deribit support, Rate Limits); the caller waits for the refill and opens a new connection.
     */
    public static boolean endsSession(int code) {
        return code == 10028;
    }

    static ErrorKind kindOf(int code) {
        return switch (code) {
            // 10028 out of credits; 10066 too many concurrent requests.
            case 10028, 10066 -> ErrorKind.RATE_LIMITED;
            // 10000 authorization_required, 13004 invalid_credentials, 13009 unauthorized (bad or expired token,
            // or a connection-scoped token on another connection), 13021 forbidden, 13778 raw channels need auth.
            case 10000, 13004, 13009, 13021, 13778 -> ErrorKind.AUTH;
            case 10009 -> ErrorKind.INSUFFICIENT_FUNDS;
            // 10004 order_not_found, 10010 already_closed, 11044 not_open_order: no open order of that id.
            case 10004, 10010, 11044 -> ErrorKind.NOT_FOUND;
            // 10040 retry, 10041 settlement_in_progress, 10047 matching_engine_queue_full, 11094 internal error,
            // 13028 temporarily_unavailable.
            case 10040, 10041, 10047, 11094, 13028 -> ErrorKind.EXCHANGE_INTERNAL;
            case 11051 -> ErrorKind.TRADING_DISABLED;                  // system_maintenance
            case 13888 -> ErrorKind.TIMEOUT;                           // timed_out (valid_until passed)
            // 10002 qty_too_low, 10005 price_too_low, 10007 price_too_high, 10020 invalid instrument,
            // 10021 invalid_amount, 10026 price_precision_exceeded, 10027 non_integer_contract_amount,
            // 10029 not_owner_of_order, 10043 price_wrong_tick, 11029 invalid_arguments, 11050 bad_request,
            // 11054 post_only_reject, 13032 non_unique_order_label, -32600 request entity too large (32 kB).
            case 10002, 10005, 10007, 10020, 10021, 10026, 10027, 10029, 10043, 11029, 11050, 11054, 13032,
                 -32600 -> ErrorKind.INVALID_ORDER;
            default -> ErrorKind.UNKNOWN;
        };
    }

    /** NautilusTrader's retry list ({@code DERIBIT_RETRY_ERROR_CODES}); everything else is permanent. */
    static boolean isRetryable(int code) {
        return switch (code) {
            case 10028, 10066, 10040, 10041, 10047, 11051, 11094, 13028, 13888 -> true;
            default -> false;
        };
    }
}
