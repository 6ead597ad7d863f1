package io.exchangebus.connectors.core.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderBookTest {
    private final OrderBook book = new OrderBook();

    @Test
    void shouldOrderBidsBestFirstDescendingAndAsksBestFirstAscending() {
        book.apply(BookSide.BID, Level.of("64999.98", "1"));
        book.apply(BookSide.BID, Level.of("65000.00", "2"));
        book.apply(BookSide.BID, Level.of("64999.99", "3"));
        book.apply(BookSide.ASK, Level.of("65000.03", "4"));
        book.apply(BookSide.ASK, Level.of("65000.01", "5"));
        book.apply(BookSide.ASK, Level.of("65000.02", "6"));

        assertThat(book.top(BookSide.BID, 0)).containsExactly(
                Level.of("65000.00", "2"), Level.of("64999.99", "3"), Level.of("64999.98", "1"));
        assertThat(book.top(BookSide.ASK, 0)).containsExactly(
                Level.of("65000.01", "5"), Level.of("65000.02", "6"), Level.of("65000.03", "4"));
        assertThat(book.bestBid()).isEqualTo(Level.of("65000", "2"));
        assertThat(book.bestAsk()).isEqualTo(Level.of("65000.01", "5"));
    }

    @Test
    void shouldTreatPricesEqualInValueAsOneLevel() {
        book.apply(BookSide.BID, Level.of("65000.1", "1"));
        book.apply(BookSide.BID, Level.of("65000.10", "2.5"));

        assertThat(book.depth(BookSide.BID)).isEqualTo(1);
        assertThat(book.quantityAt(BookSide.BID, new BigDecimal("65000.100"))).isEqualByComparingTo("2.5");

        book.apply(BookSide.BID, Level.of("65000.1000", "0.00000000"));
        assertThat(book.isEmpty()).isTrue();
    }

    @Test
    void shouldReplaceQuantityWithTheAbsoluteValueOfTheUpdate() {
        book.apply(BookSide.ASK, Level.of("0.0026", "100"));
        book.apply(BookSide.ASK, Level.of("0.0026", "12.00000001"));

        assertThat(book.quantityAt(BookSide.ASK, new BigDecimal("0.0026"))).isEqualTo("12.00000001");
    }

    @Test
    void shouldRemoveLevelWhenQuantityIsZero() {
        book.apply(BookSide.ASK, Level.of("0.0026", "100"));
        book.apply(BookSide.ASK, Level.of("0.0027", "1"));
        book.apply(BookSide.ASK, Level.of("0.0026", "0"));

        assertThat(book.top(BookSide.ASK, 0)).containsExactly(Level.of("0.0027", "1"));
    }

    @Test
    void shouldIgnoreRemovalOfALevelThatIsNotInTheBook() {
        // Binance: "Receiving an event that removes a price level that is not in your local order book can happen
        // and is normal."
        book.apply(BookSide.BID, Level.of("0.0024", "10"));
        book.apply(BookSide.BID, Level.of("0.0023", "0"));

        assertThat(book.top(BookSide.BID, 0)).containsExactly(Level.of("0.0024", "10"));
    }

    @Test
    void shouldReturnAtMostNLevelsBestFirst() {
        for (int i = 0; i < 10; i++) {
            book.apply(BookSide.BID, new Level(new BigDecimal("100").subtract(BigDecimal.valueOf(i)), BigDecimal.ONE));
        }
        assertThat(book.top(BookSide.BID, 3)).extracting(Level::price).map(BigDecimal::intValueExact)
                .containsExactly(100, 99, 98);
        assertThat(book.top(BookSide.BID, 50)).hasSize(10);
        assertThat(book.top(BookSide.ASK, 3)).isEmpty();
    }

    @Test
    void shouldHaveNoBestLevelOnAnEmptySide() {
        assertThat(book.bestBid()).isNull();
        assertThat(book.bestAsk()).isNull();
    }

    @Test
    void shouldRefuseNegativeQuantity() {
        assertThatThrownBy(() -> book.apply(BookSide.BID, Level.of("1", "-0.1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldCompareBooksByValue() {
        OrderBook other = new OrderBook();
        book.applyAll(BookSide.BID, List.of(Level.of("1.0", "2.50"), Level.of("0.9", "1")));
        other.applyAll(BookSide.BID, List.of(Level.of("0.90", "1.000"), Level.of("1", "2.5")));

        assertThat(book.sameLevelsAs(other)).isTrue();
        other.apply(BookSide.ASK, Level.of("2", "1"));
        assertThat(book.sameLevelsAs(other)).isFalse();
    }
}
