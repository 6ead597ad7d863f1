package io.exchangebus.benchmarks.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopBookTest {
    private static final TopBook BOOK = book(List.of(level("100.00", "1.50"), level("99.98", "2")),
            List.of(level("100.02", "0.5")));

    @Test
    void shouldCompareLevelsByValueWhateverTheScale() {
        TopBook same = book(List.of(level("100", "1.5"), level("99.980", "2.000")), List.of(level("100.02", "0.50")));

        assertThat(BOOK.sameLevelsAs(same)).isTrue();
    }

    @Test
    void shouldDifferWhenAQuantityDiffers() {
        TopBook other = book(List.of(level("100.00", "1.51"), level("99.98", "2")), List.of(level("100.02", "0.5")));

        assertThat(BOOK.sameLevelsAs(other)).isFalse();
    }

    @Test
    void shouldDifferWhenAPriceDiffers() {
        TopBook other = book(List.of(level("100.00", "1.50"), level("99.98", "2")), List.of(level("100.03", "0.5")));

        assertThat(BOOK.sameLevelsAs(other)).isFalse();
    }

    @Test
    void shouldDifferWhenASideHasALevelMoreOrLess() {
        TopBook fewer = book(List.of(level("100.00", "1.50")), List.of(level("100.02", "0.5")));
        TopBook more = book(List.of(level("100.00", "1.50"), level("99.98", "2")),
                List.of(level("100.02", "0.5"), level("100.04", "1")));

        assertThat(BOOK.sameLevelsAs(fewer)).isFalse();
        assertThat(BOOK.sameLevelsAs(more)).isFalse();
    }

    private static TopBook book(List<TopBook.Level> bids, List<TopBook.Level> asks) {
        return new TopBook(-1, bids, asks);
    }

    private static TopBook.Level level(String price, String quantity) {
        return new TopBook.Level(new BigDecimal(price), new BigDecimal(quantity));
    }
}
