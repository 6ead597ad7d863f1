package io.exchangebus.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ExactDecimals.parse by the shared rules; the full cases are in connectors/core's ExactNumbersTest. */
class DecimalTextTest {

    @Test
    void shouldParseExponentsAtScale18() {
        assertThat(ExactDecimals.parse("fee", "1.6e-7")).isEqualTo(new BigDecimal("0.000000160000000000"));
        assertThat(ExactDecimals.parse("price", "1E+3")).isEqualTo(new BigDecimal("1000.000000000000000000"));
    }

    @Test
    void shouldRefuseAHugeExponentWithoutBuildingTheNumber() {
        assertThatThrownBy(() -> ExactDecimals.parse("price", "1e999999999"))
                .isInstanceOf(InexactValueException.class)
                .hasMessage("Field 'price' cannot hold 1e999999999 exactly: more than 20 integer digits");
        assertThatThrownBy(() -> ExactDecimals.parse("fee", "1e-999999999"))
                .isInstanceOf(InexactValueException.class).hasMessageContaining("18 decimal places");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1", ".5", "5.", "NaN", "", " 1"})
    void shouldRefuseWhatJsonsNumberGrammarRefuses(String text) {
        assertThatThrownBy(() -> ExactDecimals.parse("quantity", text))
                .isInstanceOf(IllegalArgumentException.class).isNotInstanceOf(InexactValueException.class)
                .hasMessageContaining("'quantity'");
    }

    @Test
    void shouldPassThePlainFastPathOnlyForUpToEighteenDigits() {
        assertThat(DecimalText.plain("65000.01000000", 0, 14)).isEqualTo(new BigDecimal("65000.01000000"));
        assertThat(DecimalText.plain("1234567890123456789", 0, 19)).isNull();
        assertThat(DecimalText.plain("1e-8", 0, 4)).isNull();
    }
}
