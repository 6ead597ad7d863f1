package io.exchangebus.connectors.core.book;

import io.exchangebus.connectors.core.number.ExactNumbers;
import io.exchangebus.connectors.core.number.NumberRead;
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

    /**
     * Parses decimal text as exchanges send it, by the rules of {@link ExactNumbers} (never through binary floating
     * point; a value {@code decimal(38, 18)} cannot hold is refused).
     *
     * @throws IllegalArgumentException naming the field when a text is refused
     */
    public static Level of(String price, String quantity) {
        return new Level(ExactNumbers.read("price", price).orElseThrow(Level::refusal),
                ExactNumbers.read("quantity", quantity).orElseThrow(Level::refusal));
    }

    private static IllegalArgumentException refusal(NumberRead.Refused refused) {
        return new IllegalArgumentException(refused.message());
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
