package io.exchangebus.sim.account;

import io.exchangebus.sim.engine.ContractType;
import io.exchangebus.sim.engine.Instrument;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Average-cost position arithmetic, linear or inverse. With {@code v(q, p)} the signed settlement value of
 * {@link Instrument#settlementValue}: opening adds {@code v(q, p)} to the basis; closing releases the closed share
 * of the basis and realises, linear, {@code −v(close, p) − released} (a long sold at p gets p, its cost leaves) and,
 * inverse, the negation of that ({@code released + v(close, p)}: a long of U USD bought at P0 and sold at P1 gets
 * {@code U/P0 − U/P1} BTC).
 *
 * <p>The inexact steps are the inverse value (a division, rounded half-even, so opposite sides of a fill book
 * opposite amounts) and the share of basis released by a partial close; because the same amount leaves the basis
 * and enters realised PnL, realised plus unrealised PnL stays the trades' cash flow and conservation across accounts
 * holds.
 */
final class PositionMath {

    private static final int SCALE = 18;

    private PositionMath() {
    }

    /** The position after trading {@code signedQty} (positive: bought, in the instrument's unit) at {@code price}. */
    static Position trade(Instrument instrument, Position p, BigDecimal signedQty, BigDecimal price) {
        BigDecimal qty = p.quantity();
        BigDecimal basis = p.costBasis();
        BigDecimal realized = p.realizedPnl();
        BigDecimal open = signedQty;
        if (qty.signum() != 0 && qty.signum() != signedQty.signum()) {
            BigDecimal closeAbs = signedQty.abs().min(qty.abs());
            BigDecimal close = closeAbs.multiply(BigDecimal.valueOf(signedQty.signum()));
            BigDecimal released = closeAbs.compareTo(qty.abs()) == 0 ? basis
                    : basis.multiply(closeAbs).divide(qty.abs(), SCALE, RoundingMode.HALF_EVEN);
            BigDecimal linearPnl = instrument.settlementValue(close, price).negate().subtract(released);
            realized = realized.add(instrument.contractType() == ContractType.INVERSE ? linearPnl.negate()
                    : linearPnl);
            qty = qty.add(close);
            basis = basis.subtract(released);
            open = signedQty.subtract(close);
        }
        if (open.signum() != 0) {
            qty = qty.add(open);
            basis = basis.add(instrument.settlementValue(open, price));
        }
        return new Position(p.symbol(), qty, basis, realized, p.contractType(), p.multiplier());
    }
}
