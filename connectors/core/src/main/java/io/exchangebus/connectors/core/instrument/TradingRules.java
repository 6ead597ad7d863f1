package io.exchangebus.connectors.core.instrument;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An instrument's order rules as its exchange publishes them (Binance PRICE_FILTER, LOT_SIZE, MIN_NOTIONAL/NOTIONAL;
 * Deribit tick_size, min_trade_amount, contract_size; GRVT tick_size, min_size). All exact decimals.
 *
 * @param tickSize the smallest price step; prices must be a multiple of it
 * @param lotSize the smallest quantity step; quantities must be a multiple of it
 * @param minQuantity the smallest order quantity
 * @param maxQuantity the largest order quantity, or null when the exchange sets none
 * @param minNotional the smallest price times quantity (times contract size), or null when none
 * @param contractSize the value of one unit of quantity (1 for spot and linear contracts)
 */
public record TradingRules(BigDecimal tickSize, BigDecimal lotSize, BigDecimal minQuantity, BigDecimal maxQuantity,
                           BigDecimal minNotional, BigDecimal contractSize) {
    public TradingRules {
        requirePositive("tickSize", tickSize);
        requirePositive("lotSize", lotSize);
        Objects.requireNonNull(minQuantity, "minQuantity");
        requirePositive("contractSize", contractSize);
    }

    private static void requirePositive(String name, BigDecimal value) {
        if (value == null || value.signum() <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
