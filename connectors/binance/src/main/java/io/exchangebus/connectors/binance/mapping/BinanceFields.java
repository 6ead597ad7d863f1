package io.exchangebus.connectors.binance.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Reading Binance's fields: decimals come as JSON strings ("0.00100000") and are read as exact
 * {@link BigDecimal}s from their text, never through a double; times are epoch milliseconds and become the event
 * model's microseconds here and nowhere else.
 */
public final class BinanceFields {

    private BinanceFields() {
    }

    /** The exact decimal in {@code node.field}, which must be a decimal string (or a JSON number's text). */
    public static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || !(value.isTextual() || value.isNumber())) {
            throw new UnmappableMessageException("field '" + field + "' is missing or not a decimal");
        }
        return decimal(value, field, value.isTextual() ? value.textValue() : value.asText());
    }

    /** The exact decimal {@code text} of {@code field}. */
    public static BigDecimal decimal(JsonNode value, String field, String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new UnmappableMessageException("field '" + field + "' is not a decimal: '" + text + "'");
        }
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
