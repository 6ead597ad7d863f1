package io.exchangebus.sim.engine;

/** Why the engine or the ledger refused a command. Exchange simulators map these to their error codes. */
public enum RejectReason {
    INVALID_QUANTITY("quantity must be positive"),
    QUANTITY_NOT_ON_LOT("quantity is not a multiple of the lot size"),
    QUANTITY_BELOW_MINIMUM("quantity is below the instrument's minimum"),
    PRICE_REQUIRED("this order type needs a price"),
    PRICE_NOT_ALLOWED("market orders take no price"),
    INVALID_PRICE("price must be positive"),
    PRICE_NOT_ON_TICK("price is not a multiple of the tick size"),
    STOP_PRICE_REQUIRED("stop orders need a positive stop price on the tick"),
    TIME_IN_FORCE_NOT_ALLOWED("this time in force does not apply to this order type"),
    POST_ONLY_WOULD_CROSS("post-only order would trade immediately"),
    INSUFFICIENT_BALANCE("insufficient balance"),
    UNKNOWN_ACCOUNT("unknown account"),
    UNKNOWN_ORDER("unknown order"),
    ORDER_NOT_OPEN("order is not open"),
    NOT_OWNER("order belongs to another account"),
    AMEND_NOT_ALLOWED("only resting limit orders can be amended"),
    AMEND_BELOW_FILLED("new quantity is not above the filled quantity");

    private final String description;

    RejectReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
