package io.exchangebus.connectors.core.instrument;

import io.exchangebus.avro.ExactDecimals;
import io.exchangebus.events.Instrument;
import io.exchangebus.events.InstrumentKind;
import io.exchangebus.events.QuantityUnit;
import io.exchangebus.events.TickStep;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * One instrument of one exchange: our id, the exchange's own symbol, the settlement asset, its trading rules and the
 * terms that turn a quantity and a price into value. Immutable; {@link #toEvent()} gives the model's
 * {@code Instrument} record; {@link ContractMath} does the arithmetic.
 *
 * <p>The terms, by example:
 * <pre>
 *   instrument                     quantityUnit  inverse  contractSize  priceAsset  settle
 *   Binance BTCUSDT (spot, USD-M)  BASE          false    1             USDT           USDT
 *   Deribit BTC-PERPETUAL          QUOTE (USD)   true     10 (USD)      USD            BTC
 *   Deribit BTC_USDC-PERPETUAL     BASE          false    0.001 (BTC)   USDC           USDC
 *   Deribit BTC option             BASE          false    1 (BTC)       BTC            BTC   (strike in USD, the quote)
 *   Binance COIN-M BTCUSD_PERP     CONTRACTS     true     100 (USD)     USD            BTC   (not mapped yet)
 * </pre>
 * Deribit calls its BTC options "reversed" because they settle in BTC, but their prices are in BTC too, so the
 * premium is linear in the price currency: {@code inverse} here means only the 1/price arithmetic.
 *
 * @param exchange the venue id
 * @param symbol the exchange's own symbol
 * @param id our normalized id
 * @param settle the settlement asset, the currency of margin and realised PnL (the quote for spot and linear
 *     contracts, the base for inverse ones and for options priced in the base)
 * @param expiryTime the exact expiry instant of a future or option (exchanges expire at set hours), else null
 * @param rules the order rules
 * @param trading whether the exchange accepts orders on it now
 * @param quantityUnit what a quantity counts: base units, contracts of {@code rules.contractSize()}, or quote value
 * @param inverse whether the contract is inverse: valued in the price currency, settled in another, its value in
 *     the settlement currency {@code quantity × multiplier / price}
 * @param priceAsset the currency prices are quoted in (the quote, or the base for options priced in it)
 */
public record InstrumentDefinition(String exchange, String symbol, InstrumentId id, String settle, Instant expiryTime,
                                   TradingRules rules, boolean trading, QuantityUnit quantityUnit, boolean inverse,
                                   String priceAsset) {
    public InstrumentDefinition {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(settle, "settle");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(quantityUnit, "quantityUnit");
        Objects.requireNonNull(priceAsset, "priceAsset");
        if (id.expiry() != null && expiryTime != null
                && !id.expiry().equals(expiryTime.atZone(ZoneOffset.UTC).toLocalDate())) {
            throw new IllegalArgumentException("expiry " + expiryTime + " is not on the id's date " + id);
        }
        if (inverse && (quantityUnit == QuantityUnit.BASE || id.kind() == InstrumentKind.SPOT
                || settle.equals(priceAsset))) {
            throw new IllegalArgumentException(id + ": an inverse contract is sized in quote value (QUOTE or "
                    + "CONTRACTS, not " + quantityUnit + "), is no spot, and settles in another currency than its "
                    + "prices' " + priceAsset);
        }
        if (!inverse && quantityUnit == QuantityUnit.QUOTE) {
            // A linear instrument sized in quote value would need its own entry-price arithmetic; none exists yet.
            throw new IllegalArgumentException(id + ": a linear instrument sized in QUOTE units is not modelled");
        }
    }

    /**
     * A linear instrument priced in its quote (spot, USD-M): its quantity counts base units when the contract size
     * is 1, else contracts of that size. Exchange mappings should name their terms with the full constructor.
     */
    public InstrumentDefinition(String exchange, String symbol, InstrumentId id, String settle, Instant expiryTime,
                                TradingRules rules, boolean trading) {
        this(exchange, symbol, id, settle, expiryTime, rules, trading,
                rules.contractSize().compareTo(BigDecimal.ONE) == 0 ? QuantityUnit.BASE : QuantityUnit.CONTRACTS,
                false, id.quote());
    }

    /**
     * The value of one unit of quantity, in base units (linear) or in the price currency (inverse): the contract
     * size when the quantity counts contracts, else 1 (the contract size is then only the quantity's granularity).
     */
    public BigDecimal multiplier() {
        return quantityUnit == QuantityUnit.CONTRACTS ? rules.contractSize() : BigDecimal.ONE;
    }

    /** The model's Instrument event for this definition. */
    public Instrument toEvent() {
        Instant expiry = expiryTime != null ? expiryTime
                : id.expiry() != null ? id.expiry().atStartOfDay(ZoneOffset.UTC).toInstant() : null;
        return Instrument.newBuilder()
                .setExchange(exchange).setSymbol(symbol).setInstrumentId(id.toString())
                .setKind(id.kind()).setBase(id.base()).setQuote(id.quote()).setSettle(settle)
                .setExpiry(expiry)
                .setStrike(id.strike() == null ? null : ExactDecimals.exact("strike", id.strike()))
                .setOptionType(id.optionType())
                .setTickSize(ExactDecimals.exact("tickSize", rules.tickSize()))
                .setLotSize(ExactDecimals.exact("lotSize", rules.lotSize()))
                .setMinQuantity(ExactDecimals.exact("minQuantity", rules.minQuantity()))
                .setMinNotional(rules.minNotional() == null ? null
                        : ExactDecimals.exact("minNotional", rules.minNotional()))
                .setContractSize(ExactDecimals.exact("contractSize", rules.contractSize()))
                .setTrading(trading)
                .setUnit(quantityUnit)
                .setInverse(inverse)
                .setPriceAsset(priceAsset)
                .setTickSizeSteps(rules.tickBands().stream()
                        .map(b -> new TickStep(ExactDecimals.exact("tickSizeSteps.abovePrice", b.abovePrice()),
                                ExactDecimals.exact("tickSizeSteps.tickSize", b.tickSize())))
                        .toList())
                .build();
    }
}
