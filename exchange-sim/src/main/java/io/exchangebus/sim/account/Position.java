package io.exchangebus.sim.account;

import io.exchangebus.sim.engine.ContractType;
import io.exchangebus.sim.engine.Instrument;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A derivative (or option) position. {@code costBasis} is the signed settlement value of the entries still open:
 * for linear contracts {@code Σ underlying × entry price} in quote, for inverse ones {@code Σ underlying / entry
 * price} in base. Realised PnL is booked to the settlement balance as it happens and also summed here (for options
 * the premium is paid at each fill instead, so their realised PnL is informative only).
 *
 * @param quantity signed (positive long, negative short), in the instrument's quantity unit
 * @param multiplier underlying amount per unit of quantity (the contract size when counted in contracts, else one)
 */
public record Position(String symbol, BigDecimal quantity, BigDecimal costBasis, BigDecimal realizedPnl,
                       ContractType contractType, BigDecimal multiplier) {

    /** A linear position counted in base units. */
    public Position(String symbol, BigDecimal quantity, BigDecimal costBasis, BigDecimal realizedPnl) {
        this(symbol, quantity, costBasis, realizedPnl, ContractType.LINEAR, BigDecimal.ONE);
    }

    static Position flat(Instrument instrument) {
        return new Position(instrument.symbol(), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                instrument.contractType(), instrument.underlyingAmount(BigDecimal.ONE));
    }

    /** The signed underlying amount: base units, or quote units (e.g. USD) for inverse contracts. */
    public BigDecimal underlyingAmount() {
        return quantity.multiply(multiplier);
    }

    /**
     * Average entry price, to 18 decimals (exact values are in {@code costBasis}); zero when flat. Inverse: the
     * harmonic mean of the entries, {@code underlying / costBasis}.
     */
    public BigDecimal averageEntryPrice() {
        if (quantity.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return contractType == ContractType.INVERSE
                ? underlyingAmount().divide(costBasis, 18, RoundingMode.HALF_EVEN).stripTrailingZeros()
                : costBasis.divide(underlyingAmount(), 18, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }

    /**
     * PnL in the settlement asset if closed at {@code markPrice}: linear {@code underlying × mark − basis}; inverse
     * {@code basis − underlying / mark} (to {@value Instrument#INVERSE_SCALE} decimals).
     */
    public BigDecimal unrealizedPnl(BigDecimal markPrice) {
        if (contractType == ContractType.INVERSE) {
            return costBasis.subtract(underlyingAmount().divide(markPrice, Instrument.INVERSE_SCALE,
                    RoundingMode.HALF_EVEN));
        }
        return underlyingAmount().multiply(markPrice).subtract(costBasis);
    }
}
