package io.exchangebus.sim.grvt;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;

/** JSON helpers of the GRVT simulator: numbers as GRVT renders them (prices, sizes and ns times as strings). */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** A decimal as GRVT writes it: plain, no exponent, at least one decimal ("65038.0", "0.005"). */
    static String decimal(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        if (v.scale() < 1) {
            v = v.setScale(1);
        }
        return v.toPlainString();
    }

    /** Unix nanoseconds as a string, GRVT's time format. */
    static String nanos(Instant t) {
        return Long.toString(t.getEpochSecond() * 1_000_000_000L + t.getNano());
    }
}
