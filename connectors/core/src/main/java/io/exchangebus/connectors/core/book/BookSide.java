package io.exchangebus.connectors.core.book;

/** The two sides of an order book. Bids are ordered best (highest price) first, asks best (lowest price) first. */
public enum BookSide {
    BID,
    ASK
}
