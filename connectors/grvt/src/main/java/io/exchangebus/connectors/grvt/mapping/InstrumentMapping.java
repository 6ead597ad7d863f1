package io.exchangebus.connectors.grvt.mapping;

import static io.exchangebus.connectors.core.number.ValueRange.POSITIVE;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentId;
import io.exchangebus.connectors.core.instrument.SkippedInstrument;
import io.exchangebus.connectors.core.instrument.TradingRules;
import io.exchangebus.connectors.grvt.GrvtVenue;
import io.exchangebus.connectors.grvt.auth.SigningTerms;
import io.exchangebus.events.QuantityUnit;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code full/v1/all_instruments} (also {@code instruments}, {@code instrument}), full or lite, to
 * {@link GrvtInstrument}s (grvt.md §11). Every GRVT instrument is linear and quoted in its quote (USDT): quantity in
 * base units, contract size 1, settled in the quote. Rules: {@code tick_size}; {@code min_size} is the minimum and
 * also the size step (as ccxt reads it; GRVT names no separate step), and must be a whole number of
 * {@code 10^-base_decimals}, the unit the signature carries; {@code min_notional} when present.
 * {@code base_decimals} comes as {@code 9} or {@code "9"} (grvt.md §2); both are read.
 */
public final class InstrumentMapping {

    /** What one answer gave: the instruments, and those skipped with their reason. */
    public record Instruments(List<GrvtInstrument> instruments, List<SkippedInstrument> skipped) {
        public Instruments {
            instruments = List.copyOf(instruments);
            skipped = List.copyOf(skipped);
        }

        /** The definitions alone, in order. */
        public List<InstrumentDefinition> definitions() {
            return instruments.stream().map(GrvtInstrument::definition).toList();
        }
    }

    private InstrumentMapping() {
    }

    /**
     * Our id of a GRVT instrument name read from the name alone (grvt.md §11: {@code BTC_USDT_Perp} →
     * {@code BTC-USDT-PERP}), or empty when the name is not of GRVT's forms.
     */
    public static Optional<InstrumentId> instrumentIdOf(String name) {
        try {
            return Optional.of(GrvtSymbols.instrumentId(name));
        } catch (GrvtMappingException e) {
            return Optional.empty();
        }
    }

    /**
     * An {@code all_instruments} answer ({@code {"result":[…]}} or lite {@code {"r":[…]}}): each item mapped or
     * skipped with its reason; an answer without such a list is an error value.
     */
    public static Result<Instruments> instruments(String answer) {
        return GrvtMapped.of(() -> {
            JsonNode root = GrvtFrame.tree(answer);
            boolean lite = !root.has("result") && root.has("r");
            JsonNode list = root.get(lite ? "r" : "result");
            if (list == null || !list.isArray()) {
                throw new GrvtMappingException("answer has no result list");
            }
            List<GrvtInstrument> mapped = new ArrayList<>();
            List<SkippedInstrument> skipped = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                JsonNode item = list.get(i);
                Result<GrvtInstrument> one = instrument(item, lite);
                if (one.isOk()) {
                    mapped.add(one.value());
                } else {
                    JsonNode name = item.get(lite ? "i" : "instrument");
                    skipped.add(new SkippedInstrument(name != null && name.isTextual() ? name.textValue() : "?",
                            one.error().message()));
                }
            }
            return new Instruments(mapped, skipped);
        });
    }

    /** One instrument object. */
    public static Result<GrvtInstrument> instrument(JsonNode item, boolean lite) {
        return GrvtMapped.of(() -> {
            GrvtObject o = GrvtObject.of(item, lite, lite ? "r" : "result");
            try {
                return map(o);
            } catch (IllegalArgumentException e) {
                // the core's definition or the signing terms refused a value the fields above let through
                throw new GrvtMappingException(e.getMessage());
            }
        });
    }

    private static GrvtInstrument map(GrvtObject o) {
        String symbol = o.text("instrument", "i");
        InstrumentId id = GrvtSymbols.instrumentId(symbol);
        String kind = o.text("kind", "k");
        String expected = switch (id.kind()) {
            case PERPETUAL -> "PERPETUAL";
            case FUTURE -> "FUTURE";
            case OPTION -> id.optionType() == io.exchangebus.events.OptionType.CALL ? "CALL" : "PUT";
            default -> "?";
        };
        if (!kind.equals(expected)) {
            throw new GrvtMappingException(symbol + ": kind " + kind + " does not match the name (" + expected + ")");
        }
        if (!o.text("base", "b").equals(id.base()) || !o.text("quote", "q").equals(id.quote())) {
            throw new GrvtMappingException(symbol + ": base/quote do not match the name");
        }
        int baseDecimals = o.count("base_decimals", "bd");
        Integer quoteDecimals = o.has("quote_decimals", "qd") ? o.count("quote_decimals", "qd") : null;
        if (baseDecimals > 18) {
            throw new GrvtMappingException(symbol + ": base_decimals above 18: " + baseDecimals);
        }
        BigDecimal tick = o.decimal("tick_size", "ts", POSITIVE);
        BigDecimal minSize = o.decimal("min_size", "ms", POSITIVE);
        if (minSize.movePointRight(baseDecimals).stripTrailingZeros().scale() > 0) {
            throw new GrvtMappingException(symbol + ": min_size " + minSize.toPlainString()
                    + " is finer than base_decimals " + baseDecimals);
        }
        BigDecimal minNotional = o.decimalOrNull("min_notional", "mn", POSITIVE);
        TradingRules rules = new TradingRules(tick, minSize, minSize, null, minNotional, BigDecimal.ONE);
        InstrumentDefinition definition = new InstrumentDefinition(GrvtVenue.EXCHANGE, symbol, id, id.quote(), null,
                rules, true, QuantityUnit.BASE, false, id.quote());
        SigningTerms signing = new SigningTerms(symbol, o.text("instrument_hash", "ih"), baseDecimals);
        return new GrvtInstrument(definition, signing, quoteDecimals);
    }
}
