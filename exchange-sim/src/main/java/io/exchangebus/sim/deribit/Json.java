package io.exchangebus.sim.deribit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.engine.PriceLevel;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** JSON building blocks: exact decimals as JSON numbers, model doubles rounded to decimals. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** An exact decimal as a JSON number, without trailing zeros ({@code 10}, {@code 0.5}, {@code 1E-7}). */
    static JsonNode num(BigDecimal value) {
        return DecimalNode.valueOf(PriceLevel.normalize(value));
    }

    /** A model output (greeks, implied vol) rounded half-even to {@code decimals}, as a JSON number. */
    static JsonNode num(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return num(BigDecimal.ZERO);
        }
        return num(BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_EVEN));
    }
}
