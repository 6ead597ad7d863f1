package io.exchangebus.connectors.core.book;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One price level: an exact price and the absolute quantity resting at it. In a diff, quantity 0 removes the level.
 *
 * <p>Equality is by numeric value, not by representation: {@code 1.0} equals {@code 1.00}, as the book's keys do.
 * (A record's generated {@code equals} would use {@link BigDecimal#equals}, which also compares the scale.)
 *
 * @param price    the price, in quote currency per unit; never null
 * @param quantity the quantity, in the exchange's unit; never null, never negative
 */
public record Level(BigDecimal price, BigDecimal quantity) {
    public Level {
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(quantity, "quantity");
    }

    /** Parses decimal text as exchanges send it, without passing through binary floating point. */
    public static Level of(String price, String quantity) {
        return new Level(new BigDecimal(price), new BigDecimal(quantity));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Level other
                && price.compareTo(other.price) == 0
                && quantity.compareTo(other.quantity) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * valueHash(price) + valueHash(quantity);
    }

    private static int valueHash(BigDecimal d) {
        return d.signum() == 0 ? 0 : d.stripTrailingZeros().hashCode();
    }

    @Override
    public String toString() {
        return price.toPlainString() + "@" + quantity.toPlainString();
    }
}
