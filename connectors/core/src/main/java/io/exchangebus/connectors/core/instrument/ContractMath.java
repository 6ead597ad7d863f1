package io.exchangebus.connectors.core.instrument;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * The arithmetic of value for linear and inverse contracts, in one place: notional, average entry price and
 * realised PnL. Every other module (order rules, OMS risk checks, positions) calls these.
 *
 * <p>With {@code m} the {@link InstrumentDefinition#multiplier() multiplier}, {@code q} a quantity and {@code p}
 * a price:
 * <pre>
 *                    notional, price currency   notional, settlement   entry price of fills      PnL of closing q long
 *   linear           q × m × p                  = the former           Σq·p / Σq (arithmetic)    q × m × (exit − entry)
 *   inverse          q × m                      q × m / p              Σq / Σ(q/p) (harmonic)    q × m × (1/entry − 1/exit)
 * </pre>
 * A short's PnL has the opposite sign.
 *
 * <p>Exactness. Products are exact. Each result that needs a division is computed as one exact numerator over one
 * exact denominator and divided once, to {@link #SCALE} (the event model's decimal(38, 18)) with
 * {@link #ROUNDING} ({@code HALF_EVEN}: unbiased, so rounding errors of many fills do not drift one way). So an
 * inverse notional or PnL is within half a unit of the 18th decimal of the true value, and the harmonic entry
 * price is computed from the previous (rounded) entry price without a second rounding of 1/price. Results of
 * linear notional are exact and keep their natural scale; linear PnL is rounded only when its scale exceeds 18.
 * Thread-safe (stateless).
 */
public final class ContractMath {
    /** Scale of every result that needs a division: the event model's decimal scale. */
    public static final int SCALE = 18;
    /** Rounding of those results. */
    public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;

    /**
     * How a quantity and a price turn into value.
     *
     * @param inverse whether the contract is inverse
     * @param multiplier the value of one unit of quantity (base units for linear, price currency for inverse), > 0
     */
    public record Terms(boolean inverse, BigDecimal multiplier) {
        /** Spot, and linear contracts whose quantity counts base units. */
        public static final Terms LINEAR = new Terms(false, BigDecimal.ONE);

        public Terms {
            if (multiplier == null || multiplier.signum() <= 0) {
                throw new IllegalArgumentException("multiplier must be positive: " + multiplier);
            }
        }

        public static Terms of(InstrumentDefinition instrument) {
            return new Terms(instrument.inverse(), instrument.multiplier());
        }
    }

    private ContractMath() {
    }

    /**
     * The value of {@code quantity} at {@code price} in the instrument's price currency (for an inverse contract,
     * its face value, which does not depend on the price). Exact.
     *
     * @param quantity unsigned or signed; the result has its sign
     * @param price > 0; not read for an inverse contract (may be null there)
     */
    public static BigDecimal quoteNotional(InstrumentDefinition instrument, BigDecimal quantity, BigDecimal price) {
        BigDecimal face = quantity.multiply(instrument.multiplier());
        return instrument.inverse() ? face : face.multiply(requirePositive(price));
    }

    /**
     * The value of {@code quantity} at {@code price} in the settlement currency: for an inverse contract
     * {@code quantity × multiplier / price}, rounded to {@link #SCALE} {@link #ROUNDING}; for a linear one the
     * price-currency notional, exact.
     *
     * @throws IllegalArgumentException for a linear contract that settles in another currency than its prices
     *     (a quanto): its settlement value needs an exchange rate, which is not modelled
     */
    public static BigDecimal settlementNotional(InstrumentDefinition instrument, BigDecimal quantity,
                                                BigDecimal price) {
        if (instrument.inverse()) {
            return quantity.multiply(instrument.multiplier()).divide(requirePositive(price), SCALE, ROUNDING);
        }
        if (!instrument.settle().equals(instrument.priceAsset())) {
            throw new IllegalArgumentException(instrument.symbol() + " is priced in " + instrument.priceAsset()
                    + " but settles in " + instrument.settle() + ": no exchange rate to value it with");
        }
        return quoteNotional(instrument, quantity, price);
    }

    /**
     * The entry price of a position of {@code held} at {@code entry} after adding {@code added} at {@code price}
     * (both unsigned, same direction): arithmetic mean weighted by quantity for linear contracts, harmonic for
     * inverse ones ({@code (h + a) / (h/entry + a/price)}, computed as {@code (h + a)·entry·price /
     * (h·price + a·entry)}). Rounded to {@link #SCALE} {@link #ROUNDING}. The multiplier cancels out.
     */
    public static BigDecimal averageEntry(Terms terms, BigDecimal held, BigDecimal entry, BigDecimal added,
                                          BigDecimal price) {
        BigDecimal total = held.add(added);
        if (terms.inverse()) {
            BigDecimal denominator = held.multiply(price).add(added.multiply(entry));
            return total.multiply(entry).multiply(price).divide(denominator, SCALE, ROUNDING);
        }
        return held.multiply(entry).add(added.multiply(price)).divide(total, SCALE, ROUNDING);
    }

    /**
     * The PnL, in the settlement currency, of closing {@code closed} (unsigned) of a long ({@code long == true}) or
     * short position entered at {@code entry}, at {@code price}: linear {@code ±closed × m × (price − entry)}, exact
     * and rounded only beyond scale 18; inverse {@code ±closed × m × (1/entry − 1/price)}, computed as
     * {@code ±closed·m·(price − entry) / (entry·price)} with one rounding to {@link #SCALE} {@link #ROUNDING}.
     */
    public static BigDecimal realisedPnl(Terms terms, boolean isLong, BigDecimal closed, BigDecimal entry,
                                         BigDecimal price) {
        BigDecimal move = isLong ? price.subtract(entry) : entry.subtract(price);
        BigDecimal numerator = closed.multiply(terms.multiplier()).multiply(move);
        if (terms.inverse()) {
            return numerator.divide(entry.multiply(price), SCALE, ROUNDING);
        }
        return numerator.scale() > SCALE ? numerator.setScale(SCALE, ROUNDING) : numerator;
    }

    private static BigDecimal requirePositive(BigDecimal price) {
        if (Objects.requireNonNull(price, "price").signum() <= 0) {
            throw new IllegalArgumentException("price must be positive: " + price.toPlainString());
        }
        return price;
    }
}
