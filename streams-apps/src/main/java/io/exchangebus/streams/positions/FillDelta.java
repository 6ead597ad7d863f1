package io.exchangebus.streams.positions;

import io.exchangebus.events.Fill;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.Side;
import io.exchangebus.streams.InvalidEventException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * What an order update adds to the order's fills since the update last applied (its baseline), derived from the
 * cumulative fields so that a duplicate or replay adds nothing and a missed update is caught up.
 *
 * <p>Quantity: {@code filledQuantity − baseline.filledQuantity}; nothing when ≤ 0. Price: the update's
 * {@code lastFill.price} when that fill is exactly the new part; otherwise (updates were missed, or the update
 * carries no fill) the price of the change in cumulative cost,
 * {@code (averagePrice × filledQuantity − baseline.averagePrice × baseline.filledQuantity) / delta}, divided at
 * scale 18 HALF_EVEN. Fee: {@code lastFill.fee} in {@code lastFill.feeAsset} ({@value #UNKNOWN_FEE_ASSET} when the
 * exchange does not say) when that fill is exactly the new part; the fees of missed updates are unknown, so a
 * caught-up delta carries none.
 *
 * @param signedQuantity the new filled quantity, positive for a buy, negative for a sell
 * @param price          its (average) price
 * @param fee            its fee (negative for a rebate), or null when unknown
 * @param feeAsset       the fee's asset, or null when the fee is unknown
 */
record FillDelta(BigDecimal signedQuantity, BigDecimal price, BigDecimal fee, String feeAsset) {
    /** Fee asset of a fill whose exchange does not name it. */
    static final String UNKNOWN_FEE_ASSET = "UNKNOWN";

    /**
     * The new part of {@code update}'s fills after {@code baseline}.
     *
     * @param baseline the order as last applied, or null if it was never seen (nothing filled)
     * @return empty when the update adds no fill (a duplicate, a replay, a status change)
     * @throws InvalidEventException if it adds a fill whose price cannot be known, or the price derived is not > 0
     */
    static Optional<FillDelta> between(OrderUpdate baseline, OrderUpdate update) {
        BigDecimal before = baseline == null ? BigDecimal.ZERO : baseline.getFilledQuantity();
        BigDecimal delta = update.getFilledQuantity().subtract(before);
        if (delta.signum() <= 0) {
            return Optional.empty();
        }
        BigDecimal signed = update.getSide() == Side.BUY ? delta : delta.negate();
        Fill last = update.getLastFill();
        if (last != null && last.getQuantity().compareTo(delta) == 0) {
            String asset = last.getFeeAsset() == null ? UNKNOWN_FEE_ASSET : last.getFeeAsset();
            return Optional.of(new FillDelta(signed, last.getPrice(), last.getFee(), asset));
        }
        return Optional.of(new FillDelta(signed, costPrice(baseline, update, before, delta), null, null));
    }

    private static BigDecimal costPrice(OrderUpdate baseline, OrderUpdate update, BigDecimal before,
                                        BigDecimal delta) {
        BigDecimal previousAverage = baseline == null ? null : baseline.getAveragePrice();
        if (update.getAveragePrice() == null || (before.signum() > 0 && previousAverage == null)) {
            throw new InvalidEventException("order " + update.getExchangeOrderId() + " filled " + delta.toPlainString()
                    + " more but its price cannot be known: no last fill of that quantity and no average price "
                    + (update.getAveragePrice() == null ? "on the update" : "as of the previous fill"));
        }
        BigDecimal cost = update.getAveragePrice().multiply(update.getFilledQuantity());
        if (before.signum() > 0) {
            cost = cost.subtract(previousAverage.multiply(before));
        }
        BigDecimal price = cost.divide(delta, NetPosition.SCALE, RoundingMode.HALF_EVEN);
        if (price.signum() <= 0) {
            throw new InvalidEventException("order " + update.getExchangeOrderId() + ": the cumulative fields give a "
                    + "price of " + price.toPlainString() + " for the new " + delta.toPlainString()
                    + ", so they are inconsistent");
        }
        return price;
    }
}
