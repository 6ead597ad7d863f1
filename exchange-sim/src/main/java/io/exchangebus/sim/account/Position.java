package io.exchangebus.sim.account;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A linear derivative position. {@code costBasis} is the signed sum of entry notionals still open (quantity times
 * average entry price, exactly); realised PnL is booked to the quote balance as it happens and also summed here.
 *
 * @param quantity signed: positive long, negative short
 */
public record Position(String symbol, BigDecimal quantity, BigDecimal costBasis, BigDecimal realizedPnl) {

    /** Average entry price, to 18 decimals (exact values are in {@code costBasis}); zero when flat. */
    public BigDecimal averageEntryPrice() {
        if (quantity.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return costBasis.divide(quantity, 18, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }

    /** PnL if closed at {@code markPrice}. */
    public BigDecimal unrealizedPnl(BigDecimal markPrice) {
        return quantity.multiply(markPrice).subtract(costBasis);
    }
}
