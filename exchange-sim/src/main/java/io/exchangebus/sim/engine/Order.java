package io.exchangebus.sim.engine;

import java.math.BigDecimal;
import java.time.Instant;

/** The engine's mutable order; confined to the engine's lock. Everything outside sees {@link OrderState}. */
final class Order {
    final long id;
    final String clientOrderId;
    final String account;
    final Side side;
    final OrderType type;
    TimeInForce timeInForce;
    BigDecimal price;
    final BigDecimal stopPrice;
    BigDecimal quantity;
    BigDecimal filled = BigDecimal.ZERO;
    BigDecimal filledNotional = BigDecimal.ZERO;
    OrderStatus status;
    CancelReason cancelReason;
    RejectReason rejectReason;
    /** Price the ledger reservation was made at; see {@link Ledger}. */
    BigDecimal lockPrice;
    /** A stop order that has been triggered now matches as a limit or market order. */
    boolean triggered;
    final Instant createdAt;
    Instant updatedAt;

    Order(long id, OrderRequest request, Instant now) {
        this.id = id;
        this.clientOrderId = request.clientOrderId();
        this.account = request.account();
        this.side = request.side();
        this.type = request.type();
        this.timeInForce = request.timeInForce();
        this.price = request.price();
        this.stopPrice = request.stopPrice();
        this.quantity = request.quantity();
        this.status = OrderStatus.NEW;
        this.createdAt = now;
        this.updatedAt = now;
    }

    BigDecimal remaining() {
        return quantity.subtract(filled);
    }

    boolean isMarket() {
        return type == OrderType.MARKET || type == OrderType.STOP_MARKET;
    }

    boolean isWaitingForTrigger() {
        return type.isStop() && !triggered;
    }

    /** GTC and post-only limit orders rest; market, IOC and FOK do not. */
    boolean restsInBook() {
        return !isMarket() && (timeInForce == TimeInForce.GTC || timeInForce == TimeInForce.POST_ONLY);
    }

    void fill(BigDecimal qty, BigDecimal atPrice, Instant now) {
        filled = filled.add(qty);
        filledNotional = filledNotional.add(qty.multiply(atPrice));
        status = remaining().signum() == 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
        updatedAt = now;
    }

    OrderState state(String symbol) {
        return new OrderState(id, clientOrderId, account, symbol, side, type, timeInForce, price, stopPrice, quantity,
                filled, filledNotional, status, cancelReason, rejectReason, createdAt, updatedAt);
    }
}
