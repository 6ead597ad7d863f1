package io.exchangebus.connectors.core.book;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A full (or exchange-limited) snapshot of a book, as fetched over HTTP or sent first on a subscription.
 *
 * @param lastUpdateId the id of the last update the snapshot reflects (Binance {@code lastUpdateId}, Deribit
 *                     {@code change_id})
 * @param bids         bid levels, any order; quantity 0 is ignored
 * @param asks         ask levels, any order; quantity 0 is ignored
 * @param exchangeTime when the exchange says the snapshot was taken; null when it does not say
 */
public record BookSnapshot(long lastUpdateId, List<Level> bids, List<Level> asks, Instant exchangeTime)
        implements BookMessage {
    public BookSnapshot {
        Objects.requireNonNull(bids, "bids");
        Objects.requireNonNull(asks, "asks");
    }
}
