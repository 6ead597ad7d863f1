package io.exchangebus.connectors.core.http;

import io.exchangebus.connectors.core.ExchangeError;
import java.util.Optional;

/**
 * Says whether an exchange's answer is an error, and which: by the exchange's own error code and the HTTP status,
 * never by message text. Each exchange supplies one (its {@code ...ErrorMapper}); it may delegate what it does not
 * know to {@link #byStatus()}.
 *
 * <p>Called on the transport's I/O thread: must not block.
 */
@FunctionalInterface
public interface HttpErrorClassifier {

    /**
     * @param exchange the venue id to put in the error
     * @param reply the answer, of any status
     * @return the error, or empty if the answer is a success
     */
    Optional<ExchangeError> classify(String exchange, HttpReply reply);

    /**
     * The default by HTTP status alone: 2xx success; 429 and 418 RATE_LIMITED with the Retry-After hint; 401/403
     * AUTH; 404 NOT_FOUND; 408 TIMEOUT; 5xx EXCHANGE_INTERNAL, retryable; any other status UNKNOWN.
     */
    static HttpErrorClassifier byStatus() {
        return StatusErrorClassifier.INSTANCE;
    }
}
