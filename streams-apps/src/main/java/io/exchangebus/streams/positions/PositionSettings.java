package io.exchangebus.streams.positions;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * How the positions topology reconciles and how long it remembers orders.
 *
 * @param tolerance      largest |derived − reported| quantity still taken as agreement (≥ 0, at most 18 decimal
 *                       places, as it is written into alerts' decimal(38, 18))
 * @param gracePeriod    how long the two views may disagree before an alert is raised (≥ 0): fills and the
 *                       exchange's position report arrive on different topics, so a short disagreement is normal
 * @param checkInterval  how often (wall clock) diverging positions are checked against the grace period (> 0)
 * @param orderRetention how long a finished order (filled, canceled, expired, rejected) is remembered after it was
 *                       last seen (> 0), so that a late replay of one of its updates is recognised and not counted
 *                       again; a replay older than this would count again
 */
public record PositionSettings(BigDecimal tolerance, Duration gracePeriod, Duration checkInterval,
                               Duration orderRetention) {
    private static final int MAX_SCALE = 18;

    public PositionSettings {
        Objects.requireNonNull(tolerance, "tolerance");
        Objects.requireNonNull(gracePeriod, "gracePeriod");
        Objects.requireNonNull(checkInterval, "checkInterval");
        Objects.requireNonNull(orderRetention, "orderRetention");
        if (tolerance.signum() < 0) {
            throw new IllegalArgumentException("tolerance must be ≥ 0 but was " + tolerance.toPlainString());
        }
        if (tolerance.stripTrailingZeros().scale() > MAX_SCALE) {
            throw new IllegalArgumentException("tolerance must have at most " + MAX_SCALE
                    + " decimal places but was " + tolerance.toPlainString());
        }
        if (gracePeriod.isNegative()) {
            throw new IllegalArgumentException("gracePeriod must be ≥ 0 but was " + gracePeriod);
        }
        if (checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("checkInterval must be > 0 but was " + checkInterval);
        }
        if (orderRetention.isNegative() || orderRetention.isZero()) {
            throw new IllegalArgumentException("orderRetention must be > 0 but was " + orderRetention);
        }
    }

    /**
     * How often finished orders older than {@link #orderRetention} are purged: a tenth of the retention, but never
     * more often than {@link #checkInterval}, since each purge reads every remembered order. An order is thus kept
     * between 1 and 1.1 times the retention (or retention plus one check interval).
     */
    public Duration purgeInterval() {
        Duration tenth = orderRetention.dividedBy(10);
        return tenth.compareTo(checkInterval) > 0 ? tenth : checkInterval;
    }
}
