package io.exchangebus.connectors.deribit.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangebus.connectors.deribit.DeribitFixtures;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.OptionGreeks;
import io.exchangebus.events.PriceLevel;
import io.exchangebus.events.Side;
import io.exchangebus.events.Ticker;
import io.exchangebus.events.Trade;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarketMappingTest {

    private static final Instant RECEIVED = Instant.parse("2025-01-01T00:00:00Z");
    private static final String NT = "nautilus_test_data.jsonl";
    private static final String NT2 = "nautilus_test_data_2.jsonl";
    private static final String GCT = "ws_notifications.gocryptotrader.jsonl";
    private static final String XCHANGE = "xchange_test_resources.jsonl";
    private static final String CAPTURE = "ws_trades_capture.gocryptotrader.jsonl";

    private static Object only(String file, int line) {
        List<Object> events = MarketMapping.normalize(DeribitFixtures.raw(file, line), RECEIVED);
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    /** xchange line 5: a REST ticker result (no notification around it), read with exact numbers. */
    private static com.fasterxml.jackson.databind.JsonNode optionTicker() {
        return DeribitFields.readTree(DeribitFixtures.raw(XCHANGE, 5));
    }

    private static void assertLevel(PriceLevel level, String price, String quantity) {
        assertThat(level.getPrice()).isEqualByComparingTo(price);
        assertThat(level.getQuantity()).isEqualByComparingTo(quantity);
    }

    @Test
    void shouldRefuseTheLiveSnapshotThatLacksItsAsksRatherThanEmptyTheSide() {
        // ws_notifications line 2: live 2023 book.BTC-PERPETUAL.100ms snapshot (change_id 53639437695, 259 bids
        // from 23461.0) whose "asks" key is absent in the capture. Deribit sends "asks": [] for an empty side, so an
        // absent one is refused, naming the field, not read as an empty side.
        assertThatThrownBy(() -> MarketMapping.normalize(DeribitFixtures.raw(GCT, 2), RECEIVED))
                .isInstanceOf(UnmappableMessageException.class).hasMessageContaining("asks is not an array");
    }

    @Test
    void shouldMapTheLiveSnapshotBidsWhenItsSideIsGiven() {
        // The same live capture, its bids read with the asks it lacks given empty.
        com.fasterxml.jackson.databind.node.ObjectNode frame = (com.fasterxml.jackson.databind.node.ObjectNode)
                DeribitFields.readTree(DeribitFixtures.raw(GCT, 2));
        ((com.fasterxml.jackson.databind.node.ObjectNode) frame.path("params").path("data")).putArray("asks");

        List<Object> events = MarketMapping.normalize(frame.toString(), RECEIVED);
        assertThat(events).hasSize(1);
        BookUpdate u = (BookUpdate) events.get(0);

        assertThat(u.getKind()).isEqualTo(BookUpdateKind.SNAPSHOT);
        assertThat(u.getExchange()).isEqualTo("deribit");
        assertThat(u.getSymbol()).isEqualTo("BTC-PERPETUAL");
        assertThat(u.getInstrumentId()).isEqualTo("BTC-USD-PERP");
        assertThat(u.getSequence()).isEqualTo(53639437695L);
        assertThat(u.getPreviousSequence()).isNull();
        assertThat(u.getDepth()).isZero();
        assertThat(u.getExchangeTime()).isEqualTo(Instant.ofEpochMilli(1677589058217L));
        assertThat(u.getBids()).hasSize(259);
        assertLevel(u.getBids().get(0), "23461.0", "47800.0");
        assertLevel(u.getBids().get(258), "22381.0", "100.0");
    }

    @Test
    void shouldMapTheDocsSnapshot() {
        // ws_notifications line 3: docs example, change_id 297217.
        BookUpdate u = (BookUpdate) only(GCT, 3);

        assertThat(u.getSequence()).isEqualTo(297217L);
        assertThat(u.getBids()).hasSize(2);
        assertLevel(u.getBids().get(0), "5042.34", "30");
        assertLevel(u.getAsks().get(1), "5043.3", "40");
    }

    @Test
    void shouldMapAChangeToADeltaWithPreviousChangeIdAndDeletesAsZero() {
        // nautilus line 6 (snapshot, change_id 123456789) then line 3 (change 123456790, prev 123456789).
        BookUpdate snapshot = (BookUpdate) only(NT, 6);
        BookUpdate delta = (BookUpdate) only(NT, 3);

        assertThat(snapshot.getSequence()).isEqualTo(123456789L);
        assertThat(snapshot.getPreviousSequence()).isNull();
        assertThat(snapshot.getBids()).hasSize(5);
        assertThat(delta.getKind()).isEqualTo(BookUpdateKind.DELTA);
        assertThat(delta.getSequence()).isEqualTo(123456790L);
        assertThat(delta.getPreviousSequence()).isEqualTo(snapshot.getSequence());
        assertThat(delta.getFirstSequence()).isNull();
        assertLevel(delta.getBids().get(0), "42500.0", "950.0");
        assertLevel(delta.getBids().get(1), "42498.5", "300.0");
        assertLevel(delta.getAsks().get(0), "42501.0", "0");
        assertLevel(delta.getAsks().get(1), "42501.5", "700.0");
    }

    @Test
    void shouldKeepEighteenSignificantDigitsExactly() {
        // nautilus line 4: prices 100000000.123456789 / .123456788, which a double cannot hold.
        BookUpdate u = (BookUpdate) only(NT, 4);

        assertThat(u.getBids().get(0).getPrice()).isEqualByComparingTo(new BigDecimal("100000000.123456789"));
        assertThat(u.getAsks().get(0).getQuantity()).isEqualByComparingTo(new BigDecimal("100000000.123456788"));
    }

    @Test
    void shouldRefuseAnAmountBeyondEighteenDecimalsNamingTheField() {
        // nautilus line 5: amount 0.12345678901234567890123456789 (29 decimals) and an exponent form.
        assertThatThrownBy(() -> MarketMapping.normalize(DeribitFixtures.raw(NT, 5), RECEIVED))
                .isInstanceOf(UnmappableMessageException.class)
                .hasMessageContaining("bids[0].amount")
                .hasMessageContaining("more than 18 decimal places");
    }

    @Test
    void shouldMapTheGroupedBookToATopNSnapshot() {
        // nautilus_2 line 22: book.BTC-PERPETUAL.none.10.100ms.
        BookUpdate u = (BookUpdate) only(NT2, 22);

        assertThat(u.getKind()).isEqualTo(BookUpdateKind.SNAPSHOT);
        assertThat(u.getDepth()).isEqualTo(10);
        assertThat(u.getSequence()).isEqualTo(136725664747L);
        assertThat(u.getPreviousSequence()).isNull();
        assertThat(u.getBids()).hasSize(10);
        assertThat(u.getAsks()).hasSize(10);
        assertLevel(u.getBids().get(0), "89532.5", "254900.0");
        assertLevel(u.getAsks().get(9), "89545.5", "29500.0");
        assertThat(u.getExchangeTime()).isEqualTo(Instant.ofEpochMilli(1769246173071L));
    }

    @Test
    void shouldMapTradesWithTradeIdAndTradeSeq() {
        // nautilus_2 line 34: trades.BTC-PERPETUAL.100ms, two sells.
        List<Object> events = MarketMapping.normalize(DeribitFixtures.raw(NT2, 34), RECEIVED);

        assertThat(events).hasSize(2);
        Trade first = (Trade) events.get(0);
        assertThat(first.getTradeId()).isEqualTo("403691824");
        assertThat(first.getTradeSequence()).isEqualTo(271252854L);
        assertThat(first.getPrice()).isEqualByComparingTo("92294.5");
        assertThat(first.getQuantity()).isEqualByComparingTo("10");
        assertThat(first.getAggressorSide()).isEqualTo(Side.SELL);
        assertThat(first.getInstrumentId()).isEqualTo("BTC-USD-PERP");
        assertThat(first.getExchangeTime()).isEqualTo(Instant.ofEpochMilli(1765531356452L));
        assertThat(((Trade) events.get(1)).getTradeSequence()).isEqualTo(271252855L);
    }

    @Test
    void shouldMapLiveAgg2Trades() {
        // ws_trades_capture lines 1 and 2: live trades.BTC-PERPETUAL.agg2.
        Trade buy = (Trade) only(CAPTURE, 1);
        Trade sell = (Trade) only(CAPTURE, 2);

        assertThat(buy.getAggressorSide()).isEqualTo(Side.BUY);
        assertThat(buy.getTradeId()).isEqualTo("356130997");
        assertThat(buy.getTradeSequence()).isEqualTo(242126092L);
        assertThat(buy.getPrice()).isEqualByComparingTo("84295.5");
        assertThat(buy.getQuantity()).isEqualByComparingTo("8430.0");
        assertThat(sell.getAggressorSide()).isEqualTo(Side.SELL);
        assertThat(sell.getTradeSequence()).isEqualTo(242126084L);
    }

    @Test
    void shouldMapOptionTradesOfACurrencyChannel() {
        // ws_notifications line 12: trades.option.BTC.raw, BTC-27MAY20-9000-C.
        Trade t = (Trade) only(GCT, 12);

        assertThat(t.getInstrumentId()).isEqualTo("BTC-USD-20200527-9000-C");
        assertThat(t.getSymbol()).isEqualTo("BTC-27MAY20-9000-C");
        assertThat(t.getPrice()).isEqualByComparingTo("0.0075");
        assertThat(t.getQuantity()).isEqualByComparingTo("3");
        assertThat(t.getTradeSequence()).isEqualTo(2L);
        assertThat(t.getTradeId()).isEqualTo("48079289");
    }

    @Test
    void shouldRefuseComboTradesNamingTheInstrument() {
        // nautilus_2 line 35: trades of an option combo, whose names have no id form yet.
        assertThatThrownBy(() -> MarketMapping.normalize(DeribitFixtures.raw(NT2, 35), RECEIVED))
                .isInstanceOf(UnmappableMessageException.class).hasMessageContaining("instrument_name");
    }

    @Test
    void shouldMapTheTicker() {
        // nautilus_2 line 33: ticker.BTC-PERPETUAL.100ms (funding_8h 1.742e-05 is not mapped; interest_value has
        // 19 decimals and is not read).
        Ticker t = (Ticker) only(NT2, 33);

        assertThat(t.getInstrumentId()).isEqualTo("BTC-USD-PERP");
        assertThat(t.getBidPrice()).isEqualByComparingTo("92283.5");
        assertThat(t.getBidQuantity()).isEqualByComparingTo("117660");
        assertThat(t.getAskPrice()).isEqualByComparingTo("92284.0");
        assertThat(t.getAskQuantity()).isEqualByComparingTo("186520");
        assertThat(t.getLastPrice()).isEqualByComparingTo("92283.5");
        assertThat(t.getMarkPrice()).isEqualByComparingTo("92281.78");
        assertThat(t.getIndexPrice()).isEqualByComparingTo("92263.55");
        assertThat(t.getFundingRate()).isEqualByComparingTo("0");
        assertThat(t.getOpenInterest()).isEqualByComparingTo("1132329370");
        assertThat(t.getVolume24h()).isEqualByComparingTo("11897.27640428");
        assertThat(t.getExchangeTime()).isEqualTo(Instant.ofEpochMilli(1765541474086L));
    }

    @Test
    void shouldMapAnOptionTickerWithItsVolatilitiesAsFractionsAndItsGreeks() {
        // xchange line 5: the ticker of BTC-3MAY19-5000-P (mark_iv 68.48, bid_iv 62.83, ask_iv 71.09 in percent).
        Ticker t = MarketMapping.ticker(optionTicker(), RECEIVED);

        assertThat(t.getInstrumentId()).isEqualTo("BTC-USD-20190503-5000-P");
        assertThat(t.getUnderlyingPrice()).isEqualByComparingTo("5433.06");
        assertThat(t.getMarkPrice()).isEqualByComparingTo("0.01236567");
        assertThat(t.getMarkIv()).isEqualByComparingTo("0.6848");
        assertThat(t.getBidIv()).isEqualByComparingTo("0.6283");
        assertThat(t.getAskIv()).isEqualByComparingTo("0.7109");
        OptionGreeks g = t.getGreeks();
        assertThat(g.getDelta()).isEqualByComparingTo("-0.19998");
        assertThat(g.getGamma()).isEqualByComparingTo("0.00049");
        assertThat(g.getVega()).isEqualByComparingTo("2.33814");
        assertThat(g.getTheta()).isEqualByComparingTo("-9.2813");
        assertThat(g.getRho()).isEqualByComparingTo("-0.27264");
        assertThat(t.getOpenInterest()).isEqualByComparingTo("0.5");
    }

    @Test
    void shouldLeaveOptionFieldsEmptyOnAPerpetualTicker() {
        Ticker t = (Ticker) only(GCT, 27);

        assertThat(t.getGreeks()).isNull();
        assertThat(t.getMarkIv()).isNull();
        assertThat(t.getUnderlyingPrice()).isNull();
    }

    @Test
    void shouldRefuseGreeksThatAreNotAnObjectNamingTheField() {
        com.fasterxml.jackson.databind.node.ObjectNode data = (com.fasterxml.jackson.databind.node.ObjectNode)
                optionTicker();
        data.put("greeks", "n/a");
        assertThatThrownBy(() -> MarketMapping.ticker(data, RECEIVED))
                .isInstanceOf(UnmappableMessageException.class).hasMessageContaining("greeks");
        data.putObject("greeks").put("delta", "1e400");
        assertThatThrownBy(() -> MarketMapping.ticker(data, RECEIVED))
                .isInstanceOf(UnmappableMessageException.class).hasMessageContaining("delta");
    }

    @Test
    void shouldMapTheDocsTickerWithIntegerNumbers() {
        // ws_notifications line 27: ticker.BTC-PERPETUAL.raw, best_ask_price 36443 and current_funding 0 as integers.
        Ticker t = (Ticker) only(GCT, 27);

        assertThat(t.getAskPrice()).isEqualByComparingTo("36443");
        assertThat(t.getBidQuantity()).isEqualByComparingTo("5000");
        assertThat(t.getVolume24h()).isEqualByComparingTo("7871.02139035");
        assertThat(t.getOpenInterest()).isEqualByComparingTo("502097590");
    }

    @Test
    void shouldRefuseChannelsItDoesNotMap() {
        // ws_notifications line 4: chart.trades.BTC-PERPETUAL.1.
        assertThatThrownBy(() -> MarketMapping.normalize(DeribitFixtures.raw(GCT, 4), RECEIVED))
                .isInstanceOf(UnmappableMessageException.class).hasMessageContaining("chart.trades");
    }

    @Test
    void shouldRefuseAnUnknownActionAndAnUnknownType() {
        // The nautilus delta (line 3) with one enum value changed each time: refused, not defaulted.
        String delta = DeribitFixtures.raw(NT, 3);
        assertThatThrownBy(() -> MarketMapping.normalize(delta.replace("\"delete\"", "\"remove\""), RECEIVED))
                .hasMessageContaining("unknown action 'remove'");
        assertThatThrownBy(() -> MarketMapping.normalize(
                delta.replace("\"type\": \"change\"", "\"type\": \"patch\""), RECEIVED))
                .hasMessageContaining("unknown book message type 'patch'");
    }
}
