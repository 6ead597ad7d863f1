package io.exchangebus.connectors.core.role;

import io.exchangebus.connectors.core.instrument.InstrumentId;
import java.time.Instant;

/**
 * Which past orders to fetch.
 *
 * @param instrument the instrument (most exchanges page history per instrument)
 * @param from the earliest order time, inclusive, or null
 * @param to the latest order time, exclusive, or null
 * @param limit the largest page the caller wants; the connector may cap it at the exchange's maximum
 * @param cursor the previous page's {@link Page#nextCursor()}, or null for the first page
 */
public record OrderHistoryQuery(InstrumentId instrument, Instant from, Instant to, int limit, String cursor) {
    public OrderHistoryQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
    }
}
