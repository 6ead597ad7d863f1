package io.exchangebus.streams.positions;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.instrument.ContractMath.Terms;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Positions in an inverse contract: Deribit BTC-PERPETUAL, quantity in USD (10 USD contracts), PnL in BTC. */
class NetPositionInverseTest {
    /** USD-sized: one unit of quantity is 1 USD; the 10 USD contract size is only the granularity. */
    private static final Terms BTC_PERPETUAL = new Terms(true, BigDecimal.ONE);

    @Test
    void shouldEnterAtTheHarmonicMeanAndRealiseTheDifferenceOfReciprocalsInBtc() {
        // Buy 100 USD at 40,000 (0.0025 BTC) and 100 USD at 50,000 (0.002 BTC): 200 USD for 0.0045 BTC, so the
        // entry is 200 / 0.0045 = 44,444.444… (not the arithmetic 45,000).
        NetPosition bought = NetPosition.flat()
                .apply(new BigDecimal("100"), new BigDecimal("40000"), BTC_PERPETUAL)
                .apply(new BigDecimal("100"), new BigDecimal("50000"), BTC_PERPETUAL);
        assertThat(bought.quantity()).isEqualByComparingTo("200");
        assertThat(bought.averageEntryPrice()).isEqualTo(new BigDecimal("44444.444444444444444444"));

        // Sell 200 USD at 45,000: 200 / 45,000 = 0.004444… BTC back for 0.0045 paid, so the long made
        // 0.0045 − 0.0044444… = 0.0000555… BTC = 1/18,000 BTC.
        NetPosition closed = bought.apply(new BigDecimal("-200"), new BigDecimal("45000"), BTC_PERPETUAL);
        assertThat(closed.quantity()).isEqualByComparingTo("0");
        assertThat(closed.averageEntryPrice()).isNull();
        assertThat(closed.realizedPnl()).isEqualTo(new BigDecimal("0.000055555555555556"));
    }

    @Test
    void shouldRealiseTheOppositeForAShortAndCountTheMultiplierOfContracts() {
        // Short 3 contracts of 100 USD at 50,000, bought back at 40,000: 300 × (1/40000 − 1/50000) = 0.0015 BTC.
        Terms coinM = new Terms(true, new BigDecimal("100"));
        NetPosition position = NetPosition.flat()
                .apply(new BigDecimal("-3"), new BigDecimal("50000"), coinM)
                .apply(new BigDecimal("3"), new BigDecimal("40000"), coinM);

        assertThat(position.realizedPnl()).isEqualByComparingTo("0.0015");
    }

    @Test
    void shouldCloseThroughZeroAndOpenTheRestAtTheFillPrice() {
        // Long 100 USD at 40,000, sell 300 at 50,000: 100 × (1/40000 − 1/50000) = 0.0005 BTC, short 200 at 50,000.
        NetPosition position = NetPosition.flat()
                .apply(new BigDecimal("100"), new BigDecimal("40000"), BTC_PERPETUAL)
                .apply(new BigDecimal("-300"), new BigDecimal("50000"), BTC_PERPETUAL);

        assertThat(position.realizedPnl()).isEqualByComparingTo("0.0005");
        assertThat(position.quantity()).isEqualByComparingTo("-200");
        assertThat(position.averageEntryPrice()).isEqualByComparingTo("50000");
    }

    @Test
    void shouldKeepLinearArithmeticForLinearTerms() {
        NetPosition position = NetPosition.flat()
                .apply(new BigDecimal("100"), new BigDecimal("40000"), Terms.LINEAR)
                .apply(new BigDecimal("100"), new BigDecimal("50000"), Terms.LINEAR)
                .apply(new BigDecimal("-200"), new BigDecimal("45000"), Terms.LINEAR);

        assertThat(position.realizedPnl()).as("200 × (45000 − 45000)").isEqualByComparingTo("0");
    }
}
