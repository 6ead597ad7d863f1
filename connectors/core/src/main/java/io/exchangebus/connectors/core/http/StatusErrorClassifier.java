package io.exchangebus.connectors.core.http;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.events.ErrorKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** {@link HttpErrorClassifier#byStatus()}: classification by HTTP status alone. */
final class StatusErrorClassifier implements HttpErrorClassifier {

    static final StatusErrorClassifier INSTANCE = new StatusErrorClassifier();

    /** Longest excerpt of a body kept in an error message. */
    private static final int BODY_EXCERPT = 200;

    private StatusErrorClassifier() {
    }

    @Override
    public Optional<ExchangeError> classify(String exchange, HttpReply reply) {
        int status = reply.status();
        if (reply.isSuccess()) {
            return Optional.empty();
        }
        String message = "HTTP " + status + excerpt(reply.body());
        Duration hint = RetryAfter.of(reply, Instant.now()).orElse(null);
        String code = Integer.toString(status);
        ExchangeError error = switch (status) {
            case 429 -> ExchangeError.rateLimited(exchange, code, message, status, hint);
            case 418 -> ExchangeError.rateLimited(exchange, code, "banned: " + message, status, hint);
            case 401, 403 -> new ExchangeError(ErrorKind.AUTH, exchange, code, message, status, false, null);
            case 404 -> new ExchangeError(ErrorKind.NOT_FOUND, exchange, code, message, status, false, null);
            case 408 -> new ExchangeError(ErrorKind.TIMEOUT, exchange, code, message, status, true, null);
            default -> status >= 500
                    ? new ExchangeError(ErrorKind.EXCHANGE_INTERNAL, exchange, code, message, status, true, hint)
                    : new ExchangeError(ErrorKind.UNKNOWN, exchange, code, message, status, false, null);
        };
        return Optional.of(error);
    }

    private static String excerpt(String body) {
        if (body.isBlank()) {
            return "";
        }
        String flat = body.strip().replaceAll("\\s+", " ");
        return ": " + (flat.length() <= BODY_EXCERPT ? flat : flat.substring(0, BODY_EXCERPT) + "...");
    }
}
