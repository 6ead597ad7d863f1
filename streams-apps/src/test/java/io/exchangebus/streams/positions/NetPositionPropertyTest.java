package io.exchangebus.streams.positions;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.instrument.ContractMath.Terms;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * NetPosition over random fill sequences against a reference computed another way, at 60 significant digits:
 * <ul>
 *   <li>entry price: the mean over the fills that opened what is open now (since the position last went flat or
 *       through zero; the remainder of a flip counts at its price), each reduction taking its share pro rata:
 *       arithmetic {@code Σq·p / Σq} for linear, harmonic {@code Σq / Σ(q/p)} for inverse, the sums kept at 60
 *       digits rather than as a rounded running average;</li>
 *   <li>realised PnL, from cash flows: average-cost accounting keeps realised + unrealised equal to the value of all
 *       fills, so realised = {@code m·(−Σ sᵢ·pᵢ + Q·entry)} for linear and {@code m·(Σ sᵢ/pᵢ − Q/entry)} for
 *       inverse ({@code sᵢ} signed fills, {@code Q} the final position, {@code m} the multiplier).</li>
 * </ul>
 * Tolerances. NetPosition rounds the entry once per addition and the PnL once per reduction, at scale 18
 * half-even. With at most 40 fills the entry is off by at most 40 half-units of the 18th decimal (relative to the
 * entry), hence {@link #ENTRY_TOLERANCE}; a reduction multiplies that by what it closes, so the PnL is compared
 * relative to the gross traded value {@code Σ|sᵢ|·m·pᵢ} (linear) or {@code Σ|sᵢ|·m/pᵢ} (inverse):
 * {@link #PNL_RELATIVE} of it, plus {@link #ENTRY_TOLERANCE} for the PnL's own roundings.
 */
class NetPositionPropertyTest {
    private static final MathContext WIDE = new MathContext(60);
    private static final BigDecimal ENTRY_TOLERANCE = new BigDecimal("1E-15");
    private static final BigDecimal PNL_RELATIVE = new BigDecimal("1E-15");

    record Fill(BigDecimal signedQuantity, BigDecimal price) {
    }

    @Property(tries = 300)
    void linearEntryAndPnlMatchTheReference(@ForAll("fills") List<Fill> fills, @ForAll("multipliers") BigDecimal m) {
        check(new Terms(false, m), fills);
    }

    @Property(tries = 300)
    void inverseEntryAndPnlMatchTheReference(@ForAll("fills") List<Fill> fills, @ForAll("multipliers") BigDecimal m) {
        check(new Terms(true, m), fills);
    }

    private static void check(Terms terms, List<Fill> fills) {
        NetPosition position = NetPosition.flat();
        for (Fill fill : fills) {
            position = position.apply(fill.signedQuantity(), fill.price(), terms);
        }

        BigDecimal finalQuantity = fills.stream().map(Fill::signedQuantity).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(position.quantity()).isEqualByComparingTo(finalQuantity);
        BigDecimal entry = referenceEntry(terms.inverse(), fills);
        if (finalQuantity.signum() == 0) {
            assertThat(position.averageEntryPrice()).isNull();
        } else {
            assertThat(position.averageEntryPrice().subtract(entry).abs()).as("entry vs %s", entry)
                    .isLessThanOrEqualTo(ENTRY_TOLERANCE.multiply(entry.max(BigDecimal.ONE)));
        }
        BigDecimal pnl = referencePnl(terms, fills, finalQuantity, entry);
        BigDecimal gross = BigDecimal.ZERO;
        for (Fill fill : fills) {
            BigDecimal size = fill.signedQuantity().abs().multiply(terms.multiplier());
            gross = gross.add(terms.inverse() ? size.divide(fill.price(), WIDE) : size.multiply(fill.price()));
        }
        assertThat(position.realizedPnl().subtract(pnl).abs()).as("pnl %s vs %s", position.realizedPnl(), pnl)
                .isLessThanOrEqualTo(PNL_RELATIVE.multiply(gross).add(ENTRY_TOLERANCE));
        assertThat(position.realizedPnl().scale()).isLessThanOrEqualTo(18);
    }

    /** The mean entry of what is open after the fills, from the fills that opened it. */
    private static BigDecimal referenceEntry(boolean inverse, List<Fill> fills) {
        BigDecimal held = BigDecimal.ZERO;
        BigDecimal openedQuantity = BigDecimal.ZERO;
        BigDecimal openedValue = BigDecimal.ZERO; // Σq·p (linear) or Σq/p (inverse) of the opening fills
        for (Fill fill : fills) {
            BigDecimal next = held.add(fill.signedQuantity());
            BigDecimal opening;
            if (held.signum() == 0 || held.signum() == fill.signedQuantity().signum()) {
                opening = fill.signedQuantity().abs();
            } else if (next.signum() != 0 && next.signum() != held.signum()) {
                openedQuantity = BigDecimal.ZERO; // flipped: the remainder opens afresh
                openedValue = BigDecimal.ZERO;
                opening = next.abs();
            } else {
                opening = BigDecimal.ZERO; // a reduction opens nothing and takes its share of the cost pro rata
                openedValue = openedValue.multiply(next.abs()).divide(held.abs(), WIDE);
                openedQuantity = next.abs();
            }
            if (next.signum() == 0) {
                openedQuantity = BigDecimal.ZERO;
                openedValue = BigDecimal.ZERO;
            } else if (opening.signum() > 0) {
                openedQuantity = openedQuantity.add(opening);
                openedValue = openedValue.add(inverse ? opening.divide(fill.price(), WIDE)
                        : opening.multiply(fill.price()));
            }
            held = next;
        }
        if (openedQuantity.signum() == 0) {
            return null;
        }
        return inverse ? openedQuantity.divide(openedValue, WIDE) : openedValue.divide(openedQuantity, WIDE);
    }

    /** Realised PnL from the cash-flow identity of average-cost accounting. */
    private static BigDecimal referencePnl(Terms terms, List<Fill> fills, BigDecimal finalQuantity,
                                           BigDecimal entry) {
        BigDecimal flows = BigDecimal.ZERO;
        for (Fill fill : fills) {
            flows = flows.add(terms.inverse() ? fill.signedQuantity().divide(fill.price(), WIDE)
                    : fill.signedQuantity().multiply(fill.price()).negate());
        }
        BigDecimal open = finalQuantity.signum() == 0 ? BigDecimal.ZERO
                : terms.inverse() ? finalQuantity.divide(entry, WIDE).negate() : finalQuantity.multiply(entry);
        return flows.add(open).multiply(terms.multiplier());
    }

    @Provide
    Arbitrary<List<Fill>> fills() {
        Arbitrary<BigDecimal> quantity = Arbitraries.oneOf(
                Arbitraries.bigDecimals().between(new BigDecimal("-1000"), new BigDecimal("1000")).ofScale(3),
                Arbitraries.integers().between(-100000, 100000).map(i -> BigDecimal.TEN.multiply(BigDecimal.valueOf(i))))
                .filter(q -> q.signum() != 0);
        Arbitrary<BigDecimal> price = Arbitraries.oneOf(
                Arbitraries.bigDecimals().between(BigDecimal.ONE, new BigDecimal("1000")).ofScale(4),
                Arbitraries.bigDecimals().between(new BigDecimal("20000"), new BigDecimal("120000")).ofScale(1));
        return Combinators.combine(quantity, price).as(Fill::new).list().ofMinSize(1).ofMaxSize(40);
    }

    @Provide
    Arbitrary<BigDecimal> multipliers() {
        return Arbitraries.of(BigDecimal.ONE, BigDecimal.TEN, new BigDecimal("100"), new BigDecimal("0.001"));
    }
}
