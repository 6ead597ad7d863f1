package io.exchangebus.connectors.core.instrument;

import io.exchangebus.avro.ExactDecimals;
import io.exchangebus.events.Instrument;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * One instrument of one exchange: our id, the exchange's own symbol, the settlement asset and its trading rules.
 * Immutable; {@link #toEvent()} gives the model's {@code Instrument} record.
 *
 * @param exchange the venue id
 * @param symbol the exchange's own symbol
 * @param id our normalized id
 * @param settle the settlement asset (the quote for spot and linear contracts, the base for inverse ones)
 * @param expiryTime the exact expiry instant of a future or option (exchanges expire at set hours), else null
 * @param rules the order rules
 * @param trading whether the exchange accepts orders on it now
 */
public record InstrumentDefinition(String exchange, String symbol, InstrumentId id, String settle, Instant expiryTime,
                                   TradingRules rules, boolean trading) {
    public InstrumentDefinition {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(settle, "settle");
        Objects.requireNonNull(rules, "rules");
        if (id.expiry() != null && expiryTime != null
                && !id.expiry().equals(expiryTime.atZone(ZoneOffset.UTC).toLocalDate())) {
            throw new IllegalArgumentException("expiry " + expiryTime + " is not on the id's date " + id);
        }
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
                .build();
    }
}
