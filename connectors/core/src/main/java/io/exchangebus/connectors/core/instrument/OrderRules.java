package io.exchangebus.connectors.core.instrument;

import io.exchangebus.connectors.core.ExchangeError;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Checks an order's price and quantity against its instrument's {@link TradingRules} before anything is sent, so
 * the exchange never sees an order it would refuse for a filter; the error names the rule and the values. The tick
 * is the one of the price's band ({@link TradingRules#tickSizeAt}); the notional is {@link ContractMath#quoteNotional}
 * (in the price currency; an inverse contract's does not depend on the price, so a market order is checked too).
 * Rule names (the error's code): {@code PRICE_POSITIVE}, {@code TICK_SIZE}, {@code QUANTITY_POSITIVE},
 * {@code LOT_SIZE}, {@code MIN_QUANTITY}, {@code MAX_QUANTITY}, {@code MIN_NOTIONAL}.
 */
public final class OrderRules {
    private OrderRules() {
    }

    /**
     * @param price the limit price, or null for a market order
     * @param referencePrice for a market order, a price to value it at for the notional check (e.g. the best
     *     opposite price), or null to skip that check (for a linear contract)
     * @return the first rule broken, or empty when the order passes
     */
    public static Optional<ExchangeError> check(InstrumentDefinition instrument, BigDecimal price, BigDecimal quantity,
                                                BigDecimal referencePrice) {
        TradingRules rules = instrument.rules();
        String exchange = instrument.exchange();
        String symbol = instrument.symbol();
        if (price != null) {
            if (price.signum() <= 0) {
                return refuse(exchange, "PRICE_POSITIVE", "price " + plain(price) + " must be positive for " + symbol);
            }
            BigDecimal tick = rules.tickSizeAt(price);
            if (!isMultiple(price, tick)) {
                return refuse(exchange, "TICK_SIZE", "price " + plain(price) + " is not a multiple of the tick size "
                        + plain(tick) + " for " + symbol);
            }
        }
        if (quantity == null || quantity.signum() <= 0) {
            return refuse(exchange, "QUANTITY_POSITIVE", "quantity " + (quantity == null ? "null" : plain(quantity))
                    + " must be positive for " + symbol);
        }
        if (!isMultiple(quantity, rules.lotSize())) {
            return refuse(exchange, "LOT_SIZE", "quantity " + plain(quantity) + " is not a multiple of the lot size "
                    + plain(rules.lotSize()) + " for " + symbol);
        }
        if (quantity.compareTo(rules.minQuantity()) < 0) {
            return refuse(exchange, "MIN_QUANTITY", "quantity " + plain(quantity) + " is below the minimum "
                    + plain(rules.minQuantity()) + " for " + symbol);
        }
        if (rules.maxQuantity() != null && quantity.compareTo(rules.maxQuantity()) > 0) {
            return refuse(exchange, "MAX_QUANTITY", "quantity " + plain(quantity) + " is above the maximum "
                    + plain(rules.maxQuantity()) + " for " + symbol);
        }
        BigDecimal valuedAt = price != null ? price : referencePrice;
        if (rules.minNotional() != null && (valuedAt != null || instrument.inverse())) {
            BigDecimal notional = ContractMath.quoteNotional(instrument, quantity, valuedAt);
            if (notional.compareTo(rules.minNotional()) < 0) {
                String valued = instrument.inverse() ? "quantity " + plain(quantity)
                        : "price " + plain(valuedAt) + " x quantity " + plain(quantity);
                return refuse(exchange, "MIN_NOTIONAL", "notional " + plain(notional) + " (" + valued
                        + ") is below the minimum " + plain(rules.minNotional()) + " for " + symbol);
            }
        }
        return Optional.empty();
    }

    private static boolean isMultiple(BigDecimal value, BigDecimal step) {
        return value.remainder(step).signum() == 0;
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private static Optional<ExchangeError> refuse(String exchange, String rule, String message) {
        return Optional.of(ExchangeError.invalidOrder(exchange, rule, message));
    }
}
