package io.exchangebus.connectors.core.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangebus.avro.InexactValueException;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.PriceLevel;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BookUpdateMapperTest {
    private static final Instant EXCHANGE_TIME = Instant.ofEpochMilli(1672515782136L);
    private static final Instant RECEIVED = Instant.parse("2023-01-01T00:00:00.123456Z");
    private final BookUpdateMapper mapper = new BookUpdateMapper("binance-spot", "BNBBTC", "BNB-BTC");

    @Test
    void shouldMapAFullDepthSnapshotWithExactDecimals() {
        OrderBook book = new OrderBook();
        book.applyAll(BookSide.BID, List.of(Level.of("0.0023", "5"), Level.of("0.0024", "10")));
        book.apply(BookSide.ASK, Level.of("0.0026", "100.00000001"));

        BookUpdate update = mapper.snapshot(book, 160, true, EXCHANGE_TIME, RECEIVED);

        assertThat(update.getExchange()).isEqualTo("binance-spot");
        assertThat(update.getSymbol()).isEqualTo("BNBBTC");
        assertThat(update.getInstrumentId()).isEqualTo("BNB-BTC");
        assertThat(update.getKind()).isEqualTo(BookUpdateKind.SNAPSHOT);
        assertThat(update.getResync()).isTrue();
        assertThat(update.getDepth()).isZero();
        assertThat(update.getSequence()).isEqualTo(160);
        assertThat(update.getPreviousSequence()).isNull();
        // Exact values at the exchange's scale; Avro's encoder writes them at scale 18 (see ExactDecimals.checked).
        assertThat(update.getBids()).extracting(PriceLevel::getPrice)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("0.002400000000000000"), new BigDecimal("0.002300000000000000"));
        assertThat(update.getAsks().get(0).getQuantity()).isEqualByComparingTo("100.000000010000000000");
        assertThat(update.getBids()).allSatisfy(l -> assertThat(l.getPrice().scale()).isLessThanOrEqualTo(18));
        assertThat(update.getExchangeTime()).isEqualTo(EXCHANGE_TIME);
        assertThat(update.getReceiveTime()).isEqualTo(RECEIVED);
    }

    @Test
    void shouldMapADeltaWithItsPreviousSequenceWhenTheExchangeSendsOne() {
        BookDiff futures = new BookDiff(157, 160, 149,
                List.of(Level.of("0.0023", "1"), Level.of("0.0024", "0")), List.of(), EXCHANGE_TIME);
        BookDiff spot = BookDiff.of(157, 160, List.of(), List.of(), null);

        BookUpdate delta = mapper.delta(futures, RECEIVED);

        assertThat(delta.getKind()).isEqualTo(BookUpdateKind.DELTA);
        assertThat(delta.getSequence()).isEqualTo(160);
        assertThat(delta.getPreviousSequence()).isEqualTo(149);
        assertThat(delta.getFirstSequence()).isEqualTo(157);
        assertThat(delta.getBids()).extracting(l -> l.getPrice().stripTrailingZeros().toPlainString())
                .containsExactly("0.0024", "0.0023");   // best first, removals kept with quantity 0
        assertThat(delta.getBids().get(0).getQuantity()).isEqualByComparingTo("0");
        assertThat(mapper.delta(spot, RECEIVED).getPreviousSequence()).isNull();
        assertThat(mapper.delta(spot, RECEIVED).getFirstSequence()).as("U, for continuity without pu").isEqualTo(157);
        assertThat(mapper.delta(spot, RECEIVED).getExchangeTime()).isNull();
    }

    @Test
    void shouldMapATopNViewAsASnapshotOfItsDepth() {
        TopNBook view = new TopNBook(20, 42, List.of(Level.of("65000.01", "0.5")), List.of(), false, null);

        BookUpdate update = mapper.topN(view, RECEIVED);

        assertThat(update.getKind()).isEqualTo(BookUpdateKind.SNAPSHOT);
        assertThat(update.getDepth()).isEqualTo(20);
        assertThat(update.getSequence()).isEqualTo(42);
        assertThat(update.getBids()).hasSize(1);
    }

    @Test
    void shouldRefuseAQuantityThatDoesNotFitExactly() {
        OrderBook book = new OrderBook();
        // 19 decimal places: built from BigDecimal, as Level.of (the shared reader) already refuses this text.
        book.apply(BookSide.BID, new Level(BigDecimal.ONE, new BigDecimal("0.0000000000000000001")));

        assertThatThrownBy(() -> mapper.snapshot(book, 1, false, null, RECEIVED))
                .isInstanceOf(InexactValueException.class)
                .hasMessageContaining("bids.quantity");
    }
}
