package io.exchangebus.connectors.binance.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.core.instrument.InstrumentId;
import io.exchangebus.connectors.core.number.ValueRange;
import io.exchangebus.events.AccountUpdate;
import io.exchangebus.events.BalanceUpdate;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The message formats in which the two families differ, one constant per {@link BinanceVenue} (same names): how an
 * exchangeInfo symbol becomes an instrument, which REST fields a trade and a depth snapshot carry, how an account
 * answer becomes balances. The mappers ask {@link #of(BinanceVenue)} instead of testing the venue.
 */
public enum BinanceFormat {
    /** Spot: {@code /api/v3} answers and {@code @trade} / {@code [U, u]} streams. */
    SPOT(new TradeFields("id", "price", "qty", "time", "isBuyerMaker")) {
        @Override
        Contract contract(JsonNode s, String base, String quote) {
            return new Contract(InstrumentId.spot(base, quote), null, quote);
        }

        @Override
        BigDecimal minNotional(JsonNode s) {
            JsonNode notional = InstrumentMapping.filter(s, "NOTIONAL");
            if (notional == null) {
                notional = InstrumentMapping.filter(s, "MIN_NOTIONAL");
            }
            return notional == null ? null : BinanceFields.decimal(notional, "minNotional", ValueRange.NON_NEGATIVE);
        }

        @Override
        InstrumentId guess(String base, String quote, LocalDate delivery) {
            return InstrumentId.spot(base, quote);
        }

        @Override
        Instant snapshotTime(JsonNode body) {
            return null;
        }

        @Override
        public AccountUpdate account(MappingContext ctx, JsonNode body, Instant received) {
            return AccountMapping.spotAccount(ctx, body, received);
        }

        @Override
        public List<BalanceUpdate> accountBalances(MappingContext ctx, JsonNode account, Instant received) {
            return AccountMapping.spotBalances(ctx, account, received);
        }

        @Override
        public List<BalanceUpdate> balances(MappingContext ctx, JsonNode body, Instant received) {
            return AccountMapping.spotBalances(ctx, body, received);
        }
    },
    /** USD-M: {@code /fapi} answers and {@code @aggTrade} / {@code pu}-linked streams. */
    USDM(new TradeFields("a", "p", "q", "T", "m")) {
        @Override
        Contract contract(JsonNode s, String base, String quote) {
            String settle = s.hasNonNull("marginAsset") ? s.get("marginAsset").asText() : quote;
            String contractType = BinanceFields.text(s, "contractType");
            switch (contractType) {
                case "PERPETUAL", "TRADIFI_PERPETUAL" -> {
                    return new Contract(InstrumentId.perpetual(base, quote), null, settle);
                }
                case "CURRENT_QUARTER", "NEXT_QUARTER", "CURRENT_QUARTER_DELIVERING", "NEXT_QUARTER_DELIVERING" -> {
                    Instant expiry = Instant.ofEpochMilli(BinanceFields.integer(s, "deliveryDate"));
                    LocalDate date = expiry.atZone(ZoneOffset.UTC).toLocalDate();
                    return new Contract(InstrumentId.future(base, quote, date), expiry, settle);
                }
                default -> throw new UnmappableMessageException("contractType '" + contractType
                        + "' is neither perpetual nor a quarterly future");
            }
        }

        @Override
        BigDecimal minNotional(JsonNode s) {
            JsonNode notional = InstrumentMapping.filter(s, "MIN_NOTIONAL");
            return notional == null ? null : BinanceFields.decimal(notional, "notional", ValueRange.NON_NEGATIVE);
        }

        @Override
        InstrumentId guess(String base, String quote, LocalDate delivery) {
            return delivery != null ? InstrumentId.future(base, quote, delivery) : InstrumentId.perpetual(base, quote);
        }

        @Override
        Instant snapshotTime(JsonNode body) {
            return body.has("T") ? Instant.ofEpochMilli(BinanceFields.integer(body, "T")) : null;
        }

        @Override
        public AccountUpdate account(MappingContext ctx, JsonNode body, Instant received) {
            return AccountMapping.futuresAccount(ctx, body, received);
        }

        @Override
        public List<BalanceUpdate> accountBalances(MappingContext ctx, JsonNode account, Instant received) {
            return AccountMapping.futuresAccountBalances(ctx, account, received);
        }

        @Override
        public List<BalanceUpdate> balances(MappingContext ctx, JsonNode body, Instant received) {
            return AccountMapping.futuresBalances(ctx, body, received);
        }
    };

    /** An exchangeInfo symbol's id, expiry (null: none) and settlement asset. */
    record Contract(InstrumentId id, Instant expiry, String settle) {
    }

    /** The field names of one REST trade-history entry (spot {@code historicalTrades}, USD-M {@code aggTrades}). */
    record TradeFields(String id, String price, String qty, String time, String buyerMaker) {
    }

    private final TradeFields tradeFields;

    BinanceFormat(TradeFields tradeFields) {
        this.tradeFields = tradeFields;
    }

    /** The format of {@code venue}. */
    public static BinanceFormat of(BinanceVenue venue) {
        return valueOf(venue.name());
    }

    TradeFields tradeFields() {
        return tradeFields;
    }

    abstract Contract contract(JsonNode symbol, String base, String quote);

    /** The symbol's least notional, from the family's filter; null when it has none. */
    abstract BigDecimal minNotional(JsonNode symbol);

    /** The id of a symbol split into base and quote (and the delivery date its name carries, if any). */
    abstract InstrumentId guess(String base, String quote, LocalDate delivery);

    /** The time a REST depth answer carries, if the family sends one. */
    abstract Instant snapshotTime(JsonNode body);

    /** The signed account answer ({@link BinanceVenue.Rest#accountPath()}) as an account update. */
    public abstract AccountUpdate account(MappingContext ctx, JsonNode body, Instant received);

    /** The signed account answer ({@link BinanceVenue.Rest#accountPath()}) as balances. */
    public abstract List<BalanceUpdate> accountBalances(MappingContext ctx, JsonNode account, Instant received);

    /** The balance answer ({@link BinanceVenue.Rest#balancePath()}) as balances. */
    public abstract List<BalanceUpdate> balances(MappingContext ctx, JsonNode body, Instant received);
}
