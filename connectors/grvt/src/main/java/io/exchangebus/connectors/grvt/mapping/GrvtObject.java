package io.exchangebus.connectors.grvt.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.avro.ExactDecimals;
import io.exchangebus.connectors.core.number.ExactNumbers;
import io.exchangebus.connectors.core.number.NumberRead;
import io.exchangebus.connectors.core.number.ValueRange;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;

/**
 * One JSON object of a GRVT message, read by the field's full name or its lite name, as the message's form says
 * (grvt.md §2: lite names depend on context, {@code s} is a size in a level and a status in a state, so the form is
 * fixed per message, never guessed per field). Numbers only through {@link ExactNumbers}: prices and sizes arrive as
 * strings, counts and some rates as numbers or strings, both accepted; times are ns strings (or integers).
 * Every refusal is a {@link GrvtMappingException} naming the field's path.
 *
 * @param node the object
 * @param lite whether the message uses lite names
 * @param path where the object is, for messages ({@code feed}, {@code feed.bids[2]})
 */
record GrvtObject(JsonNode node, boolean lite, String path) {

    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);

    static GrvtObject of(JsonNode node, boolean lite, String path) {
        if (node == null || !node.isObject()) {
            throw new GrvtMappingException(path + " is not an object");
        }
        return new GrvtObject(node, lite, path);
    }

    JsonNode get(String full, String liteName) {
        JsonNode n = node.get(lite ? liteName : full);
        return n == null || n.isNull() ? null : n;
    }

    boolean has(String full, String liteName) {
        return get(full, liteName) != null;
    }

    String name(String full, String liteName) {
        return path + "." + (lite ? liteName : full);
    }

    GrvtObject object(String full, String liteName) {
        return of(get(full, liteName), lite, name(full, liteName));
    }

    JsonNode array(String full, String liteName) {
        JsonNode n = get(full, liteName);
        if (n == null || !n.isArray()) {
            throw new GrvtMappingException(name(full, liteName) + " is not an array");
        }
        return n;
    }

    String text(String full, String liteName) {
        JsonNode n = get(full, liteName);
        if (n == null || !n.isTextual() || n.textValue().isEmpty()) {
            throw new GrvtMappingException(name(full, liteName) + " is not a non-empty string");
        }
        return n.textValue();
    }

    String textOrNull(String full, String liteName) {
        return has(full, liteName) ? text(full, liteName) : null;
    }

    boolean bool(String full, String liteName) {
        JsonNode n = get(full, liteName);
        if (n == null || !n.isBoolean()) {
            throw new GrvtMappingException(name(full, liteName) + " is not a boolean");
        }
        return n.booleanValue();
    }

    /** A required number in {@code range}, within {@code decimal(38,18)}. */
    BigDecimal decimal(String full, String liteName, ValueRange range) {
        return decimal(name(full, liteName), get(full, liteName), range);
    }

    /** An optional number: null when absent or JSON null. */
    BigDecimal decimalOrNull(String full, String liteName, ValueRange range) {
        JsonNode n = get(full, liteName);
        return n == null ? null : decimal(name(full, liteName), n, range);
    }

    static BigDecimal decimal(String field, JsonNode n, ValueRange range) {
        NumberRead read = ExactNumbers.read(field, n);
        if (read instanceof NumberRead.Exact exact) {
            read = range.check(field, exact.value());
        }
        BigDecimal value = read.orElseThrow(r -> new GrvtMappingException(r.message()));
        return ExactDecimals.exact(field, value);
    }

    /** A count (num_orders, base_decimals): a non-negative integer as a number or a string. */
    int count(String full, String liteName) {
        JsonNode n = get(full, liteName);
        String field = name(full, liteName);
        String text = n == null ? null : n.isIntegralNumber() ? n.asText() : n.isTextual() ? n.textValue() : null;
        if (text == null || !digits(text, 9)) {
            throw new GrvtMappingException(field + " is not a count: " + (n == null ? "missing" : n.toString()));
        }
        return Integer.parseInt(text);
    }

    /** A whole non-negative number (sequence numbers) as a string or an integer. */
    long wholeNumber(String full, String liteName) {
        JsonNode n = get(full, liteName);
        String field = name(full, liteName);
        String text = n == null ? null : n.isIntegralNumber() ? n.asText() : n.isTextual() ? n.textValue() : null;
        if (text == null || !digits(text, 18)) {
            throw new GrvtMappingException(field + " is not a whole number below 10^18: "
                    + (n == null ? "missing" : n.toString()));
        }
        return Long.parseLong(text);
    }

    /** A unix time in nanoseconds, a string or an integer, as an instant (exact to the nanosecond). */
    Instant nanos(String full, String liteName) {
        JsonNode n = get(full, liteName);
        String field = name(full, liteName);
        String text = n == null ? null : n.isIntegralNumber() ? n.asText() : n.isTextual() ? n.textValue() : null;
        if (text == null || !digits(text, 19)) {
            throw new GrvtMappingException(field + " is not a time in ns: " + (n == null ? "missing" : n.toString()));
        }
        BigInteger[] parts = new BigInteger(text).divideAndRemainder(NANOS_PER_SECOND);
        return Instant.ofEpochSecond(parts[0].longValueExact(), parts[1].longValueExact());
    }

    /** One to {@code max} ASCII digits, nothing else ({@code [0-9]{1,max}}, without compiling a pattern a call). */
    static boolean digits(String text, int max) {
        if (text.isEmpty() || text.length() > max) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    Instant nanosOrNull(String full, String liteName) {
        return has(full, liteName) ? nanos(full, liteName) : null;
    }
}
