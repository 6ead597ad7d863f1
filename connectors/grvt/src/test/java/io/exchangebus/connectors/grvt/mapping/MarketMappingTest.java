package io.exchangebus.connectors.grvt.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.Side;
import io.exchangebus.events.Ticker;
import io.exchangebus.events.Trade;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Value by value on concrete fixture lines, full and lite forms giving the same event. */
class MarketMappingTest {

    private static final String MD = "ws_market_data_streams.docs.jsonl";
    private static final Instant RECEIVED = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void shouldMapTheDocsBookDeltaInBothForms() {
        BookUpdate full = (BookUpdate) MarketMapping.normalize(GrvtFixtures.text(MD, 62), RECEIVED).value();
        BookUpdate lite = (BookUpdate) MarketMapping.normalize(GrvtFixtures.text(MD, 63), RECEIVED).value();

        assertThat(full.getKind()).isEqualTo(BookUpdateKind.DELTA);
        assertThat(full.getSequence()).isEqualTo(872634876L);
        assertThat(full.getPreviousSequence()).isEqualTo(872634875L);
        assertThat(full.getInstrumentId()).isEqualTo("BTC-USDT-PERP");
        assertThat(full.getBids().get(0).getPrice()).isEqualByComparingTo("65038.01");
        assertThat(full.getBids().get(0).getQuantity()).isEqualByComparingTo("3456.78");
        assertThat(full.getExchangeTime()).isEqualTo(Instant.ofEpochSecond(1697788800L));
        assertThat(lite).isEqualTo(full);
    }

    @Test
    void shouldTakeSequenceZeroOfTheDeltaStreamAsTheSnapshot() {
        String frame = GrvtFixtures.text(MD, 62).replace("\"sequence_number\":\"872634876\"", "\"sequence_number\":\"0\"");
        BookUpdate book = (BookUpdate) MarketMapping.normalize(frame, RECEIVED).value();
        assertThat(book.getKind()).isEqualTo(BookUpdateKind.SNAPSHOT);
        assertThat(book.getPreviousSequence()).isNull();
    }

    @Test
    void shouldReadTheLiveBookSnapshotWithItsDepth() {
        BookUpdate book = (BookUpdate) MarketMapping.normalize(GrvtFixtures.text("ccxt_comments.jsonl", 6), RECEIVED)
                .value();
        assertThat(book.getKind()).isEqualTo(BookUpdateKind.SNAPSHOT);
        assertThat(book.getDepth()).isEqualTo(100);
        assertThat(book.getAsks().get(0).getPrice()).isEqualByComparingTo("88107.4");
        assertThat(book.getExchangeTime()).isEqualTo(Instant.ofEpochSecond(1767292408L, 400000000L));
    }

    @Test
    void shouldRefuseAZeroPriceNamingTheField() {
        String frame = GrvtFixtures.text(MD, 63).replace("\"p\":\"65038.01\"", "\"p\":\"0\"");
        assertThat(MarketMapping.normalize(frame, RECEIVED).error().message())
                .isEqualTo("f.b[0].p: 0 is not above zero");
    }

    @Test
    void shouldMapTheDocsTradeInBothForms() {
        Trade full = (Trade) MarketMapping.normalize(GrvtFixtures.text(MD, 73), RECEIVED).value();
        Trade lite = (Trade) MarketMapping.normalize(GrvtFixtures.text(MD, 74), RECEIVED).value();

        assertThat(full.getTradeId()).isEqualTo("209358-2");
        assertThat(full.getAggressorSide()).isEqualTo(Side.BUY);
        assertThat(full.getPrice()).isEqualByComparingTo("65038.01");
        assertThat(full.getQuantity()).isEqualByComparingTo("123456.78");
        assertThat(lite).isEqualTo(full);
    }

    @Test
    void shouldMapTheTickerWithFundingInPercentAsAFraction() {
        Ticker full = (Ticker) MarketMapping.normalize(GrvtFixtures.text(MD, 29), RECEIVED).value();
        Ticker lite = (Ticker) MarketMapping.normalize(GrvtFixtures.text(MD, 30), RECEIVED).value();

        assertThat(full.getBidPrice()).isEqualByComparingTo("65038.01");
        assertThat(full.getAskQuantity()).isEqualByComparingTo("123456.78");
        assertThat(full.getFundingRate()).isEqualByComparingTo(new BigDecimal("0.000003"));
        assertThat(full.getVolume24h()).isEqualByComparingTo("246913.56");
        assertThat(full.getOpenInterest()).isEqualByComparingTo("123456.78");
        assertThat(lite).isEqualTo(full);
    }
}
