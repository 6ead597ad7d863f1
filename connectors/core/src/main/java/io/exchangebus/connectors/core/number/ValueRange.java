package io.exchangebus.connectors.core.number;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The sign a venue defines for a numeric field, checked where its raw messages are mapped, by every connector alike:
 * a book level's or a trade's price is {@link #POSITIVE}, a size, an amount, a volume or an open interest
 * {@link #NON_NEGATIVE} (a book level's 0 removes it), a position, a PnL, a funding rate or a greek {@link #SIGNED}.
 * Precision and scale ({@code decimal(38,18)}) are {@link ExactNumbers}' job and hold for every range.
 */
public enum ValueRange {
    /** Above zero. */
    POSITIVE,
    /** Zero or above. */
    NON_NEGATIVE,
    /** Any sign. */
    SIGNED;

    /** Whether {@code value} is in this range; no allocation, for the hot path. */
    public boolean admits(BigDecimal value) {
        return switch (this) {
            case POSITIVE -> value.signum() > 0;
            case NON_NEGATIVE -> value.signum() >= 0;
            case SIGNED -> true;
        };
    }

    /** {@code value} of {@code field} if in range, else a refusal naming the field ({@code amount: -1 is negative}). */
    public NumberRead check(String field, BigDecimal value) {
        Objects.requireNonNull(value, "value");
        if (admits(value)) {
            return new NumberRead.Exact(value);
        }
        NumberRead.Reason reason = this == POSITIVE ? NumberRead.Reason.NOT_POSITIVE : NumberRead.Reason.NEGATIVE;
        return new NumberRead.Refused(field, value.toPlainString(), reason);
    }
}
