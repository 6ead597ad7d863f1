package io.exchangebus.sim.engine;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A new order as an exchange simulator received it, already parsed from the exchange's format. Validation against
 * the instrument (tick, lot, minimum) is the engine's job, so that rejects carry a {@link RejectReason}.
 *
 * @param clientOrderId the client's id, or null
 * @param price limit price; null for MARKET and STOP_MARKET
 * @param stopPrice trigger price for stop orders; null otherwise
 */
public record OrderRequest(String account, String clientOrderId, Side side, OrderType type, TimeInForce timeInForce,
                           BigDecimal price, BigDecimal quantity, BigDecimal stopPrice) {

    public OrderRequest {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timeInForce, "timeInForce");
        Objects.requireNonNull(quantity, "quantity");
    }

    public static OrderRequest limit(String account, Side side, String price, String quantity) {
        return limit(account, side, TimeInForce.GTC, price, quantity);
    }

    public static OrderRequest limit(String account, Side side, TimeInForce tif, String price, String quantity) {
        return new OrderRequest(account, null, side, OrderType.LIMIT, tif, new BigDecimal(price),
                new BigDecimal(quantity), null);
    }

    public static OrderRequest postOnly(String account, Side side, String price, String quantity) {
        return limit(account, side, TimeInForce.POST_ONLY, price, quantity);
    }

    public static OrderRequest market(String account, Side side, String quantity) {
        return new OrderRequest(account, null, side, OrderType.MARKET, TimeInForce.IOC, null,
                new BigDecimal(quantity), null);
    }

    public static OrderRequest stopMarket(String account, Side side, String stopPrice, String quantity) {
        return new OrderRequest(account, null, side, OrderType.STOP_MARKET, TimeInForce.IOC, null,
                new BigDecimal(quantity), new BigDecimal(stopPrice));
    }

    public static OrderRequest stopLimit(String account, Side side, String stopPrice, String price, String quantity) {
        return new OrderRequest(account, null, side, OrderType.STOP_LIMIT, TimeInForce.GTC, new BigDecimal(price),
                new BigDecimal(quantity), new BigDecimal(stopPrice));
    }

    public OrderRequest withClientOrderId(String id) {
        return new OrderRequest(account, id, side, type, timeInForce, price, quantity, stopPrice);
    }
}
