package io.exchangebus.connectors.core.instrument;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * An instrument's order rules as its exchange publishes them (Binance PRICE_FILTER, LOT_SIZE, MIN_NOTIONAL/NOTIONAL;
 * Deribit tick_size, min_trade_amount, contract_size; GRVT tick_size, min_size). All exact decimals.
 *
 * @param tickSize the smallest price step; prices must be a multiple of it (below the first tick band, if any)
 * @param lotSize the smallest quantity step; quantities must be a multiple of it
 * @param minQuantity the smallest order quantity
 * @param maxQuantity the largest order quantity, or null when the exchange sets none
 * @param minNotional the smallest order notional ({@link ContractMath#quoteNotional}, in the price currency), or
 *     null when none
 * @param contractSize the exchange's contract size: the face value of one contract, in base units for a linear
 *     contract and in the quote currency for an inverse one (1 for spot); a quantity counts it only when
 *     {@link InstrumentDefinition#quantityUnit()} is {@code CONTRACTS}, see {@link InstrumentDefinition#multiplier()}
 * @param tickBands price bands with their own tick, strictly ascending by {@link TickBand#abovePrice()}; empty when
 *     {@code tickSize} applies to every price
 */
public record TradingRules(BigDecimal tickSize, BigDecimal lotSize, BigDecimal minQuantity, BigDecimal maxQuantity,
                           BigDecimal minNotional, BigDecimal contractSize, List<TickBand> tickBands) {
    public TradingRules {
        requirePositive("tickSize", tickSize);
        requirePositive("lotSize", lotSize);
        Objects.requireNonNull(minQuantity, "minQuantity");
        requirePositive("contractSize", contractSize);
        tickBands = List.copyOf(tickBands);
        for (int i = 1; i < tickBands.size(); i++) {
            if (tickBands.get(i).abovePrice().compareTo(tickBands.get(i - 1).abovePrice()) <= 0) {
                throw new IllegalArgumentException("tick bands must ascend strictly by abovePrice: " + tickBands);
            }
        }
    }

    /** Rules with one tick size for every price. */
    public TradingRules(BigDecimal tickSize, BigDecimal lotSize, BigDecimal minQuantity, BigDecimal maxQuantity,
                        BigDecimal minNotional, BigDecimal contractSize) {
        this(tickSize, lotSize, minQuantity, maxQuantity, minNotional, contractSize, List.of());
    }

    /**
     * The tick a price must be a multiple of: that of the highest band whose {@code abovePrice} the price is
     * strictly above, else {@link #tickSize()}.
     */
    public BigDecimal tickSizeAt(BigDecimal price) {
        for (int i = tickBands.size() - 1; i >= 0; i--) {
            TickBand band = tickBands.get(i);
            if (price.compareTo(band.abovePrice()) > 0) {
                return band.tickSize();
            }
        }
        return tickSize;
    }

    private static void requirePositive(String name, BigDecimal value) {
        if (value == null || value.signum() <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
