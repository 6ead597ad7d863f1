package io.exchangebus.connectors.core.book;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One incremental book update from the exchange's diff stream: absolute quantities for the levels that changed
 * over the update ids {@code firstUpdateId..lastUpdateId}.
 *
 * @param firstUpdateId    first update id in the event (Binance {@code U}; for Deribit, {@code change_id})
 * @param lastUpdateId     final update id in the event (Binance {@code u}; for Deribit, {@code change_id})
 * @param previousUpdateId final update id of the previous event on the stream (Binance futures {@code pu}, Deribit
 *                         {@code prev_change_id}), or {@link #NO_PREVIOUS} when the exchange does not send one
 * @param bids             bid levels to set, quantity 0 removes
 * @param asks             ask levels to set, quantity 0 removes
 * @param exchangeTime     the exchange's event time; null when it does not say
 */
public record BookDiff(long firstUpdateId, long lastUpdateId, long previousUpdateId, List<Level> bids,
                       List<Level> asks, Instant exchangeTime) implements BookMessage {
    /** Marks a diff without a previous-id link (Binance spot). */
    public static final long NO_PREVIOUS = Long.MIN_VALUE;

    public BookDiff {
        Objects.requireNonNull(bids, "bids");
        Objects.requireNonNull(asks, "asks");
        if (firstUpdateId > lastUpdateId) {
            throw new IllegalArgumentException(
                    "firstUpdateId " + firstUpdateId + " is after lastUpdateId " + lastUpdateId);
        }
    }

    /** A diff without a previous-id link. */
    public static BookDiff of(long firstUpdateId, long lastUpdateId, List<Level> bids, List<Level> asks,
                              Instant exchangeTime) {
        return new BookDiff(firstUpdateId, lastUpdateId, NO_PREVIOUS, bids, asks, exchangeTime);
    }

    public boolean hasPreviousUpdateId() {
        return previousUpdateId != NO_PREVIOUS;
    }
}
