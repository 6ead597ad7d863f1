package io.exchangebus.streams.positions;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetPositionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                | qty    | avg                      | pnl | fill   | price | qty'   | avg'                     | pnl'
            open long from flat                   | 0      |                          | 0   | 0.010  | 60000 | 0.010  | 60000                    | 0
            open short from flat                  | 0      |                          | 7   | -2     | 100   | -2     | 100                      | 7
            add to long moves the average         | 0.010  | 60000                    | 0   | 0.005  | 61000 | 0.015  | 60333.333333333333333333 | 0
            average rounds half even up           | 1      | 1                        | 0   | 2      | 2     | 3      | 1.666666666666666667     | 0
            add to short moves the average        | -1     | 100                      | 0   | -1     | 110   | -2     | 105                      | 0
            reduce long realises at average       | 0.015  | 60000                    | 0   | -0.005 | 62000 | 0.010  | 60000                    | 10
            reduce short realises at average      | -0.005 | 62000                    | 0   | 0.002  | 61000 | -0.003 | 62000                    | 2
            close long at a loss goes flat        | 0.010  | 60000                    | 5   | -0.010 | 59000 | 0      |                          | -5
            close short goes flat                 | -3     | 100                      | 0   | 3      | 90    | 0      |                          | 30
            flip long to short opens at the price | 0.015  | 60333.333333333333333333 | 0   | -0.020 | 62000 | -0.005 | 62000                    | 25.000000000000000000
            flip short to long opens at the price | -1     | 100                      | 0   | 3      | 90    | 2      | 90                       | 10
            unknown average reduced realises none | 1      |                          | 0   | -0.4   | 50    | 0.6    |                          | 0
            unknown average added stays unknown   | 1      |                          | 0   | 1      | 50    | 2      |                          | 0
            unknown average flipped opens at price| 1      |                          | 3   | -3     | 50    | -2     | 50                       | 3
            unknown average closed goes flat      | -1     |                          | 0   | 1      | 50    | 0      |                          | 0
            """)
    void shouldApplyFill(String name, BigDecimal quantity, BigDecimal average, BigDecimal pnl, BigDecimal fill,
                         BigDecimal price, BigDecimal expectedQuantity, BigDecimal expectedAverage,
                         BigDecimal expectedPnl) {
        NetPosition after = new NetPosition(quantity, average, pnl).apply(fill, price);

        assertThat(after.quantity()).isEqualByComparingTo(expectedQuantity);
        if (expectedAverage == null) {
            assertThat(after.averageEntryPrice()).isNull();
        } else {
            assertThat(after.averageEntryPrice()).isEqualByComparingTo(expectedAverage);
        }
        assertThat(after.realizedPnl()).isEqualByComparingTo(expectedPnl);
        assertThat(after.realizedPnl().scale()).as("fits decimal(38, 18)").isLessThanOrEqualTo(18);
    }

    @Test
    void shouldRoundRealisedPnlOfARoundedAverageHalfEvenAtScale18() {
        // Average 5/3 = 1.666666666666666667 (rounded up); closing 1 at 2 realises 0.333333333333333333.
        NetPosition position = new NetPosition(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ZERO)
                .apply(new BigDecimal("2"), new BigDecimal("2"))
                .apply(new BigDecimal("-1"), new BigDecimal("2"));

        assertThat(position.realizedPnl()).isEqualTo(new BigDecimal("0.333333333333333333"));
        assertThat(position.quantity()).isEqualByComparingTo("2");
        assertThat(position.averageEntryPrice()).isEqualTo(new BigDecimal("1.666666666666666667"));
    }

    @Test
    void shouldKeepQuantitiesExactWhateverTheirScale() {
        NetPosition position = NetPosition.flat()
                .apply(new BigDecimal("0.000000000000000001"), new BigDecimal("60000"))
                .apply(new BigDecimal("12345678.123456789012345678"), new BigDecimal("60000"));

        assertThat(position.quantity()).isEqualTo(new BigDecimal("12345678.123456789012345679"));
        assertThat(position.averageEntryPrice()).isEqualByComparingTo("60000");
    }

    @Test
    void shouldChangeNothingOnAZeroFill() {
        NetPosition position = new NetPosition(new BigDecimal("2"), new BigDecimal("10"), new BigDecimal("1"));

        assertThat(position.apply(BigDecimal.ZERO, new BigDecimal("99"))).isSameAs(position);
    }
}
