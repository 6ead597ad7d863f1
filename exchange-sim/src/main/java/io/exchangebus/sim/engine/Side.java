package io.exchangebus.sim.engine;

/** Side of an order; the taker's side is the side of a trade. */
public enum Side {
    BUY,
    SELL;

    public Side opposite() {
        return this == BUY ? SELL : BUY;
    }

    /** +1 for BUY, -1 for SELL: the sign of a position change. */
    public int sign() {
        return this == BUY ? 1 : -1;
    }
}
