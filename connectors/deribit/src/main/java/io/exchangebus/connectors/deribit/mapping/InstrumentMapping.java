package io.exchangebus.connectors.deribit.mapping;

import static io.exchangebus.connectors.deribit.mapping.DeribitFields.bool;
import static io.exchangebus.connectors.deribit.mapping.DeribitFields.decimal;
import static io.exchangebus.connectors.deribit.mapping.DeribitFields.integer;
import static io.exchangebus.connectors.deribit.mapping.DeribitFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentId;
import io.exchangebus.connectors.core.instrument.InstrumentList;
import io.exchangebus.connectors.core.instrument.SkippedInstrument;
import io.exchangebus.connectors.core.instrument.TickBand;
import io.exchangebus.connectors.core.instrument.TradingRules;
import io.exchangebus.connectors.deribit.http.DeribitErrors;
import io.exchangebus.events.InstrumentKind;
import io.exchangebus.events.OptionType;
import io.exchangebus.events.QuantityUnit;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code public/get_instruments} (and {@code public/get_instrument}) results to {@link InstrumentDefinition}s.
 *
 * <p>Terms by {@code kind} and {@code instrument_type} (shared/venues/deribit.md §11):
 * <pre>
 *   reversed future/perpetual  quantity in USD (QUOTE), inverse, contract_size in USD, prices in quote_currency
 *   linear future/perpetual    quantity in the coin (BASE), linear, prices in quote_currency (USDC)
 *   option (reversed or linear) quantity in the coin (BASE), linear arithmetic, prices in quote_currency (BTC for
 *                              coin options, whose strike is in counter_currency USD)
 *   spot                       BASE, prices in quote_currency
 * </pre>
 * The id comes from the name ({@link DeribitSymbols}) and is checked against the fields (kind, base, strike, option
 * type; the expiry date by {@link InstrumentDefinition}). {@code min_trade_amount} is both the minimum and the
 * quantity step (equal to {@code contract_size} for the inverse contracts, 0.1 for coin options). Combos and
 * unknown enum values are skipped with their reason, never defaulted.
 */
public final class InstrumentMapping {

    private InstrumentMapping() {
    }

    /** The instruments of a JSON-RPC response to {@code public/get_instruments}. */
    public static InstrumentList fromResponse(String body) {
        JsonNode root = DeribitFields.readTree(body);
        JsonNode result = root.get("result");
        if (result == null || !result.isArray()) {
            throw new UnmappableMessageException("result is not an instrument array");
        }
        return list(result);
    }

    /** The instruments of a {@code result} array; one that cannot be mapped is skipped with its reason. */
    public static InstrumentList list(JsonNode result) {
        List<InstrumentDefinition> mapped = new ArrayList<>();
        List<SkippedInstrument> skipped = new ArrayList<>();
        for (JsonNode item : result) {
            try {
                mapped.add(definition(item));
            } catch (UnmappableMessageException | IllegalArgumentException e) {
                String name = item.path("instrument_name").asText("?");
                skipped.add(new SkippedInstrument(name, e.getMessage()));
            }
        }
        return new InstrumentList(mapped, skipped);
    }

    /**
     * One instrument object.
     *
     * @throws UnmappableMessageException naming the field for a missing or unknown value
     * @throws IllegalArgumentException when the terms contradict each other (InstrumentDefinition's checks)
     */
    public static InstrumentDefinition definition(JsonNode i) {
        String name = text(i, "instrument_name");
        InstrumentId id = DeribitSymbols.instrumentId(name);
        String kind = text(i, "kind");
        InstrumentKind expected = switch (kind) {
            case "future" -> "perpetual".equals(settlementPeriod(i)) ? InstrumentKind.PERPETUAL : InstrumentKind.FUTURE;
            case "option" -> InstrumentKind.OPTION;
            case "spot" -> InstrumentKind.SPOT;
            case "future_combo", "option_combo" ->
                    throw new UnmappableMessageException("kind " + kind + ": combos are not mapped");
            default -> throw new UnmappableMessageException("kind: unknown value '" + kind + "'");
        };
        check(name, id, expected, i);
        boolean reversed = id.kind() != InstrumentKind.SPOT && reversed(i);
        boolean inverse = reversed && id.kind() != InstrumentKind.OPTION;
        QuantityUnit unit = inverse ? QuantityUnit.QUOTE : QuantityUnit.BASE;
        BigDecimal minAmount = decimal(i, "min_trade_amount");
        TradingRules rules = new TradingRules(decimal(i, "tick_size"), minAmount, minAmount, null, null,
                decimal(i, "contract_size"), tickBands(i));
        Instant expiry = id.expiry() == null ? null : Instant.ofEpochMilli(integer(i, "expiration_timestamp"));
        return new InstrumentDefinition(DeribitErrors.EXCHANGE, name, id, text(i, "settlement_currency"), expiry,
                rules, bool(i, "is_active"), unit, inverse, text(i, "quote_currency"));
    }

    private static String settlementPeriod(JsonNode i) {
        String period = text(i, "settlement_period");
        return switch (period) {
            case "perpetual", "day", "week", "month" -> period;
            default -> throw new UnmappableMessageException("settlement_period: unknown value '" + period + "'");
        };
    }

    private static boolean reversed(JsonNode i) {
        String type = text(i, "instrument_type");
        return switch (type) {
            case "reversed" -> true;
            case "linear" -> false;
            default -> throw new UnmappableMessageException("instrument_type: unknown value '" + type + "'");
        };
    }

    /** The name's id must agree with the fields; a disagreement is refused rather than one side believed. */
    private static void check(String name, InstrumentId id, InstrumentKind kind, JsonNode i) {
        if (id.kind() != kind) {
            throw new UnmappableMessageException("instrument_name '" + name + "' is a " + id.kind()
                    + " but the fields say " + kind);
        }
        if (!id.base().equals(text(i, "base_currency"))) {
            throw new UnmappableMessageException("base_currency " + i.get("base_currency") + " is not the base of '"
                    + name + "'");
        }
        if (kind == InstrumentKind.OPTION) {
            if (decimal(i, "strike").compareTo(id.strike()) != 0) {
                throw new UnmappableMessageException("strike " + i.get("strike") + " is not the strike of '" + name
                        + "'");
            }
            String type = text(i, "option_type");
            OptionType optionType = switch (type) {
                case "call" -> OptionType.CALL;
                case "put" -> OptionType.PUT;
                default -> throw new UnmappableMessageException("option_type: unknown value '" + type + "'");
            };
            if (optionType != id.optionType()) {
                throw new UnmappableMessageException("option_type " + type + " is not that of '" + name + "'");
            }
        }
    }

    /** {@code tick_size_steps}: an array of {@code {above_price, tick_size}} (typed "object" in the docs). */
    private static List<TickBand> tickBands(JsonNode i) {
        JsonNode steps = i.get("tick_size_steps");
        if (steps == null || steps.isNull()) {
            return List.of();
        }
        if (!steps.isArray()) {
            throw new UnmappableMessageException("tick_size_steps is not an array: " + steps);
        }
        List<TickBand> bands = new ArrayList<>(steps.size());
        for (JsonNode step : steps) {
            bands.add(new TickBand(decimal("tick_size_steps.above_price", step.get("above_price")),
                    decimal("tick_size_steps.tick_size", step.get("tick_size"))));
        }
        bands.sort((a, b) -> a.abovePrice().compareTo(b.abovePrice()));
        return bands;
    }
}
