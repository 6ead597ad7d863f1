package io.exchangebus.connectors.grvt;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.book.BookDiff;
import io.exchangebus.connectors.core.book.BookMessage;
import io.exchangebus.connectors.core.book.Level;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.number.ExactNumbers;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Subscriber;
import io.exchangebus.connectors.grvt.ws.GrvtChannel;
import io.exchangebus.connectors.grvt.ws.GrvtFeedHandler;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.Trade;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GrvtMarketFramesTest {

    private static final GrvtChannel BOOK = new GrvtChannel("v1.book.d", "BTC_USDT_Perp@100");
    private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");
    private static final String DELTA = "{\"stream\":\"v1.book.d\",\"selector\":\"BTC_USDT_Perp@100\","
            + "\"sequence_number\":\"3\",\"feed\":{\"event_time\":\"1697788800000000000\","
            + "\"instrument\":\"BTC_USDT_Perp\",\"bids\":[{\"price\":\"65038.01\",\"size\":\"1.5\",\"num_orders\":3}],"
            + "\"asks\":[{\"price\":\"65040.0\",\"size\":\"0\",\"num_orders\":0}]},\"prev_sequence_number\":\"2\"}";

    private final List<String> raw = new ArrayList<>();
    private final List<MalformedFrame> malformed = new ArrayList<>();
    private boolean takesRaw = true;
    private final GrvtMarketFrames frames = new GrvtMarketFrames(() -> new Subscriber.Listener() {
        @Override
        public void onBookUpdate(BookUpdate update) {
        }

        @Override
        public void onTrade(Trade trade) {
        }

        @Override
        public void onMalformedFrame(MalformedFrame frame) {
            malformed.add(frame);
        }

        @Override
        public void onRawFrame(String channel, String symbol, String payload, Instant receiveTime) {
            raw.add(channel + " " + symbol + " " + payload.length());
        }

        @Override
        public boolean takesRawFrames() {
            return takesRaw;
        }

        @Override
        public void onConnectionEvent(ConnectionEvent event) {
        }
    });

    @Test
    void shouldMapACompactFrameFromItsTextToTheEventTheTreeGivesWithTheSameRawFrame() throws Exception {
        Optional<Object> fromText = frames.mapText(BOOK, DELTA, AT);
        Optional<Object> fromTree = frames.map(BOOK, ExactNumbers.exactMapper().readTree(DELTA), DELTA, AT);

        assertThat(fromText).isPresent().isEqualTo(fromTree);
        BookUpdate book = (BookUpdate) fromText.get();
        assertThat(book.getSequence()).isEqualTo(3L);
        assertThat(book.getBids().get(0).getPrice()).isEqualByComparingTo("65038.01");
        assertThat(raw).containsExactly("v1.book.d BTC_USDT_Perp " + DELTA.length(),
                "v1.book.d BTC_USDT_Perp " + DELTA.length());
        assertThat(malformed).isEmpty();
    }

    @Test
    void shouldReportARefusedFrameWithItsTextAndInstrumentAndNoEvent() {
        String bad = DELTA.replace("\"65038.01\"", "\"65O38.01\"");

        assertThat(frames.mapText(BOOK, bad, AT)).isEmpty();
        assertThat(malformed).singleElement().satisfies(m -> {
            assertThat(m.payload()).isEqualTo(bad);
            assertThat(m.channel()).isEqualTo("v1.book.d");
            assertThat(m.reason()).isNotBlank();
        });
        assertThat(raw).containsExactly("v1.book.d BTC_USDT_Perp " + bad.length());
    }

    @Test
    void shouldMakeNoRawFrameForAListenerThatTakesNone() {
        takesRaw = false;

        assertThat(frames.mapText(BOOK, DELTA, AT)).isPresent();
        assertThat(raw).isEmpty();
    }

    @Test
    void shouldRouteACompactFeedFrameByItsFirstMembersAndLeaveAnythingElseToTheTree() {
        assertThat(GrvtChannel.routeKey(DELTA)).isEqualTo(BOOK.key());
        assertThat(GrvtChannel.routeKey("{\"stream\":\"v1.trade\",\"selector\":\"ETH_USDT_Perp\",\"feed\":{}}"))
                .isEqualTo(new GrvtChannel("v1.trade", "ETH_USDT_Perp@500").key());
        assertThat(GrvtChannel.routeKey("{\"s\":\"v1.book.d\",\"s1\":\"BTC_USDT_Perp@100\"}")).as("lite").isNull();
        assertThat(GrvtChannel.routeKey("{ \"stream\":\"v1.book.d\",\"selector\":\"BTC_USDT_Perp@100\"}")).isNull();
        assertThat(GrvtChannel.routeKey("{\"stream\":\"v1.book.d\",\"selector\":\"BTC\\\"x@100\"}")).as("escape")
                .isNull();
        assertThat(GrvtChannel.routeKey("{\"jsonrpc\":\"2.0\",\"result\":{},\"id\":1}")).isNull();
        assertThat(GrvtChannel.routeKey("{\"stream\":\"v1.book.d\"}")).isNull();
    }

    @Test
    void shouldHandTheFullBookEachFrameAsTheBooksMessageFromBytesTextOrTreeAndReportARefusedOne() throws Exception {
        List<BookMessage> messages = new ArrayList<>();
        GrvtFeedHandler book = frames.book(BOOK, "BTC_USDT_Perp", (m, at) -> messages.add(m));
        String bad = DELTA.replace("\"65038.01\"", "\"65O38.01\"");

        book.onFeedBytes(DELTA.getBytes(StandardCharsets.UTF_8), AT);
        book.onFeedText(DELTA, AT);
        book.onFeed(ExactNumbers.exactMapper().readTree(DELTA), DELTA, AT);
        takesRaw = false;
        book.onFeedBytes(bad.getBytes(StandardCharsets.UTF_8), AT);

        assertThat(messages).hasSize(3).allSatisfy(m -> assertThat(m).isInstanceOfSatisfying(BookDiff.class, d -> {
            assertThat(d.lastUpdateId()).isEqualTo(3L);
            assertThat(d.previousUpdateId()).isEqualTo(2L);
            assertThat(d.bids()).containsExactly(Level.of("65038.01", "1.5"));
        }));
        assertThat(raw).containsExactly("v1.book.d BTC_USDT_Perp " + DELTA.length(),
                "v1.book.d BTC_USDT_Perp " + DELTA.length(), "v1.book.d BTC_USDT_Perp " + DELTA.length());
        assertThat(malformed).singleElement().satisfies(m -> {
            assertThat(m.payload()).isEqualTo(bad);
            assertThat(m.channel()).isEqualTo("v1.book.d");
            assertThat(m.reason()).contains("65O38.01");
        });
    }

    @Test
    void shouldMapAFramesBytesToTheEventItsTextGivesWithTheSameRawFrame() {
        Optional<Object> fromBytes = frames.mapBytes(BOOK, DELTA.getBytes(StandardCharsets.UTF_8), AT);
        Optional<Object> fromText = frames.mapText(BOOK, DELTA, AT);

        assertThat(fromBytes).isPresent().isEqualTo(fromText);
        assertThat(fromBytes.get().toString()).isEqualTo(fromText.get().toString());
        assertThat(raw).containsExactly("v1.book.d BTC_USDT_Perp " + DELTA.length(),
                "v1.book.d BTC_USDT_Perp " + DELTA.length());
        assertThat(malformed).isEmpty();
    }

    @Test
    void shouldReportAFrameRefusedFromItsBytesWithItsTextAndInstrument() {
        String bad = DELTA.replace("\"65038.01\"", "\"65O38.01\"");
        takesRaw = false;

        assertThat(frames.mapBytes(BOOK, bad.getBytes(StandardCharsets.UTF_8), AT)).isEmpty();
        assertThat(malformed).singleElement().satisfies(m -> {
            assertThat(m.payload()).isEqualTo(bad);
            assertThat(m.channel()).isEqualTo("v1.book.d");
            assertThat(m.reason()).isNotBlank();
        });
        assertThat(raw).as("no raw frame for a listener that takes none").isEmpty();
        takesRaw = true;
        assertThat(frames.mapBytes(BOOK, bad.getBytes(StandardCharsets.UTF_8), AT)).isEmpty();
        assertThat(raw).containsExactly("v1.book.d BTC_USDT_Perp " + bad.length());
    }

    @Test
    void shouldRouteAFramesBytesAsItsTextAndLeaveANonAsciiSelectorToTheText() {
        for (String frame : List.of(DELTA, "{\"stream\":\"v1.trade\",\"selector\":\"ETH_USDT_Perp\",\"feed\":{}}",
                "{\"s\":\"v1.book.d\",\"s1\":\"BTC_USDT_Perp@100\"}",
                "{ \"stream\":\"v1.book.d\",\"selector\":\"BTC_USDT_Perp@100\"}",
                "{\"stream\":\"v1.book.d\",\"selector\":\"BTC\\\"x@100\"}", "{\"jsonrpc\":\"2.0\",\"result\":{},\"id\":1}",
                "{\"stream\":\"v1.book.d\"}")) {
            assertThat(GrvtChannel.routeKey(frame.getBytes(StandardCharsets.UTF_8))).as(frame)
                    .isEqualTo(GrvtChannel.routeKey(frame));
        }
        String nonAscii = DELTA.replace("BTC_USDT_Perp@100", "BTC_USDT_Pérp@100");
        assertThat(GrvtChannel.routeKey(nonAscii)).isEqualTo("v1.book.d|BTC_USDT_Pérp");
        assertThat(GrvtChannel.routeKey(nonAscii.getBytes(StandardCharsets.UTF_8))).isNull();
    }
}
