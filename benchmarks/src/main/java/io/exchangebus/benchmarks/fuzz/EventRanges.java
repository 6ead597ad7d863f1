package io.exchangebus.benchmarks.fuzz;

import io.exchangebus.connectors.core.number.ValueRange;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Finds values in an event that no exchange sends: any decimal beyond the model's {@code decimal(38,18)} (more than
 * 18 decimal places or 20 integer digits: it would fail only at serialization), and a sign the field cannot have
 * (the table below: a book level's or a trade's price above zero, sizes zero or above, an account's margins zero or
 * above; positions, PnL, balances, fees, funding and greeks signed). The rules are the fuzz harness's own statement of the model, independent of the
 * mappings it checks. Stateless.
 */
final class EventRanges {
    private static final BigDecimal MAX_EXCLUSIVE = BigDecimal.TEN.pow(20);
    private static final Map<String, ValueRange> RULES = Map.ofEntries(
            Map.entry("PriceLevel.price", ValueRange.POSITIVE),
            Map.entry("PriceLevel.quantity", ValueRange.NON_NEGATIVE),
            Map.entry("Trade.price", ValueRange.POSITIVE),
            Map.entry("Trade.quantity", ValueRange.POSITIVE),
            Map.entry("Fill.price", ValueRange.POSITIVE),
            Map.entry("Fill.quantity", ValueRange.POSITIVE),
            Map.entry("Ticker.bidPrice", ValueRange.NON_NEGATIVE),
            Map.entry("Ticker.askPrice", ValueRange.NON_NEGATIVE),
            Map.entry("Ticker.lastPrice", ValueRange.NON_NEGATIVE),
            Map.entry("Ticker.markPrice", ValueRange.NON_NEGATIVE),
            Map.entry("Ticker.indexPrice", ValueRange.NON_NEGATIVE),
            Map.entry("Ticker.underlyingPrice", ValueRange.NON_NEGATIVE),
            Map.entry("Ticker.bidQuantity", ValueRange.NON_NEGATIVE),
            Map.entry("Ticker.askQuantity", ValueRange.NON_NEGATIVE),
            Map.entry("Ticker.openInterest", ValueRange.NON_NEGATIVE),
            Map.entry("Ticker.volume24h", ValueRange.NON_NEGATIVE),
            Map.entry("Ticker.markIv", ValueRange.NON_NEGATIVE),
            Map.entry("Ticker.bidIv", ValueRange.NON_NEGATIVE),
            Map.entry("Ticker.askIv", ValueRange.NON_NEGATIVE),
            Map.entry("OrderUpdate.price", ValueRange.NON_NEGATIVE),
            Map.entry("OrderUpdate.stopPrice", ValueRange.NON_NEGATIVE),
            Map.entry("OrderUpdate.averagePrice", ValueRange.NON_NEGATIVE),
            Map.entry("OrderUpdate.quantity", ValueRange.NON_NEGATIVE),
            Map.entry("OrderUpdate.filledQuantity", ValueRange.NON_NEGATIVE),
            Map.entry("PositionUpdate.entryPrice", ValueRange.NON_NEGATIVE),
            Map.entry("PositionUpdate.markPrice", ValueRange.NON_NEGATIVE),
            Map.entry("PositionUpdate.liquidationPrice", ValueRange.NON_NEGATIVE),
            Map.entry("PositionUpdate.leverage", ValueRange.NON_NEGATIVE),
            Map.entry("AccountUpdate.initialMargin", ValueRange.NON_NEGATIVE),
            Map.entry("AccountUpdate.maintenanceMargin", ValueRange.NON_NEGATIVE));

    private EventRanges() {
    }

    /** What is out of range in {@code event}, as {@code Record.field: value (why)}; empty when nothing. */
    static List<String> violations(SpecificRecord event) {
        List<String> out = new ArrayList<>(0);
        walk(event, out);
        return out;
    }

    private static void walk(SpecificRecord record, List<String> out) {
        Schema schema = record.getSchema();
        for (Schema.Field field : schema.getFields()) {
            check(schema.getName() + "." + field.name(), record.get(field.pos()), out);
        }
    }

    private static void check(String name, Object value, List<String> out) {
        if (value instanceof BigDecimal d) {
            decimal(name, d, out);
        } else if (value instanceof SpecificRecord nested) {
            walk(nested, out);
        } else if (value instanceof List<?> list) {
            for (Object element : list) {
                check(name, element, out);
            }
        }
    }

    private static void decimal(String name, BigDecimal d, List<String> out) {
        BigDecimal stripped = d.stripTrailingZeros();
        if (stripped.scale() > 18) {
            out.add(name + ": " + d.toPlainString() + " (more than 18 decimal places)");
        } else if (d.abs().compareTo(MAX_EXCLUSIVE) >= 0) {
            out.add(name + ": " + d.toPlainString() + " (more than 20 integer digits)");
        }
        ValueRange range = RULES.getOrDefault(name, ValueRange.SIGNED);
        if (!range.admits(d)) {
            out.add(name + ": " + d.toPlainString() + " (must be " + range + ")");
        }
    }
}
