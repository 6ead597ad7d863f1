package io.exchangebus.sim.engine;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A price and the total quantity resting there; in a diff, quantity zero means the level is gone. Both numbers are
 * normalized (trailing zeros stripped, never a negative scale) so that equal levels are {@code equals}.
 */
public record PriceLevel(BigDecimal price, BigDecimal quantity) {

    public PriceLevel {
        price = normalize(Objects.requireNonNull(price, "price"));
        quantity = normalize(Objects.requireNonNull(quantity, "quantity"));
    }

    public static PriceLevel of(String price, String quantity) {
        return new PriceLevel(new BigDecimal(price), new BigDecimal(quantity));
    }

    /** The smallest non-negative scale that keeps the value: 100.0 → 100, 0.50 → 0.5. */
    public static BigDecimal normalize(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
