package io.exchangebus.streams.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the dashboard keeps and pushes: latest per key for states, the last few for events, coalesced per push. */
class DashboardStateTest {
    private final DashboardState state = new DashboardState(3);

    @Test
    void shouldPushOnlyTheLatestValueOfAKeyThatChangedManyTimesBetweenTwoPushes() {
        state.apply(FeedKind.BOOK, "binance-spot:BTCUSDT", "{\"sequence\":1}");
        state.apply(FeedKind.BOOK, "binance-usdm:BTCUSDT", "{\"sequence\":7}");
        state.apply(FeedKind.BOOK, "binance-spot:BTCUSDT", "{\"sequence\":2}");
        state.apply(FeedKind.BOOK, "binance-spot:BTCUSDT", "{\"sequence\":3}");

        assertThat(state.drainChanges()).containsExactly(
                new FeedItem(FeedKind.BOOK, "binance-usdm:BTCUSDT", "{\"sequence\":7}"),
                new FeedItem(FeedKind.BOOK, "binance-spot:BTCUSDT", "{\"sequence\":3}"));
        assertThat(state.hasChanges()).isFalse();
        assertThat(state.drainChanges()).isEmpty();
    }

    @Test
    void shouldKeepTheSameKeyOfDifferentKindsApart() {
        state.apply(FeedKind.POSITION, "binance-usdm:main:BTC-USDT-PERP", "{\"quantity\":\"0.015\"}");
        state.apply(FeedKind.BALANCE, "binance-usdm:main:BTC-USDT-PERP", "{\"total\":\"1\"}");

        assertThat(state.snapshot()).extracting(FeedItem::kind).containsExactly(FeedKind.POSITION, FeedKind.BALANCE);
    }

    @Test
    void shouldKeepOnlyTheLastRecentTradesOfEachBook() {
        for (int i = 1; i <= 5; i++) {
            state.apply(FeedKind.TRADE, "binance-spot:BTCUSDT", "{\"tradeId\":\"" + i + "\"}");
        }
        state.apply(FeedKind.TRADE, "binance-spot:ETHUSDT", "{\"tradeId\":\"e1\"}");

        assertThat(state.snapshot()).extracting(FeedItem::json).containsExactly(
                "{\"tradeId\":\"3\"}", "{\"tradeId\":\"4\"}", "{\"tradeId\":\"5\"}", "{\"tradeId\":\"e1\"}");
        assertThat(state.drainChanges()).as("at most `recent` pending per list: a client keeps no more")
                .extracting(FeedItem::json).containsExactly(
                "{\"tradeId\":\"3\"}", "{\"tradeId\":\"4\"}", "{\"tradeId\":\"5\"}", "{\"tradeId\":\"e1\"}");
    }

    @Test
    void shouldKeepTheLastRecentAcksAcrossAccounts() {
        state.apply(FeedKind.ACK, "binance-spot:main", "{\"clientOrderId\":\"a\"}");
        state.apply(FeedKind.ACK, "binance-usdm:hedge", "{\"clientOrderId\":\"b\"}");
        state.apply(FeedKind.ACK, "binance-spot:main", "{\"clientOrderId\":\"c\"}");
        state.apply(FeedKind.ACK, "binance-usdm:hedge", "{\"clientOrderId\":\"d\"}");

        assertThat(state.snapshot()).extracting(FeedItem::json).containsExactly(
                "{\"clientOrderId\":\"b\"}", "{\"clientOrderId\":\"c\"}", "{\"clientOrderId\":\"d\"}");
    }

    @Test
    void shouldGiveAJoiningClientEverythingShownNowWithTheChangesNotYetPushed() {
        state.apply(FeedKind.BBO, "BTC-USDT", "{\"v\":1}");
        state.drainChanges();
        state.apply(FeedKind.BBO, "BTC-USDT", "{\"v\":2}");
        state.apply(FeedKind.ORDER_UPDATE, "binance-spot:main", "{\"status\":\"NEW\"}");

        DashboardState.Batch batch = state.drain(true);

        assertThat(batch.snapshot()).containsExactly(new FeedItem(FeedKind.BBO, "BTC-USDT", "{\"v\":2}"),
                new FeedItem(FeedKind.ORDER_UPDATE, "binance-spot:main", "{\"status\":\"NEW\"}"));
        assertThat(batch.changes()).isEqualTo(batch.snapshot());
        assertThat(state.hasChanges()).isFalse();
        assertThat(state.drain(false).snapshot()).as("no snapshot when nobody joins").isEmpty();
    }

    @Test
    void shouldForgetADeletedStateAndPushTheDeletion() {
        state.apply(FeedKind.POSITION, "binance-usdm:main:BTC-USDT-PERP", "{\"quantity\":\"0\"}");
        state.drainChanges();

        state.apply(FeedKind.POSITION, "binance-usdm:main:BTC-USDT-PERP", null);
        state.apply(FeedKind.POSITION, "binance-usdm:main:NEVER-SEEN", null);

        assertThat(state.drainChanges()).containsExactly(
                new FeedItem(FeedKind.POSITION, "binance-usdm:main:BTC-USDT-PERP", null));
        assertThat(state.snapshot()).isEmpty();
    }

    @Test
    void shouldMakeJsonOnlyOfWhatIsSentOnceEvenWhenSentTwice() {
        java.util.concurrent.atomic.AtomicInteger made = new java.util.concurrent.atomic.AtomicInteger();
        for (int v = 1; v <= 100; v++) {
            String json = "{\"v\":" + v + "}";
            state.applyValue(FeedKind.BOOK, "binance-spot:BTCUSDT", FeedValue.lazy(() -> {
                made.incrementAndGet();
                return json;
            }));
        }
        state.discardChanges();
        assertThat(made.get()).as("replaced, or dropped while nobody watches: never made JSON").isZero();

        state.applyValue(FeedKind.TRADE, "binance-spot:BTCUSDT", FeedValue.lazy(() -> {
            made.incrementAndGet();
            return "{\"tradeId\":\"t\"}";
        }));
        DashboardState.Batch batch = state.drain(true);

        assertThat(batch.changes()).extracting(FeedItem::json).containsExactly("{\"tradeId\":\"t\"}");
        assertThat(batch.snapshot()).extracting(FeedItem::json).containsExactly("{\"v\":100}", "{\"tradeId\":\"t\"}");
        assertThat(made.get()).as("the book's latest view and the trade, each once").isEqualTo(2);
    }

    @Test
    void shouldTurnARecordIntoTheJsonAvroJsonMakesWhenSentAndATombstoneIntoADeletion() {
        org.apache.avro.Schema schema = org.apache.avro.SchemaBuilder.record("Quote").fields()
                .requiredString("symbol").requiredLong("sequence").endRecord();
        org.apache.avro.generic.GenericData.Record quote = new org.apache.avro.generic.GenericData.Record(schema);
        quote.put("symbol", "BTC-USDT");
        quote.put("sequence", 7L);
        state.applyRecord(FeedKind.BBO, "BTC-USDT", quote);

        assertThat(state.drainChanges()).extracting(FeedItem::json)
                .containsExactly(io.exchangebus.avro.json.AvroJson.toJson(quote));
        state.applyRecord(FeedKind.BBO, "BTC-USDT", null);
        assertThat(state.drainChanges()).containsExactly(new FeedItem(FeedKind.BBO, "BTC-USDT", null));
    }

    @Test
    void shouldIgnoreAnEventWithoutValue() {
        state.apply(FeedKind.TRADE, "binance-spot:BTCUSDT", null);

        assertThat(state.hasChanges()).isFalse();
        assertThat(state.snapshot()).isEqualTo(List.of());
    }

    @Test
    void shouldRefuseToKeepNoEvents() {
        assertThatThrownBy(() -> new DashboardState(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
