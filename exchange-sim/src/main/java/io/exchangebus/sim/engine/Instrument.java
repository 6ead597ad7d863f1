package io.exchangebus.sim.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * What the engine and the ledger need to know of an instrument. Prices are in quote units, except for options,
 * whose premium is priced in the settlement asset (Deribit's BTC options: in BTC). Quantities count
 * {@link #quantityUnit()}; {@link #underlyingAmount} turns them into the underlying (base for linear contracts and
 * options, quote for inverse ones). Fee rates are fractions (0.001 = 10 bp) of the fill's
 * {@link #settlementValue settlement value}; a negative maker rate is a rebate.
 *
 * @param symbol the exchange's symbol, used only as a name here
 * @param settlementAsset where derivatives book PnL, fees and premiums: the quote for linear contracts, the base for
 *                        inverse ones; for spot the quote (unused)
 * @param contractSize for {@link QuantityUnit#CONTRACTS}, the underlying amount of one contract; otherwise the amount
 *                     that makes one contract, for rendering (Deribit's {@code contracts = amount / contract_size})
 */
public record Instrument(String symbol, InstrumentKind kind, String base, String quote, String settlementAsset,
                         ContractType contractType, QuantityUnit quantityUnit, BigDecimal contractSize,
                         BigDecimal tickSize, BigDecimal lotSize, BigDecimal minQuantity, BigDecimal makerFeeRate,
                         BigDecimal takerFeeRate) {

    /** Decimals kept by the one inexact step, the inverse value {@code amount / price}. */
    public static final int INVERSE_SCALE = 18;

    private static final BigDecimal DERIVATIVE_MAKER = new BigDecimal("0.0002");
    private static final BigDecimal DERIVATIVE_TAKER = new BigDecimal("0.0005");

    public Instrument {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(quote, "quote");
        Objects.requireNonNull(settlementAsset, "settlementAsset");
        Objects.requireNonNull(contractType, "contractType");
        Objects.requireNonNull(quantityUnit, "quantityUnit");
        requirePositive(contractSize, "contractSize");
        requirePositive(tickSize, "tickSize");
        requirePositive(lotSize, "lotSize");
        Objects.requireNonNull(minQuantity, "minQuantity");
        Objects.requireNonNull(makerFeeRate, "makerFeeRate");
        Objects.requireNonNull(takerFeeRate, "takerFeeRate");
        checkUnits(symbol, kind, base, quote, settlementAsset, contractType, quantityUnit);
    }

    /** A linear instrument (spot, or a derivative settled in {@code quote}), quantity in base units. */
    public Instrument(String symbol, InstrumentKind kind, String base, String quote, BigDecimal tickSize,
                      BigDecimal lotSize, BigDecimal minQuantity, BigDecimal makerFeeRate, BigDecimal takerFeeRate) {
        this(symbol, kind, base, quote, quote, ContractType.LINEAR, QuantityUnit.BASE, BigDecimal.ONE, tickSize,
                lotSize, minQuantity, makerFeeRate, takerFeeRate);
    }

    /** A spot instrument with the given tick and lot, min quantity one lot, maker 0.1%, taker 0.1%. */
    public static Instrument spot(String symbol, String base, String quote, String tickSize, String lotSize) {
        return new Instrument(symbol, InstrumentKind.SPOT, base, quote, new BigDecimal(tickSize),
                new BigDecimal(lotSize), new BigDecimal(lotSize), new BigDecimal("0.001"), new BigDecimal("0.001"));
    }

    /** A linear perpetual settled in {@code quote}, maker 0.02%, taker 0.05%. */
    public static Instrument perpetual(String symbol, String base, String quote, String tickSize, String lotSize) {
        return new Instrument(symbol, InstrumentKind.PERPETUAL, base, quote, new BigDecimal(tickSize),
                new BigDecimal(lotSize), new BigDecimal(lotSize), DERIVATIVE_MAKER, DERIVATIVE_TAKER);
    }

    /**
     * An inverse perpetual sized in {@code quote} (e.g. USD) in multiples of {@code contractSize}, settled in
     * {@code base}; minimum one contract, maker 0.02%, taker 0.05%. Deribit's BTC-PERPETUAL: tick 0.5, size 10.
     */
    public static Instrument inversePerpetual(String symbol, String base, String quote, String tickSize,
                                              String contractSize) {
        BigDecimal size = new BigDecimal(contractSize);
        return new Instrument(symbol, InstrumentKind.PERPETUAL, base, quote, base, ContractType.INVERSE,
                QuantityUnit.QUOTE, size, new BigDecimal(tickSize), size, size, DERIVATIVE_MAKER, DERIVATIVE_TAKER);
    }

    /**
     * An option on {@code base} (strike in {@code quote}) whose premium is priced in and paid in
     * {@code settlementAsset}, quantity in base units on {@code lotSize}; maker and taker 0.03%. Deribit's BTC
     * options: settlement BTC, tick 0.0001, lot 0.1. Strike, right and expiry are the exchange simulator's business.
     */
    public static Instrument option(String symbol, String base, String quote, String settlementAsset,
                                    String tickSize, String lotSize) {
        BigDecimal rate = new BigDecimal("0.0003");
        return new Instrument(symbol, InstrumentKind.OPTION, base, quote, settlementAsset, ContractType.LINEAR,
                QuantityUnit.BASE, BigDecimal.ONE, new BigDecimal(tickSize), new BigDecimal(lotSize),
                new BigDecimal(lotSize), rate, rate);
    }

    public Instrument withFees(String makerRate, String takerRate) {
        return new Instrument(symbol, kind, base, quote, settlementAsset, contractType, quantityUnit, contractSize,
                tickSize, lotSize, minQuantity, new BigDecimal(makerRate), new BigDecimal(takerRate));
    }

    /** The same instrument with quantities counted in whole contracts: lot one, minimum one. */
    public Instrument inContracts() {
        if (quantityUnit == QuantityUnit.CONTRACTS) {
            return this;
        }
        return new Instrument(symbol, kind, base, quote, settlementAsset, contractType, QuantityUnit.CONTRACTS,
                contractSize, tickSize, BigDecimal.ONE, BigDecimal.ONE, makerFeeRate, takerFeeRate);
    }

    /** The asset prices are in: the settlement asset for options, else the quote. */
    public String priceAsset() {
        return kind == InstrumentKind.OPTION ? settlementAsset : quote;
    }

    /** {@code quantity} in the underlying: base units, or quote units for inverse contracts. Exact; keeps sign. */
    public BigDecimal underlyingAmount(BigDecimal quantity) {
        return quantityUnit == QuantityUnit.CONTRACTS ? quantity.multiply(contractSize) : quantity;
    }

    /** {@code quantity} in contracts (may be fractional when the quantity is not on a contract multiple). */
    public BigDecimal contracts(BigDecimal quantity) {
        if (quantityUnit == QuantityUnit.CONTRACTS) {
            return quantity;
        }
        return quantity.divide(contractSize, INVERSE_SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }

    /**
     * What {@code quantity} at {@code price} is worth in the settlement asset, with the quantity's sign: linear and
     * options {@code underlying × price} (exact); inverse {@code underlying / price}, rounded half-even to
     * {@value #INVERSE_SCALE} decimals (symmetric in sign, so both sides of a fill book opposite amounts). For spot,
     * the quote notional.
     */
    public BigDecimal settlementValue(BigDecimal quantity, BigDecimal price) {
        BigDecimal underlying = underlyingAmount(quantity);
        return contractType == ContractType.INVERSE
                ? underlying.divide(price, INVERSE_SCALE, RoundingMode.HALF_EVEN)
                : underlying.multiply(price);
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

    private static void checkUnits(String symbol, InstrumentKind kind, String base, String quote, String settlement,
                                   ContractType type, QuantityUnit unit) {
        String problem = null;
        if (kind == InstrumentKind.SPOT && (type != ContractType.LINEAR || unit != QuantityUnit.BASE
                || !settlement.equals(quote))) {
            problem = "spot is linear, in base units, settled in the quote";
        } else if (type == ContractType.INVERSE && (kind == InstrumentKind.OPTION || unit == QuantityUnit.BASE
                || !settlement.equals(base))) {
            problem = "an inverse contract is a perpetual or future sized in quote units or contracts, settled in the"
                    + " base";
        } else if (type == ContractType.LINEAR && unit == QuantityUnit.QUOTE) {
            problem = "a linear instrument is sized in base units or contracts";
        }
        if (problem != null) {
            throw new IllegalArgumentException(symbol + ": " + problem);
        }
    }

    private static void requirePositive(BigDecimal value, String name) {
        Objects.requireNonNull(value, name);
        if (value.signum() <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
