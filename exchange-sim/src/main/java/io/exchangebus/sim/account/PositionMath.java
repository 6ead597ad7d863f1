package io.exchangebus.sim.account;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Average-cost position arithmetic. The only inexact step is the share of cost basis released by a partial close
 * (a division); because the same amount leaves the basis and enters realised PnL, realised plus unrealised PnL
 * stays exactly the trades' cash flow, and conservation across accounts holds exactly.
 */
final class PositionMath {

    private static final int SCALE = 18;

    private PositionMath() {
    }

    /** The position after trading {@code signedQty} (positive: bought) at {@code price}. */
    static Position trade(Position p, BigDecimal signedQty, BigDecimal price) {
        BigDecimal qty = p.quantity();
        BigDecimal basis = p.costBasis();
        BigDecimal realized = p.realizedPnl();
        BigDecimal open = signedQty;
        if (qty.signum() != 0 && qty.signum() != signedQty.signum()) {
            BigDecimal closeAbs = signedQty.abs().min(qty.abs());
            BigDecimal close = closeAbs.multiply(BigDecimal.valueOf(signedQty.signum()));
            BigDecimal released = closeAbs.compareTo(qty.abs()) == 0 ? basis
                    : basis.multiply(closeAbs).divide(qty.abs(), SCALE, RoundingMode.HALF_EVEN);
            // Closing a long sells at price (cash in), closing a short buys (cash out); the basis leaves with it.
            realized = realized.add(close.negate().multiply(price)).subtract(released);
            qty = qty.add(close);
            basis = basis.subtract(released);
            open = signedQty.subtract(close);
        }
        if (open.signum() != 0) {
            qty = qty.add(open);
            basis = basis.add(open.multiply(price));
        }
        return new Position(p.symbol(), qty, basis, realized);
    }
}
