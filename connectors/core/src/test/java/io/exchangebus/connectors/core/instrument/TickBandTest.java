package io.exchangebus.connectors.core.instrument;

import static io.exchangebus.connectors.core.instrument.DeribitInstruments.BTC_CALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TickBandTest {

    @ParameterizedTest(name = "{0} has tick {1}")
    @CsvSource({"0.0001, 0.0001", "0.0049, 0.0001", "0.005, 0.0001", "0.0055, 0.0005", "0.1, 0.0005"})
    void shouldTakeTheTickOfTheBandAPriceIsAbove(BigDecimal price, BigDecimal tick) {
        assertThat(BTC_CALL.rules().tickSizeAt(price)).isEqualByComparingTo(tick);
    }

    @Test
    void shouldCheckAnOptionPriceAgainstTheTickOfItsBand() {
        assertThat(OrderRules.check(BTC_CALL, new BigDecimal("0.0043"), BigDecimal.ONE, null)).isEmpty();
        assertThat(OrderRules.check(BTC_CALL, new BigDecimal("0.0065"), BigDecimal.ONE, null)).isEmpty();
        assertThat(OrderRules.check(BTC_CALL, new BigDecimal("0.0063"), BigDecimal.ONE, null))
                .hasValueSatisfying(e -> assertThat(e.message())
                        .isEqualTo("price 0.0063 is not a multiple of the tick size 0.0005 for BTC-27MAR26-100000-C"));
    }

    @Test
    void shouldRefuseBandsOutOfOrder() {
        assertThatThrownBy(() -> new TradingRules(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, null, null,
                BigDecimal.ONE, List.of(new TickBand(BigDecimal.TEN, BigDecimal.TEN),
                        new TickBand(BigDecimal.TEN, new BigDecimal("5")))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ascend");
    }

    @Test
    void shouldCheckTheFaceValueOfAnInverseContractAgainstTheMinimumNotionalWithoutAPrice() {
        InstrumentDefinition perp = new InstrumentDefinition("deribit", "BTC-PERPETUAL",
                InstrumentId.perpetual("BTC", "USD"), "BTC", null,
                new TradingRules(new BigDecimal("0.5"), BigDecimal.TEN, BigDecimal.TEN, null, new BigDecimal("20"),
                        BigDecimal.TEN), true, io.exchangebus.events.QuantityUnit.QUOTE, true, "USD");

        assertThat(OrderRules.check(perp, null, BigDecimal.TEN, null))
                .hasValueSatisfying(e -> assertThat(e.message())
                        .isEqualTo("notional 10 (quantity 10) is below the minimum 20 for BTC-PERPETUAL"));
        assertThat(OrderRules.check(perp, new BigDecimal("1.5"), new BigDecimal("20"), null)).isEmpty();
    }
}
