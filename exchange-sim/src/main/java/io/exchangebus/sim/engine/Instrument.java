package io.exchangebus.sim.engine;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What the engine needs to know of an instrument. Quantities are in base units (derivatives are linear with a
 * contract size of one base unit); prices in quote units. Fee rates are fractions (0.001 = 10 bp); a negative
 * maker rate is a rebate.
 *
 * @param symbol the exchange's symbol, used only as a name here
 * @param quote for derivatives, also the settlement asset
 */
public record Instrument(String symbol, InstrumentKind kind, String base, String quote, BigDecimal tickSize,
                         BigDecimal lotSize, BigDecimal minQuantity, BigDecimal makerFeeRate,
                         BigDecimal takerFeeRate) {

    public Instrument {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(quote, "quote");
        requirePositive(tickSize, "tickSize");
        requirePositive(lotSize, "lotSize");
        Objects.requireNonNull(minQuantity, "minQuantity");
        Objects.requireNonNull(makerFeeRate, "makerFeeRate");
        Objects.requireNonNull(takerFeeRate, "takerFeeRate");
    }

    /** A spot instrument with the given tick and lot, min quantity one lot, maker 0.1%, taker 0.1%. */
    public static Instrument spot(String symbol, String base, String quote, String tickSize, String lotSize) {
        return new Instrument(symbol, InstrumentKind.SPOT, base, quote, new BigDecimal(tickSize),
                new BigDecimal(lotSize), new BigDecimal(lotSize), new BigDecimal("0.001"), new BigDecimal("0.001"));
    }

    /** A linear perpetual settled in {@code quote}, maker 0.02%, taker 0.05%. */
    public static Instrument perpetual(String symbol, String base, String quote, String tickSize, String lotSize) {
        return new Instrument(symbol, InstrumentKind.PERPETUAL, base, quote, new BigDecimal(tickSize),
                new BigDecimal(lotSize), new BigDecimal(lotSize), new BigDecimal("0.0002"), new BigDecimal("0.0005"));
    }

    public Instrument withFees(String makerRate, String takerRate) {
        return new Instrument(symbol, kind, base, quote, tickSize, lotSize, minQuantity, new BigDecimal(makerRate),
                new BigDecimal(takerRate));
    }

    public boolean isOnTick(BigDecimal price) {
        return isMultiple(price, tickSize);
    }

    public boolean isOnLot(BigDecimal quantity) {
        return isMultiple(quantity, lotSize);
    }

    private static boolean isMultiple(BigDecimal value, BigDecimal step) {
        return value.remainder(step).signum() == 0;
    }

    private static void requirePositive(BigDecimal value, String name) {
        Objects.requireNonNull(value, name);
        if (value.signum() <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
