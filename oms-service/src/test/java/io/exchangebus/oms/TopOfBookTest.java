package io.exchangebus.oms;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.PriceLevel;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopOfBookTest {
    private final TopOfBook books = new TopOfBook();

    private static PriceLevel level(String price, String quantity) {
        return new PriceLevel(new BigDecimal(price), new BigDecimal(quantity));
    }

    private void apply(BookUpdateKind kind, List<PriceLevel> bids, List<PriceLevel> asks) {
        books.apply(BookUpdate.newBuilder().setExchange("binance-spot").setSymbol("BTCUSDT").setInstrumentId("BTC-USDT")
                .setKind(kind).setDepth(0).setSequence(1).setPreviousSequence(null).setBids(bids).setAsks(asks)
                .setExchangeTime(null).setReceiveTime(Instant.EPOCH).build());
    }

    @Test
    void shouldIgnoreDeltasBeforeTheFirstSnapshot() {
        apply(BookUpdateKind.DELTA, List.of(level("100", "1")), List.of(level("101", "1")));

        assertThat(books.best("binance-spot", "BTCUSDT")).isEmpty();
    }

    @Test
    void shouldTrackTheBestBidAndAskThroughDeltasThatAddAndRemoveLevels() {
        apply(BookUpdateKind.SNAPSHOT, List.of(level("99", "1"), level("100", "1")), List.of(level("102", "1")));
        apply(BookUpdateKind.DELTA, List.of(level("100", "0")), List.of(level("101", "2")));

        TopOfBook.Best best = books.best("binance-spot", "BTCUSDT").orElseThrow();
        assertThat(best.bid()).isEqualByComparingTo("99");
        assertThat(best.ask()).isEqualByComparingTo("101");
        assertThat(best.mid()).isEqualByComparingTo("100");

        apply(BookUpdateKind.SNAPSHOT, List.of(level("50", "1")), List.of());
        best = books.best("binance-spot", "BTCUSDT").orElseThrow();
        assertThat(best.ask()).isNull();
        assertThat(best.mid()).isEqualByComparingTo("50");
    }
}
