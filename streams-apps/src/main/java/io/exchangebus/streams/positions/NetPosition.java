package io.exchangebus.streams.positions;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A signed position (positive long, negative short), its average entry price and the PnL realised by reducing it:
 * the arithmetic of applying one fill. Immutable.
 *
 * <p>Exactness. Quantities add exactly. The average entry price after an addition is the quantity-weighted mean of
 * the old average and the fill price, divided at scale 18 with {@link RoundingMode#HALF_EVEN}: the only division.
 * A reduction realises {@code closed × (price − average)} for a long and {@code closed × (average − price)} for a
 * short; the product is exact but uses the (possibly rounded) average, and is rounded to scale 18 HALF_EVEN so that
 * it fits the event model's decimal(38, 18). With an exact average (one entry price, or averages that divide
 * evenly) realised PnL is therefore exact.
 *
 * <p>Unknown average. A position whose entry price is unknown ({@code averageEntryPrice == null} while not flat,
 * e.g. an epoch position the exchange reported without an entry price) realises nothing when reduced, and stays
 * unknown when added to; going through zero opens the rest at the fill price, which is known again.
 *
 * @param quantity          signed position, exact
 * @param averageEntryPrice average entry price of the open position; null when flat or unknown
 * @param realizedPnl       PnL realised by reductions, in the quote (settlement) asset, before fees
 */
record NetPosition(BigDecimal quantity, BigDecimal averageEntryPrice, BigDecimal realizedPnl) {
    /** Scale of the average's division and of realised PnL: the event model's decimal scale. */
    static final int SCALE = 18;

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

    /**
     * The position after a fill of {@code signedQuantity} (positive buys, negative sells) at {@code price}.
     *
     * @param price the fill price, > 0
     */
    NetPosition apply(BigDecimal signedQuantity, BigDecimal price) {
        if (signedQuantity.signum() == 0) {
            return this;
        }
        if (quantity.signum() == 0) {
            return new NetPosition(signedQuantity, price, realizedPnl);
        }
        BigDecimal next = quantity.add(signedQuantity);
        if (quantity.signum() == signedQuantity.signum()) {
            return new NetPosition(next, weightedAverage(signedQuantity.abs(), price), realizedPnl);
        }
        BigDecimal closed = quantity.abs().min(signedQuantity.abs());
        BigDecimal realized = realizedPnl.add(realisedBy(closed, price));
        if (next.signum() == 0 || next.signum() == quantity.signum()) {
            // Reducing leaves the average of what stays open unchanged.
            return new NetPosition(next, averageEntryPrice, realized);
        }
        // Through zero: the old position closed at price, the rest opens at price.
        return new NetPosition(next, price, realized);
    }

    private BigDecimal weightedAverage(BigDecimal added, BigDecimal price) {
        if (averageEntryPrice == null) {
            return null;
        }
        BigDecimal held = quantity.abs();
        BigDecimal cost = held.multiply(averageEntryPrice).add(added.multiply(price));
        return cost.divide(held.add(added), SCALE, RoundingMode.HALF_EVEN);
    }

    private BigDecimal realisedBy(BigDecimal closed, BigDecimal price) {
        if (averageEntryPrice == null) {
            return BigDecimal.ZERO;
        }
        BigDecimal perUnit = quantity.signum() > 0 ? price.subtract(averageEntryPrice)
                : averageEntryPrice.subtract(price);
        BigDecimal pnl = closed.multiply(perUnit);
        return pnl.scale() > SCALE ? pnl.setScale(SCALE, RoundingMode.HALF_EVEN) : pnl;
    }
}
