package io.exchangebus.sim.engine;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An immutable snapshot of an order, as events and queries hand it out.
 *
 * @param price the limit price, null for market orders (and for stop-market orders)
 * @param cancelReason null unless status is CANCELED
 * @param rejectReason null unless status is REJECTED
 */
public record OrderState(long orderId, String clientOrderId, String account, String symbol, Side side, OrderType type,
                         TimeInForce timeInForce, BigDecimal price, BigDecimal stopPrice, BigDecimal quantity,
                         BigDecimal filledQuantity, BigDecimal filledNotional, OrderStatus status,
                         CancelReason cancelReason, RejectReason rejectReason, Instant createdAt,
                         Instant updatedAt) {

    public BigDecimal remainingQuantity() {
        return quantity.subtract(filledQuantity);
    }
}
