package io.exchangebus.connectors.deribit.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.number.ExactNumbers;
import io.exchangebus.connectors.core.number.NumberRead;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Field readers shared by the Deribit mappings. Numbers go only through {@link ExactNumbers}; trees must come from
 * {@link #JSON} (big-decimal nodes), else every fraction is refused as a binary double. A refusal is an
 * {@link UnmappableMessageException} naming the field.
 */
final class DeribitFields {

    /** Deribit's JSON, read with numbers kept exact ({@code 1.6e-7}, 18-digit prices). */
    static final com.fasterxml.jackson.databind.ObjectMapper JSON = ExactNumbers.exactMapper();

    private DeribitFields() {
    }

    static JsonNode readTree(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw new UnmappableMessageException("not a JSON object");
            }
            return node;
        } catch (java.io.IOException e) {
            throw new UnmappableMessageException("not JSON: " + e.getClass().getSimpleName());
        } catch (NumberFormatException e) {
            throw new UnmappableMessageException("a number that cannot be read: " + e.getMessage());
        }
    }

    /** The exact number at {@code node}, called {@code field} in the error. */
    static BigDecimal decimal(String field, JsonNode node) {
        return ExactNumbers.read(field, node).orElseThrow(DeribitFields::refusal);
    }

    /** A required number field of {@code object}. */
    static BigDecimal decimal(JsonNode object, String field) {
        return decimal(field, object.get(field));
    }

    /** An optional number field: null when absent or JSON null; present but unreadable is refused. */
    static BigDecimal decimalOrNull(JsonNode object, String field) {
        JsonNode node = object.get(field);
        return node == null || node.isNull() ? null : decimal(field, node);
    }

    static long integer(JsonNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new UnmappableMessageException(field + " is not an integer: " + node);
        }
        return node.longValue();
    }

    /** An optional integer: null when absent or JSON null. */
    static Long integerOrNull(JsonNode object, String field) {
        JsonNode node = object.get(field);
        return node == null || node.isNull() ? null : integer(object, field);
    }

    static String text(JsonNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || !node.isTextual()) {
            throw new UnmappableMessageException(field + " is not a string: " + node);
        }
        return node.textValue();
    }

    static boolean bool(JsonNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || !node.isBoolean()) {
            throw new UnmappableMessageException(field + " is not a boolean: " + node);
        }
        return node.booleanValue();
    }

    /** A millisecond timestamp field as an instant. */
    static Instant millis(JsonNode object, String field) {
        return Instant.ofEpochMilli(integer(object, field));
    }

    static JsonNode array(JsonNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || !node.isArray()) {
            throw new UnmappableMessageException(field + " is not an array: " + node);
        }
        return node;
    }

    private static UnmappableMessageException refusal(NumberRead.Refused refused) {
        return new UnmappableMessageException(refused.message());
    }
}
