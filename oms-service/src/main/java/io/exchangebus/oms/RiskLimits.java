package io.exchangebus.oms;

import io.exchangebus.service.config.ServiceConfig;
import java.math.BigDecimal;

/**
 * The configured risk limits, the same for every account.
 *
 * @param maxOrderQuantity largest quantity of one order, or null for no limit
 * @param maxOrderNotional largest notional of one order in its instrument's price currency
 *     ({@code ContractMath.quoteNotional}: price x quantity x multiplier for linear contracts, quantity x multiplier
 *     for inverse ones), or null for no limit
 * @param maxOpenOrders open orders per account before new ones are rejected
 * @param priceBand largest distance of an order's price from the book's mid, as a fraction; zero is off
 */
public record RiskLimits(BigDecimal maxOrderQuantity, BigDecimal maxOrderNotional, int maxOpenOrders,
                         BigDecimal priceBand) {

    /** The limits of {@code config}. */
    public static RiskLimits of(ServiceConfig config) {
        return new RiskLimits(config.find(OmsKeys.MAX_ORDER_QUANTITY).orElse(null),
                config.find(OmsKeys.MAX_ORDER_NOTIONAL).orElse(null), config.get(OmsKeys.MAX_OPEN_ORDERS),
                config.get(OmsKeys.PRICE_BAND));
    }

    /** Whether the price band is on. */
    public boolean bandOn() {
        return priceBand.signum() > 0;
    }
}
