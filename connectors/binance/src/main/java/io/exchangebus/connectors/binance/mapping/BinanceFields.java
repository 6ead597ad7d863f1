package io.exchangebus.connectors.binance.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.avro.ExactDecimals;
import io.exchangebus.connectors.core.number.ExactNumbers;
import io.exchangebus.connectors.core.number.NumberRead;
import io.exchangebus.connectors.core.number.ValueRange;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Reading Binance's fields: decimals come as JSON strings ("0.00100000") and are read as exact
 * {@link BigDecimal}s from their text by {@link ExactNumbers}, never through a double (trees must be read with a
 * mapper set up by {@link ExactNumbers#configure}, or a JSON number with a fraction is refused); times are epoch milliseconds and become the event
 * model's microseconds here and nowhere else.
 *
 * <p>Ranges: every decimal a mapping reads is checked against the {@link ValueRange} Binance defines for its field
 * (a price above zero, a quantity zero or above, a balance, position or PnL of any sign), the same rules for every
 * exchange; a value out of range refuses the message naming the field ({@code executedQty: -1 is negative}). The
 * check itself allocates nothing; the message is built only on refusal.
 */
public final class BinanceFields {
    private static final int INTEGER_DIGITS = ExactDecimals.PRECISION - ExactDecimals.SCALE;

    private BinanceFields() {
    }

    /**
     * The exact decimal in {@code node.field}, which must be a decimal string (or a JSON number held exactly), by
     * the shared rules of {@link ExactNumbers}: never through a double, and refused when {@code decimal(38, 18)}
     * cannot hold it.
     */
    public static BigDecimal decimal(JsonNode node, String field) {
        return decimalValue(node.get(field), field);
    }

    /** The exact decimal {@code value}, which is the value of {@code field} (an element of a level, for instance). */
    public static BigDecimal decimalValue(JsonNode value, String field) {
        NumberRead read = ExactNumbers.read(field, value);
        return read.isExact() ? read.value() : refusal((NumberRead.Refused) read);
    }

    /** {@link #decimal(JsonNode, String)} in {@code range}, else refused naming the field. */
    public static BigDecimal decimal(JsonNode node, String field, ValueRange range) {
        return inRange(range, field, decimalValue(node.get(field), field));
    }

    /** {@link #decimalValue(JsonNode, String)} in {@code range}, else refused naming the field. */
    public static BigDecimal decimalValue(JsonNode value, String field, ValueRange range) {
        return inRange(range, field, decimalValue(value, field));
    }

    /** {@code node.field} in {@code range} when present and not null, else null. */
    public static BigDecimal optionalDecimal(JsonNode node, String field, ValueRange range) {
        return node.hasNonNull(field) ? decimal(node, field, range) : null;
    }

    /** {@code value} of {@code field} when {@code range} admits it (no allocation), else refused naming the field. */
    public static BigDecimal inRange(ValueRange range, String field, BigDecimal value) {
        return range.admits(value) ? value : refuse(range, field, value);
    }

    /** Refuses {@code value}, which {@code range} does not admit, naming {@code field}: the cold path. */
    static BigDecimal refuse(ValueRange range, String field, BigDecimal value) {
        throw new UnmappableMessageException(((NumberRead.Refused) range.check(field, value)).message());
    }

    /**
     * A value we computed from the exchange's fields ({@code field}, e.g. an average price from a cumulative quote
     * over a filled quantity): itself when {@code decimal(38, 18)} holds it, else the message is refused naming the
     * field and what it was computed from, rather than emitted to fail later at serialization.
     */
    public static BigDecimal computed(String field, BigDecimal value) {
        int scale = value.scale();
        if (scale <= ExactDecimals.SCALE && value.precision() - scale <= INTEGER_DIGITS) {
            return value;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        NumberRead.Reason reason;
        if (stripped.scale() > ExactDecimals.SCALE) {
            reason = NumberRead.Reason.TOO_MANY_DECIMALS;
        } else if (stripped.precision() - stripped.scale() > INTEGER_DIGITS) {
            reason = NumberRead.Reason.BEYOND_RANGE;
        } else {
            return value; // only trailing zeros beyond the 18th place
        }
        throw new UnmappableMessageException(new NumberRead.Refused(field, value.toPlainString(), reason).message());
    }

    private static BigDecimal refusal(NumberRead.Refused refused) {
        throw new UnmappableMessageException(switch (refused.reason()) {
            case MISSING -> "field '" + refused.field() + "' is missing or not a decimal";
            case NOT_A_NUMBER -> "field '" + refused.field() + "' is not a decimal: '" + refused.text() + "'";
            default -> refused.message();
        });
    }

    /** The text in {@code node.field}, which must be present. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            throw new UnmappableMessageException("field '" + field + "' is missing");
        }
        return value.asText();
    }

    /** The integer in {@code node.field}, which must be present. */
    public static long integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
            throw new UnmappableMessageException("field '" + field + "' is missing or not an integer");
        }
        return value.asLong();
    }

    /** Binance epoch milliseconds as the event model's epoch microseconds. */
    public static long micros(long epochMillis) {
        return Math.multiplyExact(epochMillis, 1000L);
    }

    /**
     * The epoch milliseconds in {@code node.field} as the event model's epoch microseconds; a time beyond what a
     * {@code long} of microseconds holds is refused naming the field (found by run-fuzz, seed 5: a {@code T} of
     * 15732006200697068 overflowed the multiplication).
     */
    public static long micros(JsonNode node, String field) {
        long millis = integer(node, field);
        if (millis > Long.MAX_VALUE / 1000L || millis < Long.MIN_VALUE / 1000L) {
            throw new UnmappableMessageException("field '" + field + "': " + millis
                    + " ms is beyond the event model's epoch microseconds");
        }
        return millis * 1000L;
    }

    /** Binance epoch milliseconds as an instant. */
    public static Instant instant(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis);
    }
}
