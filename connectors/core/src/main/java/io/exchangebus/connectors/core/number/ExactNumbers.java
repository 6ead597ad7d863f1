package io.exchangebus.connectors.core.number;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.exchangebus.avro.DecimalText;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.CharBuffer;

/**
 * The exchanges' numbers as exact {@link BigDecimal}s for the model's {@code decimal(38, 18)}, never through
 * {@code double}: from a JSON string's content ("65000.10", GRVT's prices and sizes), a JSON number token (Deribit's
 * {@code 1.6e-7}), a {@link JsonNode} or a streaming {@link JsonParser}'s current token. Every connector reads its
 * money with this class, so one set of rules ({@link DecimalText}: JSON's number grammar, at most 20 integer digits,
 * no non-zero digit beyond the 18th decimal place, negative values allowed) decides everywhere; the rules sit in
 * {@code avro} so that {@code ExactDecimals.parse} follows them too.
 *
 * <p>Results keep the text's scale clamped to [0, 18] ({@code "65000.01000000"} keeps 8; {@code 1E+3} has scale 0;
 * trailing zeros beyond the 18th place are dropped). A refusal is a {@link NumberRead.Refused} that names the field,
 * never an exception.
 *
 * <p>JSON trees: Jackson's default {@link ObjectMapper} reads a non-integer number as a {@code double}, so its digits
 * are lost before we see them ({@code 0.1234567890123456789} becomes {@code 0.12345678901234568}). Such a node is
 * refused ({@link NumberRead.Reason#BINARY_FLOAT}); read trees with a mapper set up by {@link #configure}, which
 * makes them {@code BigDecimal} nodes that keep their scale. The streaming reader needs no set-up: it reads the
 * token's characters.
 *
 * <p>Hot path: {@link #exactOrNull(CharSequence, int, int)} and {@link #exactOrNull(JsonParser)} allocate only the
 * result for a plain decimal of up to 18 digits (Binance's usual form); other forms take one more walk of the text.
 * Refusal reasons are worked out afterwards, on the cold path. Stateless and thread-safe.
 */
public final class ExactNumbers {

    private ExactNumbers() {
    }

    /**
     * Sets up {@code mapper} so that its trees hold every non-integer number as a {@code BigDecimal} with the scale
     * it was written with; returns it.
     */
    public static ObjectMapper configure(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
        return mapper;
    }

    /** A new mapper set up by {@link #configure}. */
    public static ObjectMapper exactMapper() {
        return configure(new ObjectMapper());
    }

    /** Only the fast path: a plain {@code -?digits(.digits)?} of at most 18 digits, else null (see {@link #exactOrNull}). */
    public static BigDecimal plainOrNull(CharSequence text, int from, int to) {
        return DecimalText.plain(text, from, to);
    }

    /** The exact value of {@code text[from, to)}, or null when refused ({@link #read(String, CharSequence)} says why). */
    public static BigDecimal exactOrNull(CharSequence text, int from, int to) {
        return DecimalText.parse(text, from, to);
    }

    /**
     * The exact value of the parser's current token, a string or a number, or null when it is neither or is refused
     * ({@link #read(String, JsonParser)} says why).
     */
    public static BigDecimal exactOrNull(JsonParser p) throws IOException {
        if (!isScalarNumberOrString(p.currentToken())) {
            return null;
        }
        int offset = p.getTextOffset();
        return DecimalText.parse(CharBuffer.wrap(p.getTextCharacters()), offset, offset + p.getTextLength());
    }

    /** The content of a JSON string (or any text) of {@code field}; null is missing. */
    public static NumberRead read(String field, CharSequence text) {
        if (text == null) {
            return new NumberRead.Refused(field, null, NumberRead.Reason.MISSING);
        }
        BigDecimal value = DecimalText.parse(text, 0, text.length());
        return value != null ? new NumberRead.Exact(value) : refused(field, text);
    }

    /** The parser's current token for {@code field}: a string or a number; anything else is refused. */
    public static NumberRead read(String field, JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == null || token == JsonToken.VALUE_NULL) {
            return new NumberRead.Refused(field, null, NumberRead.Reason.MISSING);
        }
        if (!isScalarNumberOrString(token)) {
            return new NumberRead.Refused(field, token.toString(), NumberRead.Reason.NOT_A_NUMBER);
        }
        int offset = p.getTextOffset();
        return read(field, CharBuffer.wrap(p.getTextCharacters(), offset, p.getTextLength()));
    }

    /**
     * {@code node}, the value of {@code field}: a string, an integer, or a {@code BigDecimal} number. A number held
     * as a double is refused (its digits are gone); null, JSON null and a missing node are missing.
     */
    public static NumberRead read(String field, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return new NumberRead.Refused(field, null, NumberRead.Reason.MISSING);
        }
        if (node.isTextual()) {
            return read(field, node.textValue());
        }
        if (node.isBigDecimal() || node.isIntegralNumber()) {
            BigDecimal exact = node.decimalValue();
            BigDecimal fitted = DecimalText.fit(exact);
            return fitted != null ? new NumberRead.Exact(fitted)
                    : new NumberRead.Refused(field, exact.toString(), reason(DecimalText.refusal(exact)));
        }
        if (node.isNumber()) {
            return new NumberRead.Refused(field, node.asText(), NumberRead.Reason.BINARY_FLOAT);
        }
        return new NumberRead.Refused(field, node.isValueNode() ? node.asText() : node.getNodeType().toString(),
                NumberRead.Reason.NOT_A_NUMBER);
    }

    private static boolean isScalarNumberOrString(JsonToken token) {
        return token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_INT
                || token == JsonToken.VALUE_NUMBER_FLOAT;
    }

    private static NumberRead.Refused refused(String field, CharSequence text) {
        return new NumberRead.Refused(field, text.toString(), reason(DecimalText.refusal(text, 0, text.length())));
    }

    private static NumberRead.Reason reason(DecimalText.Refusal refusal) {
        return switch (refusal) {
            case TOO_MANY_DECIMALS -> NumberRead.Reason.TOO_MANY_DECIMALS;
            case BEYOND_RANGE -> NumberRead.Reason.BEYOND_RANGE;
            case NOT_A_NUMBER -> NumberRead.Reason.NOT_A_NUMBER;
        };
    }
}
