package io.exchangebus.sim.engine;

/** How an order is priced. Stops wait, out of the book, until the last trade price reaches the stop price. */
public enum OrderType {
    LIMIT,
    MARKET,
    STOP_LIMIT,
    STOP_MARKET;

    boolean isStop() {
        return this == STOP_LIMIT || this == STOP_MARKET;
    }

    boolean hasLimitPrice() {
        return this == LIMIT || this == STOP_LIMIT;
    }
}
