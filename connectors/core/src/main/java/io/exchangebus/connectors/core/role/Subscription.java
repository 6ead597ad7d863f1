package io.exchangebus.connectors.core.role;

import io.exchangebus.connectors.core.instrument.InstrumentId;
import java.time.Duration;

/**
 * An active market-data subscription, as returned by {@link Subscriber}; pass it back to unsubscribe.
 *
 * @param channel BOOK or TRADES
 * @param instrument what it is for
 * @param topN for a book: the top-N levels, or 0 for full depth
 * @param interval for a book: how often a top-N view is published at most, or null
 */
public record Subscription(Channel channel, InstrumentId instrument, int topN, Duration interval) {
    /** The kind of market data. */
    public enum Channel { BOOK, TRADES }
}
