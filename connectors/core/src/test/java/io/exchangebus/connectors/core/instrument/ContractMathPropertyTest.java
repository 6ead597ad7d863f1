package io.exchangebus.connectors.core.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.instrument.ContractMath.Terms;
import io.exchangebus.events.QuantityUnit;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * ContractMath against the textbook formulas evaluated independently at 60 significant digits: each result that
 * needs a division must be within half a unit of the 18th decimal (one rounding, HALF_EVEN), every other exact.
 */
class ContractMathPropertyTest {
    private static final MathContext WIDE = new MathContext(60);
    private static final BigDecimal HALF_ULP = new BigDecimal("0.5E-18");

    @Property(tries = 500)
    void inverseSettlementNotionalIsQuantityTimesMultiplierOverPrice(@ForAll("quantities") BigDecimal quantity,
                                                                     @ForAll("prices") BigDecimal price,
                                                                     @ForAll("contractSizes") BigDecimal size) {
        InstrumentDefinition contracts = inverse(size);
        BigDecimal reference = quantity.multiply(size).divide(price, WIDE);

        BigDecimal actual = ContractMath.settlementNotional(contracts, quantity, price);

        assertThat(actual.subtract(reference).abs()).isLessThanOrEqualTo(HALF_ULP);
        assertThat(actual.scale()).isEqualTo(ContractMath.SCALE);
        assertThat(ContractMath.quoteNotional(contracts, quantity, price)).isEqualByComparingTo(quantity.multiply(size));
    }

    @Property(tries = 500)
    void linearNotionalIsExactlyPriceTimesQuantityTimesMultiplier(@ForAll("quantities") BigDecimal quantity,
                                                                  @ForAll("prices") BigDecimal price,
                                                                  @ForAll("contractSizes") BigDecimal size) {
        InstrumentDefinition linear = new InstrumentDefinition("example", "X", InstrumentId.perpetual("BTC", "USDT"),
                "USDT", null, rules(size), true, QuantityUnit.CONTRACTS, false, "USDT");

        assertThat(ContractMath.settlementNotional(linear, quantity, price))
                .isEqualByComparingTo(price.multiply(quantity).multiply(size));
    }

    @Property(tries = 500)
    void inverseEntryIsTheHarmonicMeanAndPnlTheDifferenceOfReciprocals(@ForAll("quantities") BigDecimal held,
                                                                       @ForAll("prices") BigDecimal entry,
                                                                       @ForAll("quantities") BigDecimal added,
                                                                       @ForAll("prices") BigDecimal price,
                                                                       @ForAll boolean isLong) {
        Terms inverse = new Terms(true, BigDecimal.TEN);
        BigDecimal harmonic = held.add(added).divide(
                held.divide(entry, WIDE).add(added.divide(price, WIDE), WIDE), WIDE);
        BigDecimal reciprocalMove = BigDecimal.ONE.divide(entry, WIDE).subtract(BigDecimal.ONE.divide(price, WIDE));
        BigDecimal pnl = held.multiply(BigDecimal.TEN).multiply(isLong ? reciprocalMove : reciprocalMove.negate());

        assertThat(ContractMath.averageEntry(inverse, held, entry, added, price).subtract(harmonic).abs())
                .isLessThanOrEqualTo(HALF_ULP);
        assertThat(ContractMath.realisedPnl(inverse, isLong, held, entry, price).subtract(pnl).abs())
                .isLessThanOrEqualTo(HALF_ULP);
    }

    @Property(tries = 500)
    void aPriceTakesTheTickOfTheHighestBandItIsStrictlyAbove(@ForAll("bands") List<TickBand> bands,
                                                             @ForAll("prices") BigDecimal price) {
        TradingRules rules = new TradingRules(new BigDecimal("0.0001"), BigDecimal.ONE, BigDecimal.ONE, null, null,
                BigDecimal.ONE, bands);
        BigDecimal reference = new BigDecimal("0.0001");
        BigDecimal highestBelow = null;
        for (TickBand band : bands) { // in any order: the reference does not rely on the sorting
            if (price.compareTo(band.abovePrice()) > 0
                    && (highestBelow == null || band.abovePrice().compareTo(highestBelow) > 0)) {
                highestBelow = band.abovePrice();
                reference = band.tickSize();
            }
        }

        assertThat(rules.tickSizeAt(price)).isEqualByComparingTo(reference);
    }

    @Provide
    Arbitrary<BigDecimal> quantities() {
        return Arbitraries.bigDecimals().between(new BigDecimal("0.001"), new BigDecimal("10000000")).ofScale(3)
                .filter(q -> q.signum() > 0);
    }

    @Provide
    Arbitrary<BigDecimal> prices() {
        return Arbitraries.oneOf(
                Arbitraries.bigDecimals().between(new BigDecimal("0.0001"), new BigDecimal("1")).ofScale(4),
                Arbitraries.bigDecimals().between(new BigDecimal("0.5"), new BigDecimal("250000")).ofScale(1));
    }

    @Provide
    Arbitrary<BigDecimal> contractSizes() {
        return Arbitraries.of(new BigDecimal("0.001"), BigDecimal.ONE, BigDecimal.TEN, new BigDecimal("100"),
                new BigDecimal("0.1"));
    }

    @Provide
    Arbitrary<List<TickBand>> bands() {
        return Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("100000")).ofScale(2)
                .set().ofMaxSize(4)
                .map(bounds -> {
                    List<TickBand> out = new ArrayList<>();
                    bounds.stream().sorted().forEach(b -> out.add(new TickBand(b,
                            new BigDecimal("0.0005").multiply(BigDecimal.valueOf(out.size() + 1)))));
                    return out;
                });
    }

    private static InstrumentDefinition inverse(BigDecimal contractSize) {
        return new InstrumentDefinition("example", "BTCUSD", InstrumentId.perpetual("BTC", "USD"), "BTC", null,
                rules(contractSize), true, QuantityUnit.CONTRACTS, true, "USD");
    }

    private static TradingRules rules(BigDecimal contractSize) {
        return new TradingRules(new BigDecimal("0.5"), BigDecimal.ONE, BigDecimal.ONE, null, null, contractSize);
    }
}
