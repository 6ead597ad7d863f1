package io.exchangebus.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.PriceLevel;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ExactDecimalsTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "65000.10", "0.000000000000000001", "1e-8", "99999999999999999999.999999999999999999",
            "-0.5", "123456789.123456789"})
    void shouldKeepEveryDigitOfValuesThatFit(String text) {
        BigDecimal exact = ExactDecimals.parse("price", text);

        assertThat(exact.scale()).isEqualTo(ExactDecimals.SCALE);
        assertThat(exact).isEqualByComparingTo(new BigDecimal(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"65000.01000000", "0.0024", "1E+3", "99999999999999999999.999999999999999999"})
    void shouldPassAValueThatFitsThroughCheckedAsItIs(String text) {
        BigDecimal value = new BigDecimal(text);

        assertThat(ExactDecimals.checked("price", value)).isSameAs(value);
    }

    @Test
    void shouldRefuseThroughCheckedWhatExactRefusesAndTrimTrailingZerosBeyondTheScale() {
        assertThatThrownBy(() -> ExactDecimals.checked("fee", new BigDecimal("0.0000000000000000001")))
                .isInstanceOf(InexactValueException.class).hasMessageContaining("'fee'");
        assertThatThrownBy(() -> ExactDecimals.checked("balance", new BigDecimal("123456789012345678901")))
                .isInstanceOf(InexactValueException.class).hasMessageContaining("'balance'");
        assertThat(ExactDecimals.checked("qty", new BigDecimal("1.50000000000000000000")))
                .isEqualByComparingTo("1.5").extracting(BigDecimal::scale).isEqualTo(ExactDecimals.SCALE);
    }

    @Test
    void shouldEncodeAValueAtTheExchangesScaleAtScale18WithoutLosingADigit() throws Exception {
        PriceLevel level = new PriceLevel(new BigDecimal("65000.01"), new BigDecimal("0.00123"));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        org.apache.avro.io.BinaryEncoder encoder = org.apache.avro.io.EncoderFactory.get().binaryEncoder(bytes, null);
        new org.apache.avro.specific.SpecificDatumWriter<PriceLevel>(PriceLevel.class).write(level, encoder);
        encoder.flush();

        PriceLevel read = new org.apache.avro.specific.SpecificDatumReader<PriceLevel>(PriceLevel.class).read(null,
                org.apache.avro.io.DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));

        assertThat(read.getPrice()).isEqualTo(new BigDecimal("65000.010000000000000000"));
        assertThat(read.getQuantity()).isEqualTo(new BigDecimal("0.001230000000000000"));
    }

    @Test
    void shouldRefuseMoreDecimalPlacesThanTheScaleNamingFieldAndValue() {
        assertThatThrownBy(() -> ExactDecimals.parse("fee", "0.0000000000000000001"))
                .isInstanceOf(InexactValueException.class)
                .hasMessageContaining("'fee'")
                .hasMessageContaining("0.0000000000000000001")
                .hasMessageContaining("18 decimal places");
    }

    @Test
    void shouldRefuseMoreIntegerDigitsThanThePrecisionAllows() {
        assertThatThrownBy(() -> ExactDecimals.parse("balance", "123456789012345678901"))
                .isInstanceOf(InexactValueException.class)
                .satisfies(e -> {
                    InexactValueException inexact = (InexactValueException) e;
                    assertThat(inexact.field()).isEqualTo("balance");
                    assertThat(inexact.value()).isEqualTo("123456789012345678901");
                });
    }

    @Test
    void shouldRejectTextThatIsNotANumberNamingTheField() {
        assertThatThrownBy(() -> ExactDecimals.parse("quantity", "1,5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'quantity'").hasMessageContaining("'1,5'");
    }

    @Test
    void shouldFindTheInexactFieldDeepInsideARecord() {
        BookUpdate book = SampleEvents.bookUpdate(3);
        book.getAsks().set(2, new PriceLevel(new BigDecimal("65000.0300000000000000001"), new BigDecimal("1")));

        assertThat(ExactDecimals.findInexact(book)).hasValueSatisfying(e -> {
            assertThat(e.field()).isEqualTo("BookUpdate.asks[2].price");
            assertThat(e.value()).isEqualTo("65000.0300000000000000001");
        });
    }

    @Test
    void shouldFindNothingInARecordWhoseValuesFit() {
        BookUpdate book = SampleEvents.bookUpdate(3);
        book.setBids(List.of(new PriceLevel(new BigDecimal("1.5"), new BigDecimal("2"))));

        assertThat(ExactDecimals.findInexact(book)).isEmpty();
    }
}
