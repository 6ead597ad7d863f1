package io.exchangebus.streams.positions;

import io.exchangebus.connectors.core.instrument.ContractMath;
import io.exchangebus.connectors.core.instrument.ContractMath.Terms;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A signed position (positive long, negative short), its average entry price and the PnL realised by reducing it:
 * the arithmetic of applying one fill. Immutable. The formulas are {@link ContractMath}'s, chosen by the
 * instrument's {@link Terms}: linear (the default) or inverse.
 *
 * <p>Linear. The average entry price after an addition is the quantity-weighted arithmetic mean of the old average
 * and the fill price. A reduction realises {@code closed × m × (price − average)} for a long and
 * {@code closed × m × (average − price)} for a short, in the quote (settlement) asset.
 *
 * <p>Inverse (e.g. Deribit BTC-PERPETUAL, quantity in USD). The average entry price is the harmonic mean
 * {@code Σq / Σ(q/p)}, so that the position's value in the settlement asset ({@code q × m / average}) is the sum of
 * its fills' values. A reduction realises {@code closed × m × (1/average − 1/price)} for a long and the opposite for a
 * short, in the settlement asset (BTC).
 *
 * <p>Exactness. Quantities add exactly. The average after an addition is one division at scale 18
 * {@link RoundingMode#HALF_EVEN}; so is inverse PnL. Linear PnL is an exact product that uses the (possibly
 * rounded) average, rounded to scale 18 HALF_EVEN so that it fits the event model's decimal(38, 18). With an exact
 * average (one entry price, or averages that divide evenly) linear realised PnL is therefore exact.
 *
 * <p>Unknown average. A position whose entry price is unknown ({@code averageEntryPrice == null} while not flat,
 * e.g. an epoch position the exchange reported without an entry price) realises nothing when reduced, and stays
 * unknown when added to; going through zero opens the rest at the fill price, which is known again.
 *
 * @param quantity          signed position, exact, in the instrument's quantity unit
 * @param averageEntryPrice average entry price of the open position; null when flat or unknown
 * @param realizedPnl       PnL realised by reductions, in the settlement asset, before fees
 */
record NetPosition(BigDecimal quantity, BigDecimal averageEntryPrice, BigDecimal realizedPnl) {
    /** Scale of the average's division and of realised PnL: the event model's decimal scale. */
    static final int SCALE = ContractMath.SCALE;

    NetPosition {
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(realizedPnl, "realizedPnl");
        if (quantity.signum() == 0) {
            averageEntryPrice = null;
        }
    }

    static NetPosition flat() {
        return new NetPosition(BigDecimal.ZERO, null, BigDecimal.ZERO);
    }

    /** {@link #apply(BigDecimal, BigDecimal, Terms)} for a linear instrument whose quantity counts base units. */
    NetPosition apply(BigDecimal signedQuantity, BigDecimal price) {
        return apply(signedQuantity, price, Terms.LINEAR);
    }

    /**
     * The position after a fill of {@code signedQuantity} (positive buys, negative sells) at {@code price}.
     *
     * @param price the fill price, > 0
     * @param terms linear or inverse, and the multiplier of the instrument
     */
    NetPosition apply(BigDecimal signedQuantity, BigDecimal price, Terms terms) {
        if (signedQuantity.signum() == 0) {
            return this;
        }
        if (quantity.signum() == 0) {
            return new NetPosition(signedQuantity, price, realizedPnl);
        }
        BigDecimal next = quantity.add(signedQuantity);
        if (quantity.signum() == signedQuantity.signum()) {
            return new NetPosition(next, averageWith(signedQuantity.abs(), price, terms), realizedPnl);
        }
        BigDecimal closed = quantity.abs().min(signedQuantity.abs());
        BigDecimal realized = realizedPnl.add(realisedBy(closed, price, terms));
        if (next.signum() == 0 || next.signum() == quantity.signum()) {
            // Reducing leaves the average of what stays open unchanged.
            return new NetPosition(next, averageEntryPrice, realized);
        }
        // Through zero: the old position closed at price, the rest opens at price.
        return new NetPosition(next, price, realized);
    }

    private BigDecimal averageWith(BigDecimal added, BigDecimal price, Terms terms) {
        if (averageEntryPrice == null) {
            return null;
        }
        return ContractMath.averageEntry(terms, quantity.abs(), averageEntryPrice, added, price);
    }

    private BigDecimal realisedBy(BigDecimal closed, BigDecimal price, Terms terms) {
        if (averageEntryPrice == null) {
            return BigDecimal.ZERO;
        }
        return ContractMath.realisedPnl(terms, quantity.signum() > 0, closed, averageEntryPrice, price);
    }
}
