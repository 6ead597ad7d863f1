package io.exchangebus.sim.deribit;

import java.math.BigDecimal;

/**
 * What Deribit knows of an order that the engine does not: its label, flags, Deribit type and time in force, the
 * connection it came over (for cancel on disconnect), the fees paid so far. Mutable fields are volatile or guarded by
 * this object.
 *
 * @param key the engine's client order id of the order: how engine events find these tags
 */
final class OrderTags {
    final String key;
    final String account;
    final DeribitInstrument instrument;
    final String label;
    final String orderType;
    final String timeInForce;
    final boolean postOnly;
    final boolean rejectPostOnly;
    final boolean reduceOnly;
    final String trigger;
    final BigDecimal triggerPrice;
    final long connectionId;
    volatile long orderId;
    volatile boolean replaced;
    volatile String cancelReason = "user_request";
    private BigDecimal commission = BigDecimal.ZERO;

    OrderTags(String key, String account, DeribitInstrument instrument, String label, String orderType,
              String timeInForce, boolean postOnly, boolean rejectPostOnly, boolean reduceOnly, String trigger,
              BigDecimal triggerPrice, long connectionId) {
        this.key = key;
        this.account = account;
        this.instrument = instrument;
        this.label = label;
        this.orderType = orderType;
        this.timeInForce = timeInForce;
        this.postOnly = postOnly;
        this.rejectPostOnly = rejectPostOnly;
        this.reduceOnly = reduceOnly;
        this.trigger = trigger;
        this.triggerPrice = triggerPrice;
        this.connectionId = connectionId;
    }

    boolean isStop() {
        return orderType.startsWith("stop_");
    }

    synchronized void addFee(BigDecimal fee) {
        commission = commission.add(fee);
    }

    synchronized BigDecimal commission() {
        return commission;
    }
}
