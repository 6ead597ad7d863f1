package io.exchangebus.connectors.core.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangebus.events.InstrumentKind;
import io.exchangebus.events.OptionType;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InstrumentIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"BTC-USDT", "1000PEPE-USDT", "BTC-USDT-PERP", "BTC-USD-PERP", "BTC-USD-20261225",
            "BTC-USD-20261225-100000-C", "XRP-USDC-20261225-0.55-P", "ETH-USD-20270326-3500-P"})
    void shouldParseAndPrintEveryKindTheSameWay(String text) {
        assertThat(InstrumentId.parse(text).toString()).isEqualTo(text);
    }

    @Test
    void shouldReadTheFieldsOfAnOption() {
        InstrumentId id = InstrumentId.parse("BTC-USD-20261225-100000-C");

        assertThat(id.kind()).isEqualTo(InstrumentKind.OPTION);
        assertThat(id.base()).isEqualTo("BTC");
        assertThat(id.quote()).isEqualTo("USD");
        assertThat(id.expiry()).isEqualTo(LocalDate.of(2026, 12, 25));
        assertThat(id.strike()).isEqualByComparingTo("100000");
        assertThat(id.optionType()).isEqualTo(OptionType.CALL);
    }

    @Test
    void shouldPrintAStrikeWithoutTrailingZeros() {
        InstrumentId id = InstrumentId.option("XRP", "USDC", LocalDate.of(2026, 12, 25), new BigDecimal("0.5500"),
                OptionType.PUT);

        assertThat(id).hasToString("XRP-USDC-20261225-0.55-P");
        assertThat(InstrumentId.parse(id.toString())).isEqualTo(
                InstrumentId.option("XRP", "USDC", LocalDate.of(2026, 12, 25), new BigDecimal("0.55"), OptionType.PUT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "BTCUSDT", "btc-usdt", "BTC-USDT-PERPETUAL", "BTC-USD-2026122", "BTC-USD-20261325",
            "BTC-USD-20261225-100000", "BTC-USD-20261225-100000-X", "BTC-USD-PERP-C", "BTC_USDT"})
    void shouldRefuseTextThatIsNotAnId(String text) {
        assertThatThrownBy(() -> InstrumentId.parse(text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + text + "'");
    }

    @Test
    void shouldRefuseInconsistentParts() {
        assertThatThrownBy(() -> new InstrumentId(InstrumentKind.SPOT, "BTC", "USDT", LocalDate.of(2026, 1, 1), null,
                null)).hasMessageContaining("takes no expiry");
        assertThatThrownBy(() -> new InstrumentId(InstrumentKind.OPTION, "BTC", "USD", LocalDate.of(2026, 1, 1), null,
                OptionType.CALL)).hasMessageContaining("needs strike");
        assertThatThrownBy(() -> InstrumentId.option("BTC", "USD", LocalDate.of(2026, 1, 1), BigDecimal.ZERO,
                OptionType.CALL)).hasMessageContaining("strike must be positive");
    }
}
