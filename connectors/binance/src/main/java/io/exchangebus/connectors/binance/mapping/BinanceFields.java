package io.exchangebus.connectors.binance.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.number.ExactNumbers;
import io.exchangebus.connectors.core.number.NumberRead;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Reading Binance's fields: decimals come as JSON strings ("0.00100000") and are read as exact
 * {@link BigDecimal}s from their text by {@link ExactNumbers}, never through a double (trees must be read with a
 * mapper set up by {@link ExactNumbers#configure}, or a JSON number with a fraction is refused); times are epoch milliseconds and become the event
 * model's microseconds here and nowhere else.
 */
public final class BinanceFields {

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

    /** Binance epoch milliseconds as an instant. */
    public static Instant instant(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis);
    }
}
