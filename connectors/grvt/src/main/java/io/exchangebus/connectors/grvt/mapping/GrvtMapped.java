package io.exchangebus.connectors.grvt.mapping;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.grvt.GrvtVenue;
import io.exchangebus.events.ErrorKind;
import java.util.function.Supplier;

/**
 * Turns a mapping step into a {@link Result}: its value, or an error whose message says which field was refused
 * and why ({@code feed.bids[0].price: 0 is not above zero}). Kind UNKNOWN, code {@code MALFORMED}, not retryable:
 * the same bytes will never map. Only {@link GrvtMappingException} is caught; anything else is a bug.
 */
final class GrvtMapped {

    static final String MALFORMED = "MALFORMED";

    private GrvtMapped() {
    }

    static <T> Result<T> of(Supplier<T> mapping) {
        try {
            return Result.ok(mapping.get());
        } catch (GrvtMappingException e) {
            return refused(e.getMessage());
        }
    }

    static <T> Result<T> refused(String reason) {
        return Result.err(new ExchangeError(ErrorKind.UNKNOWN, GrvtVenue.EXCHANGE, MALFORMED, reason, 0, false,
                null));
    }
}
