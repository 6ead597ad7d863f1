package io.exchangebus.connectors.core.number;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ValueRangeTest {

    @Test
    void shouldAdmitEachRangeAndNothingBeyondIt() {
        assertThat(ValueRange.POSITIVE.admits(new BigDecimal("0.00000001"))).isTrue();
        assertThat(ValueRange.POSITIVE.admits(BigDecimal.ZERO)).isFalse();
        assertThat(ValueRange.NON_NEGATIVE.admits(BigDecimal.ZERO)).isTrue();
        assertThat(ValueRange.NON_NEGATIVE.admits(new BigDecimal("-0.00000001"))).isFalse();
        assertThat(ValueRange.SIGNED.admits(new BigDecimal("-1"))).isTrue();
    }

    @Test
    void shouldNameTheFieldAndTheValueWhenRefused() {
        assertThat(((NumberRead.Refused) ValueRange.NON_NEGATIVE.check("bids[0].amount", new BigDecimal("-1")))
                .message()).isEqualTo("bids[0].amount: -1 is negative");
        assertThat(((NumberRead.Refused) ValueRange.POSITIVE.check("price", new BigDecimal("0"))).message())
                .isEqualTo("price: 0 is not above zero");
        assertThat(ValueRange.POSITIVE.check("price", BigDecimal.TEN).value()).isEqualByComparingTo("10");
    }
}
