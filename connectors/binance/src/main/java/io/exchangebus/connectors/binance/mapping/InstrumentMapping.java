package io.exchangebus.connectors.binance.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.TradingRules;
import io.exchangebus.connectors.core.number.ValueRange;
import io.exchangebus.events.QuantityUnit;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code exchangeInfo} (spot {@code /api/v3/exchangeInfo}, USD-M {@code /fapi/v1/exchangeInfo}) as
 * {@link InstrumentDefinition}s. Rules come from the symbol filters: {@code PRICE_FILTER.tickSize},
 * {@code LOT_SIZE.stepSize/minQty/maxQty}, spot {@code NOTIONAL.minNotional} (or the older
 * {@code MIN_NOTIONAL.minNotional}), USD-M {@code MIN_NOTIONAL.notional}. Ids: spot BASE-QUOTE; USD-M
 * {@code PERPETUAL} (and {@code TRADIFI_PERPETUAL}) BASE-QUOTE-PERP; {@code CURRENT_QUARTER}/{@code NEXT_QUARTER}
 * (and their {@code *_DELIVERING} states) BASE-QUOTE-YYYYMMDD from {@code deliveryDate} (UTC). A symbol that cannot
 * be mapped is skipped and reported in {@link Mapped#skipped()} with its reason. Every instrument is linear: its
 * quantity counts base units, its prices are in the quote asset, its contract size is 1 and its tick is one size.
 *
 * <p>Ranges ({@link ValueRange}): {@code tickSize} and {@code stepSize} above zero (spot documents a 0
 * {@code tickSize} as "rule disabled", which our trading rules cannot express: such a symbol is skipped, naming the
 * field), {@code minQty}, {@code maxQty} and the minimum notional zero or above (0 is "no limit").
 */
public final class InstrumentMapping {

    private InstrumentMapping() {
    }

    /** A symbol left out, and why. */
    public record Skipped(String symbol, String reason) {
    }

    /** What was mapped and what was skipped. */
    public record Mapped(List<InstrumentDefinition> instruments, List<Skipped> skipped) {
        public Mapped {
            instruments = List.copyOf(instruments);
            skipped = List.copyOf(skipped);
        }
    }

    public static Mapped fromExchangeInfo(BinanceVenue venue, JsonNode exchangeInfo) {
        JsonNode symbols = exchangeInfo.path("symbols");
        if (!symbols.isArray()) {
            throw new UnmappableMessageException("exchangeInfo has no 'symbols' array");
        }
        List<InstrumentDefinition> mapped = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (JsonNode s : symbols) {
            String symbol = s.path("symbol").asText("?");
            try {
                mapped.add(instrument(venue, s));
            } catch (UnmappableMessageException | IllegalArgumentException e) {
                skipped.add(new Skipped(symbol, e.getMessage()));
            }
        }
        return new Mapped(mapped, skipped);
    }

    /** One symbol of exchangeInfo. */
    public static InstrumentDefinition instrument(BinanceVenue venue, JsonNode s) {
        String symbol = BinanceFields.text(s, "symbol");
        String base = BinanceFields.text(s, "baseAsset");
        String quote = BinanceFields.text(s, "quoteAsset");
        BinanceFormat format = BinanceFormat.of(venue);
        BinanceFormat.Contract contract = format.contract(s, base, quote);
        JsonNode price = filter(s, "PRICE_FILTER");
        JsonNode lot = filter(s, "LOT_SIZE");
        if (price == null || lot == null) {
            throw new UnmappableMessageException("no " + (price == null ? "PRICE_FILTER" : "LOT_SIZE")
                    + " filter, so no trading rules");
        }
        BigDecimal maxQty = BinanceFields.decimal(lot, "maxQty", ValueRange.NON_NEGATIVE);
        BigDecimal minNotional = format.minNotional(s);
        TradingRules rules = new TradingRules(
                BinanceFields.decimal(price, "tickSize", ValueRange.POSITIVE),
                BinanceFields.decimal(lot, "stepSize", ValueRange.POSITIVE),
                BinanceFields.decimal(lot, "minQty", ValueRange.NON_NEGATIVE),
                maxQty.signum() > 0 ? maxQty : null,
                minNotional != null && minNotional.signum() > 0 ? minNotional : null,
                BigDecimal.ONE,
                List.of());
        boolean trading = "TRADING".equals(BinanceFields.text(s, "status"));
        // Spot and USD-M are linear: quantities in base units, prices in the quote, contract size 1.
        return new InstrumentDefinition(venue.exchange(), symbol, contract.id(), contract.settle(), contract.expiry(),
                rules, trading,
                QuantityUnit.BASE, false, quote);
    }

    static JsonNode filter(JsonNode s, String type) {
        for (JsonNode f : s.path("filters")) {
            if (type.equals(f.path("filterType").asText())) {
                return f;
            }
        }
        return null;
    }
}
