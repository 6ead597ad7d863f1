package io.exchangebus.sim.engine;

/** Life cycle of an order inside the engine. */
public enum OrderStatus {
    /** A stop order waiting for its trigger; not in the book. */
    PENDING_TRIGGER,
    NEW,
    PARTIALLY_FILLED,
    FILLED,
    /** Ended with a remainder; see {@link CancelReason} for why. */
    CANCELED,
    REJECTED;

    public boolean isOpen() {
        return this == PENDING_TRIGGER || this == NEW || this == PARTIALLY_FILLED;
    }
}
