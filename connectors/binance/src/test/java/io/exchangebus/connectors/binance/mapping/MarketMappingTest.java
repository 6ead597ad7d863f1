package io.exchangebus.connectors.binance.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.binance.mapping.MarketMapping.DepthDiff;
import io.exchangebus.connectors.binance.mapping.MarketMapping.Message;
import io.exchangebus.connectors.binance.mapping.MarketMapping.PartialDepth;
import io.exchangebus.connectors.binance.mapping.MarketMapping.Reply;
import io.exchangebus.connectors.binance.mapping.MarketMapping.TradeTick;
import io.exchangebus.connectors.core.number.ExactNumbers;
import io.exchangebus.connectors.core.book.BookDiff;
import io.exchangebus.connectors.core.book.BookSnapshot;
import io.exchangebus.connectors.core.book.Level;
import io.exchangebus.connectors.core.testing.Fixtures;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.Side;
import io.exchangebus.events.Trade;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every market-data fixture line a Subscriber consumes maps to the right event, field by field with exact values;
 * lines of other stream types are refused with a stated reason.
 */
class MarketMappingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant RECEIVED = Instant.parse("2026-01-02T03:04:05.123456Z");
    private static final Function<String, String> IDS = Map.of("BNBBTC", "BNB-BTC", "BTCUSDT", "BTC-USDT-PERP",
            "ETHBTC", "ETH-BTC")::get;

    // ---- fixture access ----

    private static List<JsonNode> lines(String file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(Fixtures.path("binance/" + file))) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    /** The frame as the exchange sends it: the raw text, or (docs with // comments) the parsed message. */
    private static String frame(JsonNode line) throws IOException {
        if (line.has("raw")) {
            try {
                JSON.readTree(line.get("raw").asText());
                return line.get("raw").asText();
            } catch (IOException commented) {
                // docs samples carry // comments; the fixture's parsed message is the frame without them
            }
        }
        return JSON.writeValueAsString(line.get("message"));
    }

    private static String section(String file, String section) throws IOException {
        return frame(lines(file).stream().filter(l -> l.path("section").asText().equals(section)).findFirst()
                .orElseThrow(() -> new AssertionError("no fixture section " + section + " in " + file)));
    }

    private static String envelope(String stream, String data) {
        return "{\"stream\":\"" + stream + "\",\"data\":" + data + "}";
    }

    private static List<Level> levels(String... priceQty) {
        List<Level> out = new ArrayList<>();
        for (int i = 0; i < priceQty.length; i += 2) {
            out.add(Level.of(priceQty[i], priceQty[i + 1]));
        }
        return out;
    }

    private static BigDecimal scaled(String value) {
        return new BigDecimal(value).setScale(18);
    }

    // ---- spot docs ----

    @Test
    void shouldRefuseAReplyWithANumberOutOfRangeFromTextAndBytes() {
        String frame = "{\"id\":1,\"x\":17e4192620419}";
        byte[] utf8 = frame.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> MarketMapping.parse(BinanceVenue.SPOT, frame))
                .isInstanceOf(UnmappableMessageException.class).hasMessageStartingWith("not valid JSON");
        assertThatThrownBy(() -> MarketMapping.parse(BinanceVenue.SPOT, utf8, 0, utf8.length))
                .isInstanceOf(UnmappableMessageException.class).hasMessageStartingWith("not valid JSON");
    }

    @Test
    void shouldMapTheSpotDiffDepthEventWithItsUpdateIds() throws IOException {
        String frame = section("spot_ws_market_streams.docs.jsonl", "Diff. Depth Stream");

        DepthDiff d = (DepthDiff) MarketMapping.parse(BinanceVenue.SPOT, envelope("bnbbtc@depth@100ms", frame));

        assertThat(d.stream()).isEqualTo("bnbbtc@depth@100ms");
        assertThat(d.symbol()).isEqualTo("BNBBTC");
        BookDiff diff = d.diff();
        assertThat(diff.firstUpdateId()).isEqualTo(157);
        assertThat(diff.lastUpdateId()).isEqualTo(160);
        assertThat(diff.hasPreviousUpdateId()).isFalse();
        assertThat(diff.bids()).containsExactly(Level.of("0.0024", "10"));
        assertThat(diff.asks()).containsExactly(Level.of("0.0026", "100"));
        assertThat(diff.bids().get(0).price()).isEqualByComparingTo("0.0024").hasToString("0.0024");
        assertThat(diff.exchangeTime()).isEqualTo(Instant.ofEpochMilli(1672515782136L));

        List<Object> events = MarketMapping.normalize(BinanceVenue.SPOT, frame, RECEIVED, IDS);
        BookUpdate u = (BookUpdate) events.get(0);
        assertThat(u.getExchange()).isEqualTo("binance-spot");
        assertThat(u.getSymbol()).isEqualTo("BNBBTC");
        assertThat(u.getInstrumentId()).isEqualTo("BNB-BTC");
        assertThat(u.getKind()).isEqualTo(BookUpdateKind.DELTA);
        assertThat(u.getDepth()).isZero();
        assertThat(u.getSequence()).isEqualTo(160);
        assertThat(u.getPreviousSequence()).isNull();
        assertThat(u.getFirstSequence()).as("U of the frame").isEqualTo(157);
        assertThat(u.getBids().get(0).getPrice()).isEqualByComparingTo(scaled("0.0024"));
        assertThat(u.getBids().get(0).getQuantity()).isEqualByComparingTo(scaled("10"));
        assertThat(u.getAsks().get(0).getPrice()).isEqualByComparingTo(scaled("0.0026"));
        assertThat(u.getAsks().get(0).getQuantity()).isEqualByComparingTo(scaled("100"));
        assertThat(u.getExchangeTime()).isEqualTo(Instant.ofEpochMilli(1672515782136L));
        assertThat(u.getReceiveTime()).isEqualTo(RECEIVED);
    }

    @Test
    void shouldMapTheSpotPartialDepthWithTheSymbolOfItsStreamName() throws IOException {
        String frame = section("spot_ws_market_streams.docs.jsonl", "Partial Book Depth Streams");

        PartialDepth p = (PartialDepth) MarketMapping.parse(BinanceVenue.SPOT,
                envelope("bnbbtc@depth5@100ms", frame));

        assertThat(p.symbol()).isEqualTo("BNBBTC");
        assertThat(p.depth()).isEqualTo(5);
        BookSnapshot s = p.snapshot();
        assertThat(s.lastUpdateId()).isEqualTo(160);
        assertThat(s.bids()).containsExactly(Level.of("0.0024", "10"));
        assertThat(s.asks()).containsExactly(Level.of("0.0026", "100"));
        assertThat(s.exchangeTime()).isNull();

        BookUpdate u = (BookUpdate) MarketMapping.normalize(BinanceVenue.SPOT, envelope("bnbbtc@depth5@100ms", frame),
                RECEIVED, IDS).get(0);
        assertThat(u.getKind()).isEqualTo(BookUpdateKind.SNAPSHOT);
        assertThat(u.getDepth()).isEqualTo(5);
        assertThat(u.getSequence()).isEqualTo(160);
        assertThat(u.getResync()).isFalse();
        assertThat(u.getExchangeTime()).isNull();
        assertThat(u.getBids().get(0).getQuantity()).isEqualByComparingTo(scaled("10"));
    }

    @Test
    void shouldRefuseASpotPartialDepthWithoutItsStreamName() throws IOException {
        String frame = section("spot_ws_market_streams.docs.jsonl", "Partial Book Depth Streams");

        assertThatThrownBy(() -> MarketMapping.parse(BinanceVenue.SPOT, frame))
                .isInstanceOf(UnmappableMessageException.class).hasMessageContaining("carries no symbol");
    }

    @Test
    void shouldMapTheSpotTradeWithTheTakerSellingWhenTheBuyerIsTheMaker() throws IOException {
        String frame = section("spot_ws_market_streams.docs.jsonl", "Trade Streams");

        TradeTick t = (TradeTick) MarketMapping.parse(BinanceVenue.SPOT, frame);
        assertThat(t.tradeId()).isEqualTo("12345");
        assertThat(t.aggressorSide()).isEqualTo(Side.SELL);

        Trade trade = (Trade) MarketMapping.normalize(BinanceVenue.SPOT, frame, RECEIVED, IDS).get(0);
        assertThat(trade.getExchange()).isEqualTo("binance-spot");
        assertThat(trade.getSymbol()).isEqualTo("BNBBTC");
        assertThat(trade.getInstrumentId()).isEqualTo("BNB-BTC");
        assertThat(trade.getTradeId()).isEqualTo("12345");
        assertThat(trade.getPrice()).isEqualByComparingTo(scaled("0.001"));
        assertThat(trade.getQuantity()).isEqualByComparingTo(scaled("100"));
        assertThat(trade.getAggressorSide()).isEqualTo(Side.SELL);
        assertThat(trade.getExchangeTime()).isEqualTo(Instant.ofEpochMilli(1672515782136L));
        assertThat(trade.getReceiveTime()).isEqualTo(RECEIVED);
    }

    @Test
    void shouldMapTheSpotAggTradeWithItsAggregateId() throws IOException {
        String frame = section("spot_ws_market_streams.docs.jsonl", "Aggregate Trade Streams");

        Trade trade = (Trade) MarketMapping.normalize(BinanceVenue.SPOT, frame, RECEIVED, IDS).get(0);
        assertThat(trade.getTradeId()).isEqualTo("12345");
        assertThat(trade.getPrice()).isEqualByComparingTo(scaled("0.001"));
        assertThat(trade.getQuantity()).isEqualByComparingTo(scaled("100"));
        assertThat(trade.getAggressorSide()).isEqualTo(Side.SELL);
        assertThat(trade.getExchangeTime()).isEqualTo(Instant.ofEpochMilli(1672515782136L));
    }

    @Test
    void shouldMapAFalseBuyerMakerToATakerBuy() throws IOException {
        String frame = section("spot_ws_market_streams.docs.jsonl", "Trade Streams").replace("\"m\": true",
                "\"m\": false").replace("\"m\":true", "\"m\":false");

        assertThat(((TradeTick) MarketMapping.parse(BinanceVenue.SPOT, frame)).aggressorSide()).isEqualTo(Side.BUY);
    }

    @Test
    void shouldMapSubscriptionAnswers() throws IOException {
        List<JsonNode> all = lines("spot_ws_market_streams.docs.jsonl");
        String ok = frame(all.stream().filter(l -> l.path("section").asText().endsWith("Subscribe to a stream")
                && l.path("raw").asText().contains("result")).findFirst().orElseThrow());

        Reply r = (Reply) MarketMapping.parse(BinanceVenue.SPOT, ok);
        assertThat(r.id()).isEqualTo(1);
        assertThat(r.error()).isNull();

        Reply err = (Reply) MarketMapping.parse(BinanceVenue.SPOT,
                "{\"error\":{\"code\":2,\"msg\":\"Invalid request: unknown stream\"},\"id\":7}");
        assertThat(err.id()).isEqualTo(7);
        assertThat(err.error()).isEqualTo("2 Invalid request: unknown stream");
    }

    // ---- USD-M docs ----

    @Test
    void shouldMapTheUsdmDiffDepthEventWithPuAndTransactionTime() throws IOException {
        String frame = section("usdm_ws_market_streams.docs.jsonl", "Diff. Book Depth Streams > Response Example");

        DepthDiff d = (DepthDiff) MarketMapping.parse(BinanceVenue.USDM, frame);

        assertThat(d.stream()).isNull();
        assertThat(d.symbol()).isEqualTo("BTCUSDT");
        assertThat(d.diff().firstUpdateId()).isEqualTo(157);
        assertThat(d.diff().lastUpdateId()).isEqualTo(160);
        assertThat(d.diff().previousUpdateId()).isEqualTo(149);
        assertThat(d.diff().bids()).containsExactly(Level.of("0.0024", "10"));
        assertThat(d.diff().asks()).containsExactly(Level.of("0.0026", "100"));
        assertThat(d.diff().exchangeTime()).isEqualTo(Instant.ofEpochMilli(123456788L));

        BookUpdate u = (BookUpdate) MarketMapping.normalize(BinanceVenue.USDM, frame, RECEIVED, IDS).get(0);
        assertThat(u.getExchange()).isEqualTo("binance-usdm");
        assertThat(u.getInstrumentId()).isEqualTo("BTC-USDT-PERP");
        assertThat(u.getKind()).isEqualTo(BookUpdateKind.DELTA);
        assertThat(u.getSequence()).isEqualTo(160);
        assertThat(u.getPreviousSequence()).isEqualTo(149);
        assertThat(u.getFirstSequence()).as("U of the frame").isEqualTo(157);
        assertThat(u.getExchangeTime()).isEqualTo(Instant.ofEpochMilli(123456788L));
    }

    @Test
    void shouldRefuseAUsdmDiffWithoutPu() throws IOException {
        String frame = section("spot_ws_market_streams.docs.jsonl", "Diff. Depth Stream");

        assertThatThrownBy(() -> MarketMapping.parse(BinanceVenue.USDM, frame))
                .isInstanceOf(UnmappableMessageException.class).hasMessage("field 'pu' is missing");
    }

    @Test
    void shouldMapTheUsdmPartialDepthOnItsStreamAsASnapshotAtU() throws IOException {
        String frame = section("usdm_ws_market_streams.docs.jsonl", "Partial Book Depth Streams > Response Example");

        PartialDepth p = (PartialDepth) MarketMapping.parse(BinanceVenue.USDM, envelope("btcusdt@depth5@100ms", frame));

        assertThat(p.symbol()).isEqualTo("BTCUSDT");
        assertThat(p.depth()).isEqualTo(5);
        assertThat(p.snapshot().lastUpdateId()).isEqualTo(390497878L);
        assertThat(p.snapshot().exchangeTime()).isEqualTo(Instant.ofEpochMilli(1571889248276L));
        assertThat(p.snapshot().bids()).containsExactlyElementsOf(levels("7403.89", "0.002", "7403.90", "3.906",
                "7404.00", "1.428", "7404.85", "5.239", "7405.43", "2.562"));
        assertThat(p.snapshot().asks()).containsExactlyElementsOf(levels("7405.96", "3.340", "7406.63", "4.525",
                "7407.08", "2.475", "7407.15", "4.800", "7407.20", "0.175"));

        BookUpdate u = (BookUpdate) MarketMapping.normalize(BinanceVenue.USDM, envelope("btcusdt@depth5", frame),
                RECEIVED, IDS).get(0);
        assertThat(u.getKind()).isEqualTo(BookUpdateKind.SNAPSHOT);
        assertThat(u.getDepth()).isEqualTo(5);
        assertThat(u.getSequence()).isEqualTo(390497878L);
        // best first: the docs list bids upwards, the event lists them best (highest) first
        assertThat(u.getBids().get(0).getPrice()).isEqualByComparingTo(scaled("7405.43"));
        assertThat(u.getBids().get(4).getPrice()).isEqualByComparingTo(scaled("7403.89"));
        assertThat(u.getAsks().get(0).getPrice()).isEqualByComparingTo(scaled("7405.96"));
        assertThat(u.getAsks().get(0).getQuantity()).isEqualByComparingTo(scaled("3.340"));
    }

    @Test
    void shouldMapTheUsdmAggTrade() throws IOException {
        String frame = section("usdm_ws_market_streams.docs.jsonl", "Aggregate Trade Streams > Response Example");

        Trade trade = (Trade) MarketMapping.normalize(BinanceVenue.USDM, envelope("btcusdt@aggTrade", frame),
                RECEIVED, IDS).get(0);

        assertThat(trade.getExchange()).isEqualTo("binance-usdm");
        assertThat(trade.getSymbol()).isEqualTo("BTCUSDT");
        assertThat(trade.getInstrumentId()).isEqualTo("BTC-USDT-PERP");
        assertThat(trade.getTradeId()).isEqualTo("5933014");
        assertThat(trade.getPrice()).isEqualByComparingTo(scaled("0.001"));
        assertThat(trade.getQuantity()).isEqualByComparingTo(scaled("100"));
        assertThat(trade.getAggressorSide()).isEqualTo(Side.SELL);
        assertThat(trade.getExchangeTime()).isEqualTo(Instant.ofEpochMilli(123456785L));
    }

    // ---- every other line of the stream docs is refused with a reason ----

    @Test
    void shouldRefuseEveryOtherStreamTypeOfTheDocsWithAReason() throws IOException {
        List<String> accepted = new ArrayList<>();
        int refused = 0;
        for (String file : List.of("spot_ws_market_streams.docs.jsonl", "usdm_ws_market_streams.docs.jsonl")) {
            BinanceVenue venue = file.startsWith("spot") ? BinanceVenue.SPOT : BinanceVenue.USDM;
            for (JsonNode line : lines(file)) {
                String section = line.path("section").asText();
                String frame = frame(line);
                boolean consumed = section.startsWith("Diff. ") || section.startsWith("Trade Streams")
                        || section.startsWith("Aggregate Trade") || section.startsWith("Partial Book Depth");
                if (consumed) {
                    continue;
                }
                try {
                    Message m = MarketMapping.parse(venue, frame);
                    if (!(m instanceof Reply && section.startsWith("Live Subscribing"))) {
                        accepted.add(file + ": " + section + ": " + m);
                    }
                } catch (UnmappableMessageException e) {
                    assertThat(e.getMessage()).isNotBlank();
                    refused++;
                }
            }
        }
        assertThat(accepted).isEmpty();
        assertThat(refused).isGreaterThan(40);
    }

    @Test
    void shouldNameTheUnsupportedEventType() throws IOException {
        String kline = section("spot_ws_market_streams.docs.jsonl", "Kline/Candlestick Streams for UTC");

        assertThatThrownBy(() -> MarketMapping.parse(BinanceVenue.SPOT, envelope("bnbbtc@kline_1m", kline)))
                .isInstanceOf(UnmappableMessageException.class)
                .hasMessageContaining("unsupported event type 'kline' on stream bnbbtc@kline_1m");
        String bookTicker = section("spot_ws_market_streams.docs.jsonl", "Individual Symbol Book Ticker Streams");
        assertThatThrownBy(() -> MarketMapping.parse(BinanceVenue.SPOT, bookTicker))
                .isInstanceOf(UnmappableMessageException.class).hasMessageContaining("no event type 'e'");
        String all = section("spot_ws_market_streams.docs.jsonl", "All Market Mini Tickers Stream");
        assertThatThrownBy(() -> MarketMapping.parse(BinanceVenue.SPOT, all))
                .isInstanceOf(UnmappableMessageException.class).hasMessageContaining("array of events");
    }

    @Test
    void shouldRefuseMalformedFramesWithAReason() {
        assertThatThrownBy(() -> MarketMapping.parse(BinanceVenue.SPOT, "{\"e\":\"depthUpdate\",\"s\":\"X\""))
                .isInstanceOf(UnmappableMessageException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> MarketMapping.parse(BinanceVenue.SPOT,
                "{\"e\":\"trade\",\"s\":\"BNBBTC\",\"t\":1,\"p\":\"abc\",\"q\":\"1\",\"T\":1,\"m\":true}"))
                .isInstanceOf(UnmappableMessageException.class).hasMessage("field 'p' is not a decimal: abc");
        assertThatThrownBy(() -> MarketMapping.parse(BinanceVenue.SPOT,
                "{\"e\":\"trade\",\"s\":\"BNBBTC\",\"t\":1,\"p\":\"1\",\"q\":\"1\",\"T\":1}"))
                .isInstanceOf(UnmappableMessageException.class).hasMessage("field 'm' is missing");
        assertThatThrownBy(() -> MarketMapping.parse(BinanceVenue.SPOT,
                "{\"e\":\"depthUpdate\",\"s\":\"BNBBTC\",\"U\":1,\"u\":2,\"b\":[[\"1\"]],\"a\":[]}"))
                .isInstanceOf(UnmappableMessageException.class)
                .hasMessage("field 'b[0].quantity' is not a decimal: END_ARRAY");
        String trade = "{\"e\":\"trade\",\"s\":\"BNBBTC\",\"t\":1,\"p\":\"1\",\"q\":\"1\",\"T\":1,\"m\":true}";
        assertThatThrownBy(() -> MarketMapping.parse(BinanceVenue.SPOT,
                "{\"stream\":\"bnbbtc@trade\",\"data\":" + trade + ",\"x\":1}"))
                .isInstanceOf(UnmappableMessageException.class).hasMessage("unexpected content after the event");
        assertThatThrownBy(() -> MarketMapping.parse(BinanceVenue.SPOT, trade + "{"))
                .isInstanceOf(UnmappableMessageException.class);
        String full = "{\"stream\":\"bnbbtc@trade\",\"data\":" + trade + "}";
        assertThatThrownBy(() -> MarketMapping.parse(BinanceVenue.SPOT, full.substring(0, full.length() / 2) + "}\u0001{"))
                .isInstanceOf(UnmappableMessageException.class).hasMessageStartingWith("not valid JSON");
        assertThatThrownBy(() -> MarketMapping.parse(BinanceVenue.SPOT,
                "{\"e\":\"depthUpdate\",\"s\":\"BNBBTC\",\"U\":\"1\",\"u\":2,\"b\":[],\"a\":[]}"))
                .isInstanceOf(UnmappableMessageException.class)
                .hasMessage("field 'U' is not an integer: VALUE_STRING");
        assertThatThrownBy(() -> MarketMapping.parse(BinanceVenue.SPOT, "not json"))
                .isInstanceOf(UnmappableMessageException.class).hasMessageContaining("not valid JSON");
    }

    // ---- gocryptotrader recordings ----

    @Test
    void shouldMapTheGocryptotraderCombinedStreamFramesAndRefuseTheOthers() throws IOException {
        List<JsonNode> all = lines("ws_messages.gocryptotrader.jsonl");
        int mapped = 0;
        for (JsonNode line : all) {
            String raw = line.get("raw").asText();
            String stream = line.path("message").path("stream").asText();
            if (stream.endsWith("@trade")) {
                TradeTick t = (TradeTick) MarketMapping.parse(BinanceVenue.SPOT, raw);
                assertThat(t.stream()).isEqualTo("BNBBTC@trade");
                assertThat(t.symbol()).isEqualTo("BNBBTC");
                assertThat(t.tradeId()).isEqualTo("12345");
                assertThat(t.price()).hasToString("0.001");
                assertThat(t.quantity()).hasToString("100");
                assertThat(t.aggressorSide()).isEqualTo(Side.SELL);
                assertThat(t.tradeTimeMillis()).isEqualTo(123456785L);
                mapped++;
            } else if (stream.endsWith("@depth")) {
                DepthDiff d = (DepthDiff) MarketMapping.parse(BinanceVenue.SPOT, raw);
                assertThat(d.symbol()).isEqualTo("BNBBTC");
                assertThat(d.diff().firstUpdateId()).isEqualTo(157);
                assertThat(d.diff().lastUpdateId()).isEqualTo(160);
                assertThat(d.diff().bids()).containsExactly(Level.of("6621.45", "0.3"));
                assertThat(d.diff().asks()).containsExactly(Level.of("6622.46", "1.5"));
                assertThat(d.diff().exchangeTime()).isEqualTo(Instant.ofEpochMilli(1234567880L));
                mapped++;
            } else {
                assertThatThrownBy(() -> MarketMapping.parse(BinanceVenue.SPOT, raw)).as(stream)
                        .isInstanceOf(UnmappableMessageException.class)
                        .satisfies(e -> assertThat(e.getMessage()).startsWith("unsupported event type"));
            }
        }
        assertThat(mapped).isEqualTo(2);
    }

    @Test
    void shouldMapTheGocryptotraderRestDepthRecordingsOfBothFamilies() throws IOException {
        int mapped = 0;
        for (JsonNode line : lines("rest_mock_recordings.gocryptotrader.jsonl")) {
            String path = line.get("path").asText();
            if (!path.endsWith("/depth")) {
                continue;
            }
            JsonNode message = line.get("message");
            BinanceVenue venue = path.startsWith("/fapi") ? BinanceVenue.USDM : BinanceVenue.SPOT;
            BookSnapshot s = MarketMapping.depthSnapshot(venue, JSON.writeValueAsString(message));
            assertThat(s.lastUpdateId()).isEqualTo(message.get("lastUpdateId").asLong());
            assertThat(s.bids()).hasSize(message.get("bids").size());
            assertThat(s.asks()).hasSize(message.get("asks").size());
            for (int i = 0; i < s.bids().size(); i++) {
                assertThat(s.bids().get(i).price()).hasToString(message.get("bids").get(i).get(0).asText());
                assertThat(s.bids().get(i).quantity()).hasToString(message.get("bids").get(i).get(1).asText());
            }
            for (int i = 0; i < s.asks().size(); i++) {
                assertThat(s.asks().get(i).price()).hasToString(message.get("asks").get(i).get(0).asText());
                assertThat(s.asks().get(i).quantity()).hasToString(message.get("asks").get(i).get(1).asText());
            }
            assertThat(s.exchangeTime()).isEqualTo(venue == BinanceVenue.USDM
                    ? Instant.ofEpochMilli(message.get("T").asLong()) : null);
            mapped++;
        }
        assertThat(mapped).isEqualTo(4);
    }

    @Test
    void shouldMapTheSpotRecordedDepthAnswerExactly() throws IOException {
        JsonNode line = lines("rest_mock_recordings.gocryptotrader.jsonl").stream()
                .filter(l -> l.get("path").asText().equals("/api/v3/depth")).findFirst().orElseThrow();

        BookSnapshot s = MarketMapping.depthSnapshot(BinanceVenue.SPOT, JSON.writeValueAsString(line.get("message")));

        assertThat(s.lastUpdateId()).isEqualTo(8223158780L);
        assertThat(s.bids().get(0)).isEqualTo(Level.of("32085.65000000", "0.00000500"));
        assertThat(s.bids().get(0).quantity()).hasToString("0.00000500");
        assertThat(s.asks().get(0)).isEqualTo(Level.of("32085.66000000", "2.04843700"));
        assertThat(s.asks().get(27)).isEqualTo(Level.of("32097.19000000", "1.54800000"));
    }

    // ---- REST docs and XChange resources ----

    @Test
    void shouldMapTheDocumentedRestDepthAnswersOfBothFamilies() throws IOException {
        BookSnapshot spot = MarketMapping.depthSnapshot(BinanceVenue.SPOT,
                section("spot_rest_api.docs.jsonl", "Market Data endpoints > Order book"));
        assertThat(spot.lastUpdateId()).isEqualTo(1027024);
        assertThat(spot.bids()).containsExactly(Level.of("4.00000000", "431.00000000"));
        assertThat(spot.asks()).containsExactly(Level.of("4.00000200", "12.00000000"));
        assertThat(spot.exchangeTime()).isNull();

        BookSnapshot usdm = MarketMapping.depthSnapshot(BinanceVenue.USDM,
                section("usdm_rest_public.docs.jsonl", "Order Book > Response Example"));
        assertThat(usdm.lastUpdateId()).isEqualTo(1027024);
        assertThat(usdm.bids()).containsExactly(Level.of("4.00000000", "431.00000000"));
        assertThat(usdm.asks()).containsExactly(Level.of("4.00000200", "12.00000000"));
        assertThat(usdm.exchangeTime()).isEqualTo(Instant.ofEpochMilli(1589436922959L));

        BookUpdate u = (BookUpdate) MarketMapping.normalizeRestDepth(BinanceVenue.USDM, "BTCUSDT",
                section("usdm_rest_public.docs.jsonl", "Order Book > Response Example"), RECEIVED, IDS);
        assertThat(u.getKind()).isEqualTo(BookUpdateKind.SNAPSHOT);
        assertThat(u.getDepth()).isZero();
        assertThat(u.getSequence()).isEqualTo(1027024);
        assertThat(u.getBids().get(0).getQuantity()).isEqualByComparingTo(scaled("431"));
    }

    @Test
    void shouldMapTheXchangeResourcesAndRefuseTheirOldDepthFormat() throws IOException {
        List<JsonNode> all = lines("xchange_test_resources.jsonl");
        String depth = frame(all.stream().filter(l -> l.get("source").asText().endsWith("__files/depth.json"))
                .findFirst().orElseThrow());
        BookSnapshot s = MarketMapping.depthSnapshot(BinanceVenue.SPOT, depth);
        assertThat(s.lastUpdateId()).isEqualTo(1027024);
        assertThat(s.bids()).containsExactly(Level.of("4.00000000", "431.00000000"));
        assertThat(s.asks()).containsExactly(Level.of("4.00000200", "12.00000000"));

        String trade = frame(all.stream().filter(l -> l.get("source").asText().endsWith("testTradeEvent.json"))
                .findFirst().orElseThrow());
        Trade t = (Trade) MarketMapping.normalize(BinanceVenue.SPOT, trade, RECEIVED, IDS).get(0);
        assertThat(t.getTradeId()).isEqualTo("12345");
        assertThat(t.getPrice()).isEqualByComparingTo(scaled("0.001"));
        assertThat(t.getQuantity()).isEqualByComparingTo(scaled("100"));
        assertThat(t.getAggressorSide()).isEqualTo(Side.SELL);
        assertThat(t.getExchangeTime()).isEqualTo(Instant.ofEpochMilli(123456785L));

        // XChange's depth event is the retired format with only "u" (no "U"): it cannot be sequenced
        String oldDepth = frame(all.stream().filter(l -> l.get("source").asText().endsWith("testDepthEvent.json"))
                .findFirst().orElseThrow());
        assertThatThrownBy(() -> MarketMapping.parse(BinanceVenue.SPOT, oldDepth))
                .isInstanceOf(UnmappableMessageException.class).hasMessage("field 'U' is missing");
        for (String other : List.of("testBookTickerEvent.json", "testKlineEvent.json", "testTickerEvent.json")) {
            String f = frame(all.stream().filter(l -> l.get("source").asText().endsWith(other)).findFirst()
                    .orElseThrow());
            assertThatThrownBy(() -> MarketMapping.parse(BinanceVenue.SPOT, f)).as(other)
                    .isInstanceOf(UnmappableMessageException.class)
                    .satisfies(e -> assertThat(e.getMessage()).isNotBlank());
        }
    }

    @Test
    void shouldRefuseAnUnknownSymbolWhenNormalizing() throws IOException {
        String frame = section("spot_ws_market_streams.docs.jsonl", "Trade Streams");

        assertThatThrownBy(() -> MarketMapping.normalize(BinanceVenue.SPOT, frame, RECEIVED, s -> null))
                .isInstanceOf(UnmappableMessageException.class).hasMessage("unknown symbol 'BNBBTC'");
    }

    @Test
    void shouldWriteSubscribeRequestsAsBinanceDocumentsThem() {
        assertThat(MarketMapping.request("SUBSCRIBE", List.of("btcusdt@aggTrade", "btcusdt@depth"), 1))
                .isEqualTo("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@aggTrade\",\"btcusdt@depth\"],\"id\":1}");
        assertThat(MarketMapping.isPartialStream("btcusdt@depth20@100ms")).isTrue();
        assertThat(MarketMapping.isPartialStream("btcusdt@depth@100ms")).isFalse();
        assertThat(Message.class).isNotNull();
    }

    @Test
    void shouldReadPlainDecimalsExactlyWithTheirScale() {
        for (String text : List.of("65000.01000000", "0.00000001", "100", "-1.5", "0.0", "123456789012345678",
                "1234567890123456789", "1.", "1e-8", ".5", "-", "1.2.3", "99999999.99999999")) {
            BigDecimal fast = ExactNumbers.plainOrNull(text, 0, text.length());
            if (fast != null) {
                assertThat(fast).as(text).isEqualTo(new BigDecimal(text)); // same value and scale
            } else {
                assertThat(text).isIn("1234567890123456789", "1.", "1e-8", ".5", "-", "1.2.3");
            }
        }
    }
}
