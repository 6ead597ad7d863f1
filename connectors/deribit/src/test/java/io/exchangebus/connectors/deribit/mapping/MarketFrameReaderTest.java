package io.exchangebus.connectors.deribit.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangebus.connectors.core.book.Level;
import io.exchangebus.connectors.deribit.DeribitFixtures;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.Trade;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarketFrameReaderTest {

    private static final Instant RECEIVED = Instant.parse("2025-01-01T00:00:00Z");
    private static final String NT = "nautilus_test_data.jsonl";
    private static final String CAPTURE = "ws_trades_capture.gocryptotrader.jsonl";

    private static final String CHANGE = "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{"
            + "\"channel\":\"book.BTC-PERPETUAL.100ms\",\"data\":{\"type\":\"change\",\"timestamp\":1700000000123,"
            + "\"instrument_name\":\"BTC-PERPETUAL\",\"change_id\":11,\"prev_change_id\":10,"
            + "\"bids\":[[\"new\",65000.5,1200.0],[\"delete\",64999.0,0.0]],\"asks\":[[\"change\",65001,5e3]]}}}";

    @Test
    void shouldReadADataObjectThatPrecedesItsChannelAsTheStreamedFrameIs() {
        String dataFirst = "{\"params\":{\"data\":{\"type\":\"change\",\"timestamp\":1700000000123,"
                + "\"instrument_name\":\"BTC-PERPETUAL\",\"change_id\":11,\"prev_change_id\":10,"
                + "\"bids\":[[\"new\",65000.5,1200.0],[\"delete\",64999.0,0.0]],\"asks\":[[\"change\",65001,5e3]]},"
                + "\"channel\":\"book.BTC-PERPETUAL.100ms\"},\"method\":\"subscription\",\"jsonrpc\":\"2.0\"}";

        assertThat(MarketMapping.normalize(dataFirst, RECEIVED)).isEqualTo(MarketMapping.normalize(CHANGE, RECEIVED));
    }

    @Test
    void shouldReadADeleteAsQuantityZeroAndAnExponentExactly() {
        MarketFrameReader.BookFrame b = (MarketFrameReader.BookFrame) MarketFrameReader.read(CHANGE);

        assertThat(b.snapshot()).isFalse();
        assertThat(b.changeId()).isEqualTo(11);
        assertThat(b.previousChangeId()).isEqualTo(10);
        assertThat(b.bids()).containsExactly(Level.of("65000.5", "1200"), Level.of("64999", "0"));
        assertThat(b.asks()).containsExactly(Level.of("65001", "5000"));
        BookUpdate u = MarketMapping.bookUpdate(b, RECEIVED);
        assertThat(u.getAsks().get(0).getQuantity()).isEqualByComparingTo("5000");
        assertThat(u.getExchangeTime()).isEqualTo(Instant.ofEpochMilli(1700000000123L));
    }

    @Test
    void shouldRefuseAChangeActionInASnapshotNamingTheLevel() {
        String snapshot = CHANGE.replace("\"type\":\"change\"", "\"type\":\"snapshot\"");
        assertThatThrownBy(() -> MarketFrameReader.read(snapshot))
                .isInstanceOf(UnmappableMessageException.class)
                .hasMessageContaining("bids[1]: action 'delete' in a snapshot");
    }

    @Test
    void shouldRefuseALevelOfTheWrongShapeNamingIt() {
        assertThatThrownBy(() -> MarketFrameReader.read(CHANGE.replace("[\"change\",65001,5e3]",
                "[\"change\",65001]"))).hasMessageContaining("asks[0] is not [action, price, amount]");
        assertThatThrownBy(() -> MarketFrameReader.read(CHANGE.replace("65000.5", "1e40")))
                .hasMessageContaining("bids[0].price");
        assertThatThrownBy(() -> MarketFrameReader.read(CHANGE.replace("\"change_id\":11,", "")))
                .hasMessageContaining("change_id is missing");
    }

    @Test
    void shouldRefuseValuesNoExchangeSendsNamingTheField() {
        assertThatThrownBy(() -> MarketFrameReader.read(CHANGE.replace("1200.0", "-1")))
                .hasMessage("bids[0].amount: -1 is negative");
        assertThatThrownBy(() -> MarketFrameReader.read(CHANGE.replace("1200.0", "-0.00000001")))
                .hasMessage("bids[0].amount: -0.00000001 is negative");
        assertThatThrownBy(() -> MarketFrameReader.read(CHANGE.replace("65001", "0")))
                .hasMessage("asks[0].price: 0 is not above zero");
        assertThatThrownBy(() -> MarketFrameReader.read(CHANGE.replace("65001", "1e38")))
                .hasMessageContaining("asks[0].price").hasMessageContaining("beyond decimal(38,18)");
        String trade = DeribitFixtures.raw(CAPTURE, 1);
        assertThatThrownBy(() -> MarketMapping.normalize(trade.replaceFirst("\"amount\":\\s*", "\"amount\":-"),
                RECEIVED)).hasMessageContaining("amount: -").hasMessageContaining("is not above zero");
    }

    @Test
    void shouldRefuseANumberJacksonCannotReadInATickerTree() {
        String ticker = DeribitFixtures.raw("ws_notifications.gocryptotrader.jsonl", 27)
                .replaceFirst("\"best_ask_price\"\\s*:\\s*[0-9.]+", "\"best_ask_price\":1e3123456789012345678901");
        assertThat(ticker).contains("1e3123456789012345678901");
        assertThatThrownBy(() -> MarketMapping.normalize(ticker, RECEIVED))
                .isInstanceOf(UnmappableMessageException.class).hasMessageContaining("a number that cannot be read");
    }

    @Test
    void shouldRefuseTrailingContentAndAnotherMethod() {
        assertThatThrownBy(() -> MarketFrameReader.read(CHANGE + "{}")).isInstanceOf(UnmappableMessageException.class);
        assertThatThrownBy(() -> MarketFrameReader.read(CHANGE.replace("\"subscription\"", "\"heartbeat\"")))
                .hasMessageContaining("method is not subscription");
    }

    @Test
    void shouldReadTheGroupedBookAsATopNSnapshotOfItsDepth() {
        String grouped = "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{"
                + "\"channel\":\"book.BTC-PERPETUAL.none.10.100ms\",\"data\":{\"timestamp\":1700000000123,"
                + "\"instrument_name\":\"BTC-PERPETUAL\",\"change_id\":7,"
                + "\"bids\":[[64999.5,10],[65000.0,20]],\"asks\":[[65000.5,30]]}}}";

        BookUpdate u = (BookUpdate) MarketMapping.normalize(grouped, RECEIVED).get(0);

        assertThat(u.getDepth()).isEqualTo(10);
        assertThat(u.getPreviousSequence()).isNull();
        assertThat(u.getBids().get(0).getPrice()).isEqualByComparingTo("65000.0");
        assertThatThrownBy(() -> MarketMapping.normalize(grouped.replace("[65000.5,30]", "[\"new\",65000.5,30]"),
                RECEIVED)).hasMessageContaining("asks[0].price: 'new' is not a number");
    }

    @Test
    void shouldReadTheLiveTradeCaptureTradeByTrade() {
        List<Object> events = MarketMapping.normalize(DeribitFixtures.raw(CAPTURE, 1), RECEIVED);

        assertThat(events).isNotEmpty().allSatisfy(e -> {
            Trade t = (Trade) e;
            assertThat(t.getTradeSequence()).isPositive();
            assertThat(t.getQuantity()).isPositive();
        });
    }

    @Test
    void shouldReadTheExactnessEdgeCaseOfTheNautilusDeltaOrRefuseItNamingTheField() {
        // nautilus line 5: a 29-digit amount and 1.2345678901234567890123456789e-5; beyond 18 decimals is refused.
        assertThatThrownBy(() -> MarketMapping.normalize(DeribitFixtures.raw(NT, 5), RECEIVED))
                .isInstanceOf(UnmappableMessageException.class).hasMessageMatching("(?s).*(bids|asks)\\[\\d+\\].*");
    }
}
