package io.exchangebus.connectors.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.binance.config.BinanceConfig;
import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.binance.ws.BinanceMarketStreams;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.connection.ConnectionState;
import io.exchangebus.connectors.core.contract.ReplayedBook;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentId;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.instrument.TradingRules;
import io.exchangebus.connectors.core.role.Capability;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Subscriber;
import io.exchangebus.connectors.core.role.Subscription;
import io.exchangebus.connectors.core.role.TradeSequencing;
import io.exchangebus.connectors.core.ws.BackoffPolicy;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.ErrorKind;
import io.exchangebus.events.Side;
import io.exchangebus.events.Trade;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The subscriber's synchronisation and stream handling against a scripted loopback (every frame and snapshot said
 * by the test): bridging, resync on a broken {@code U/u} or {@code pu} chain, partial depth, top-N cut, trades,
 * malformed frames, reconnects, more connections when one is full, paced requests.
 */
class BinanceSubscriberTest {
    private static final String SPOT_DEPTH = "btcusdt@depth@100ms";

    private ScriptedMarket market;
    private BinanceSubscriber subscriber;
    private final List<BookUpdate> books = new CopyOnWriteArrayList<>();
    private final List<Trade> trades = new CopyOnWriteArrayList<>();
    private final List<MalformedFrame> malformed = new CopyOnWriteArrayList<>();
    private final List<String> rawFrames = new CopyOnWriteArrayList<>();
    private volatile boolean takesRawFrames = true;
    private final List<ConnectionEvent> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        if (subscriber != null) {
            subscriber.close();
        }
        if (market != null) {
            market.close();
        }
    }

    // ---- full depth ----

    @Test
    void shouldStartFromTheSnapshotBridgedByTheFirstDiff() throws Exception {
        start(BinanceVenue.SPOT, 1024);
        subscribeFullDepth(BinanceVenue.SPOT);
        market.depth(snapshot(100, "65000.00", "1.5", "65001.00", "2"));

        market.send(SPOT_DEPTH, spotDiff(95, 99, "64999.00", "9", null, null)); // older than the snapshot
        await("the snapshot fetched once the stream is live", () -> market.depthHits() == 1);
        market.send(SPOT_DEPTH, spotDiff(100, 102, "65000.00", "1.25", "65001.50", "3"));
        market.send(SPOT_DEPTH, spotDiff(103, 105, "64999.50", "0.1", "65001.00", "0"));

        await("the book at 105", () -> !books.isEmpty() && last().getSequence() == 105);
        assertThat(books.get(0).getKind()).isEqualTo(BookUpdateKind.SNAPSHOT);
        assertThat(books.get(0).getResync()).isFalse();
        assertThat(books.stream().noneMatch(BookUpdate::getResync)).isTrue();
        assertThat(localBook()).isEqualTo("bids 65000@1.25 64999.5@0.1 | asks 65001.5@3");
        assertThat(market.depthHits()).isEqualTo(1);
    }

    @Test
    void shouldFetchTheSnapshotOfAQuietBookWithoutWaitingForADiff() throws Exception {
        start(BinanceVenue.SPOT, 1024);
        market.depth(snapshot(100, "65000.00", "1.5", "65001.00", "2"));
        subscribeFullDepth(BinanceVenue.SPOT);

        await("a snapshot with no diff sent", () -> !books.isEmpty());
        assertThat(books.get(0).getSequence()).isEqualTo(100);
        assertThat(localBook()).isEqualTo("bids 65000@1.5 | asks 65001@2");
        market.send(SPOT_DEPTH, spotDiff(101, 101, "65000.00", "0", null, null));
        await("the book at 101", () -> last().getSequence() == 101);
        assertThat(localBook()).isEqualTo("bids  | asks 65001@2");
    }

    @Test
    void shouldResyncWhenTheUSequenceBreaks() throws Exception {
        start(BinanceVenue.SPOT, 1024);
        syncSpotAt105();

        market.depth(snapshot(110, "64000.00", "7", "64001.00", "8"));
        market.send(SPOT_DEPTH, spotDiff(107, 108, "65000.00", "5", null, null)); // 106 is missing

        await("a resync snapshot", () -> books.stream().anyMatch(BookUpdate::getResync));
        BookUpdate resync = books.stream().filter(BookUpdate::getResync).findFirst().orElseThrow();
        assertThat(resync.getKind()).isEqualTo(BookUpdateKind.SNAPSHOT);
        assertThat(resync.getSequence()).isEqualTo(110);
        market.send(SPOT_DEPTH, spotDiff(109, 111, "64000.00", "6", null, null)); // bridges 110
        await("the book at 111", () -> last().getSequence() == 111);
        assertThat(localBook()).isEqualTo("bids 64000@6 | asks 64001@8");
        assertThat(market.depthHits()).isEqualTo(2);
    }

    @Test
    void shouldResyncWhenThePuLinkBreaksOnUsdm() throws Exception {
        start(BinanceVenue.USDM, 200);
        subscribeFullDepth(BinanceVenue.USDM);
        String stream = "btcusdt@depth@100ms";
        market.depth(usdmSnapshot(100, "65000.0", "1", "65000.1", "2"));
        // USD-M: the first applied diff has U <= lastUpdateId <= u, then pu = previous u
        market.send(stream, usdmDiff(90, 95, 89, "64999.0", "1", null, null));
        await("the snapshot fetched", () -> market.depthHits() == 1);
        market.send(stream, usdmDiff(96, 101, 95, "65000.0", "3", null, null));
        market.send(stream, usdmDiff(102, 104, 101, null, null, "65000.1", "4"));
        await("the book at 104", () -> !books.isEmpty() && last().getSequence() == 104);
        // deltas carry pu as their previous sequence (the last may be a snapshot if both came before the snapshot)
        assertThat(books.stream().filter(b -> b.getKind() == BookUpdateKind.DELTA))
                .allMatch(b -> b.getSequence() == 101 ? b.getPreviousSequence() == 95 : b.getPreviousSequence() == 101);
        assertThat(localBook()).isEqualTo("bids 65000@3 | asks 65000.1@4");

        market.depth(usdmSnapshot(120, "65010.0", "1", "65010.1", "1"));
        market.send(stream, usdmDiff(106, 108, 105, "65000.0", "9", null, null)); // pu 105 != 104

        await("a resync snapshot", () -> books.stream().anyMatch(BookUpdate::getResync));
        assertThat(books.stream().filter(BookUpdate::getResync).findFirst().orElseThrow().getSequence())
                .isEqualTo(120);
        market.send(stream, usdmDiff(119, 121, 118, null, null, "65010.1", "2"));
        await("the book at 121", () -> last().getSequence() == 121);
        assertThat(localBook()).isEqualTo("bids 65010@1 | asks 65010.1@2");
    }

    @Test
    void shouldResyncAndResubscribeAfterADroppedConnection() throws Exception {
        start(BinanceVenue.SPOT, 1024);
        syncSpotAt105();
        subscriber.subscribeTrades(InstrumentId.spot("BTC", "USDT")).get(5, TimeUnit.SECONDS);
        await("trades subscribed", () -> market.isSubscribed("btcusdt@trade"));

        market.depth(snapshot(200, "63000.00", "1", "63001.00", "1"));
        market.dropAll();

        await("reconnected with both streams", () -> market.opened() == 2 && market.isSubscribed(SPOT_DEPTH)
                && market.isSubscribed("btcusdt@trade"));
        assertThat(events.stream().map(ConnectionEvent::state)).contains(ConnectionState.DISCONNECTED,
                ConnectionState.CONNECTED);
        List<ScriptedMarket.Request> onSecond = market.requests().stream().filter(r -> r.connection() == 2).toList();
        assertThat(onSecond).hasSize(1); // every stream back in one frame
        assertThat(onSecond.get(0).streams()).containsExactlyInAnyOrder(SPOT_DEPTH, "btcusdt@trade");

        market.send(SPOT_DEPTH, spotDiff(201, 202, "63000.00", "2", null, null));
        await("a resync snapshot", () -> books.stream().anyMatch(BookUpdate::getResync));
        await("the book at 202", () -> last().getSequence() == 202);
        assertThat(localBook()).isEqualTo("bids 63000@2 | asks 63001@1");
    }

    // ---- top N ----

    @Test
    void shouldPublishBinancesPartialDepthAsSnapshotsOfDepthN() throws Exception {
        start(BinanceVenue.SPOT, 1024);
        Result<Subscription> r = subscriber.subscribeOrderBook(InstrumentId.spot("BTC", "USDT"), 5,
                Duration.ofMillis(100)).get(5, TimeUnit.SECONDS);
        assertThat(r.isOk()).isTrue();
        await("partial stream subscribed", () -> market.isSubscribed("btcusdt@depth5@100ms"));

        market.send("btcusdt@depth5@100ms",
                "{\"lastUpdateId\":160,\"bids\":[[\"0.0024\",\"10\"]],\"asks\":[[\"0.0026\",\"100\"]]}");

        await("a snapshot", () -> !books.isEmpty());
        BookUpdate u = books.get(0);
        assertThat(u.getKind()).isEqualTo(BookUpdateKind.SNAPSHOT);
        assertThat(u.getDepth()).isEqualTo(5);
        assertThat(u.getSequence()).isEqualTo(160);
        assertThat(u.getSymbol()).isEqualTo("BTCUSDT");
        assertThat(u.getInstrumentId()).isEqualTo("BTC-USDT");
        assertThat(u.getBids().get(0).getPrice()).isEqualByComparingTo("0.0024");
        assertThat(market.depthHits()).isZero();
    }

    @Test
    void shouldCutTheFullBookToNWhenBinanceHasNoSuchChannel() throws Exception {
        start(BinanceVenue.SPOT, 1024);
        subscriber.subscribeOrderBook(InstrumentId.spot("BTC", "USDT"), 2, Duration.ofMillis(50))
                .get(5, TimeUnit.SECONDS);
        await("full depth subscribed", () -> market.isSubscribed(SPOT_DEPTH));
        market.depth(snapshot(100, "65000.00", "1", "65001.00", "1"));
        market.send(SPOT_DEPTH, spotDiff(101, 101, "64999.00", "2", "65002.00", "2"));
        await("snapshot fetched", () -> market.depthHits() == 1);
        market.send(SPOT_DEPTH, spotDiff(102, 102, "64998.00", "3", "65003.00", "3"));

        await("a top-2 view with both diffs", () -> !books.isEmpty() && last().getSequence() >= 101
                && last().getBids().size() == 2);
        BookUpdate view = last();
        assertThat(view.getKind()).isEqualTo(BookUpdateKind.SNAPSHOT);
        assertThat(view.getDepth()).isEqualTo(2);
        assertThat(view.getBids().stream().map(l -> l.getPrice().stripTrailingZeros().toPlainString()))
                .containsExactly("65000", "64999");
        assertThat(view.getAsks().stream().map(l -> l.getPrice().stripTrailingZeros().toPlainString()))
                .containsExactly("65001", "65002");
    }

    // ---- trades, errors ----

    @Test
    void shouldMapTradesOnTheSpotTradeStreamAndAggTradesOnUsdm() throws Exception {
        start(BinanceVenue.USDM, 200);
        subscriber.subscribeTrades(InstrumentId.perpetual("BTC", "USDT")).get(5, TimeUnit.SECONDS);
        await("aggTrade subscribed", () -> market.isSubscribed("btcusdt@aggTrade"));

        market.send("btcusdt@aggTrade", "{\"e\":\"aggTrade\",\"E\":123456789,\"s\":\"BTCUSDT\",\"a\":5933014,"
                + "\"p\":\"65000.10\",\"q\":\"0.001\",\"f\":100,\"l\":105,\"T\":123456785,\"m\":false}");

        await("a trade", () -> !trades.isEmpty());
        Trade t = trades.get(0);
        assertThat(t.getExchange()).isEqualTo("binance-usdm");
        assertThat(t.getInstrumentId()).isEqualTo("BTC-USDT-PERP");
        assertThat(t.getTradeId()).isEqualTo("5933014");
        assertThat(t.getPrice()).isEqualTo(new BigDecimal("65000.10").setScale(18));
        assertThat(t.getQuantity()).isEqualTo(new BigDecimal("0.001").setScale(18));
        assertThat(t.getAggressorSide()).isEqualTo(Side.BUY);
        assertThat(t.getExchangeTime()).isEqualTo(java.time.Instant.ofEpochMilli(123456785L));
        assertThat(t.getReceiveTime()).isAfter(t.getExchangeTime());
        assertThat(rawFrames).as("the raw frame, with its stream and symbol")
                .anyMatch(r -> r.startsWith("btcusdt@aggTrade BTCUSDT ") && r.contains("\"a\":5933014"));
    }

    @Test
    void shouldDeclareTradeIdsConsecutivePerSymbolWithNoSeparateSequence() throws Exception {
        start(BinanceVenue.USDM, 200);
        subscriber.subscribeTrades(InstrumentId.perpetual("BTC", "USDT")).get(5, TimeUnit.SECONDS);
        await("aggTrade subscribed", () -> market.isSubscribed("btcusdt@aggTrade"));

        market.send("btcusdt@aggTrade", "{\"e\":\"aggTrade\",\"E\":123456789,\"s\":\"BTCUSDT\",\"a\":5933014,"
                + "\"p\":\"65000.10\",\"q\":\"0.001\",\"f\":100,\"l\":105,\"T\":123456785,\"m\":false}");

        await("a trade", () -> !trades.isEmpty());
        assertThat(subscriber.tradeSequencing()).isEqualTo(TradeSequencing.CONSECUTIVE_TRADE_ID);
        assertThat(trades.get(0).getTradeSequence()).as("Binance has no counter besides the id").isNull();
        assertThat(subscriber.tradeSequencing().position(trades.get(0))).isEqualTo(5933014L);
    }

    @Test
    void shouldMakeNoRawFrameForAListenerThatTakesNoneAndStillReportAMalformedOnesText() throws Exception {
        takesRawFrames = false;
        start(BinanceVenue.SPOT, 1024);
        syncSpotAt105();

        market.sendRaw("{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"s\":\"BTCÜSDT€\"}}");
        market.send(SPOT_DEPTH, spotDiff(106, 106, "65000.00", "4", null, null));

        await("a malformed frame and the book at 106", () -> malformed.size() == 1 && last().getSequence() == 106);
        assertThat(rawFrames).isEmpty();
        assertThat(malformed.get(0).payload()).as("the frame's text, decoded from its bytes").contains("BTCÜSDT€");
    }

    @Test
    void shouldReportAMalformedFrameWithItsRawTextAndGoOn() throws Exception {
        start(BinanceVenue.SPOT, 1024);
        syncSpotAt105();

        String bad = "{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"s\":\"BTCUSDT\"}}";
        market.sendRaw(bad);
        market.sendRaw("garbage");
        market.send(SPOT_DEPTH, spotDiff(106, 106, "65000.00", "4", null, null));

        await("two malformed frames and the book at 106", () -> malformed.size() == 2 && last().getSequence() == 106);
        assertThat(malformed.get(0).payload()).isEqualTo(bad);
        assertThat(malformed.get(0).reason()).isEqualTo("field 'U' is missing");
        assertThat(malformed.get(0).exchange()).isEqualTo("binance-spot");
        assertThat(malformed.get(1).payload()).isEqualTo("garbage");
        assertThat(malformed.get(1).reason()).startsWith("not valid JSON");
    }

    @Test
    void shouldRefuseAnUnknownInstrumentWithAResultNotAnException() throws Exception {
        start(BinanceVenue.SPOT, 1024);

        Result<Subscription> book = subscriber.subscribeOrderBook(InstrumentId.spot("NOPE", "USDT"), 0, null)
                .get(5, TimeUnit.SECONDS);
        Result<Subscription> trades = subscriber.subscribeTrades(InstrumentId.spot("NOPE", "USDT"))
                .get(5, TimeUnit.SECONDS);
        Result<Subscription> negative = subscriber.subscribeOrderBook(InstrumentId.spot("BTC", "USDT"), -1, null)
                .get(5, TimeUnit.SECONDS);

        assertThat(book.error().kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(trades.error().kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(negative.isOk()).isFalse();
        assertThat(subscriber.capabilities().supports(Capability.BOOK_TOP_N_CHANNEL)).isTrue();
        assertThat(subscriber.capabilities().supports(Capability.BOOK_FULL_DEPTH)).isTrue();
        assertThat(subscriber.capabilities().supports(Capability.TRADES)).isTrue();
        assertThat(subscriber.capabilities().supports(Capability.ORDER_LIMIT)).isFalse();
    }

    // ---- connections ----

    @Test
    void shouldOpenAnotherConnectionWhenOneIsFullAndDeliverOnAll() throws Exception {
        start(BinanceVenue.SPOT, 2);
        for (String base : List.of("BTC", "ETH", "BNB")) {
            Result<Subscription> r = subscriber.subscribeTrades(InstrumentId.spot(base, "USDT"))
                    .get(5, TimeUnit.SECONDS);
            assertThat(r.isOk()).isTrue();
        }
        await("three trade streams subscribed", () -> market.isSubscribed("btcusdt@trade")
                && market.isSubscribed("ethusdt@trade") && market.isSubscribed("bnbusdt@trade"));
        assertThat(subscriber.connectionCount()).isEqualTo(2);
        assertThat(market.openConnections()).isEqualTo(2);

        long id = 1;
        for (String symbol : List.of("BTCUSDT", "ETHUSDT", "BNBUSDT")) {
            market.send(symbol.toLowerCase() + "@trade", "{\"e\":\"trade\",\"E\":1,\"s\":\"" + symbol + "\",\"t\":"
                    + id++ + ",\"p\":\"1.5\",\"q\":\"2\",\"T\":1,\"m\":true}");
        }
        await("a trade of each", () -> trades.size() == 3);
        assertThat(trades.stream().map(Trade::getInstrumentId).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("BTC-USDT", "ETH-USDT", "BNB-USDT");
    }

    @Test
    void shouldPaceRequestsBelowBinancesIncomingMessageLimit() throws Exception {
        start(BinanceVenue.SPOT, 1024);
        subscriber.subscribeTrades(InstrumentId.spot("BTC", "USDT")).get(5, TimeUnit.SECONDS);
        for (String base : List.of("ETH", "BNB")) {
            subscriber.subscribeTrades(InstrumentId.spot(base, "USDT")).get(5, TimeUnit.SECONDS);
            subscriber.subscribeOrderBook(InstrumentId.spot(base, "USDT"), 0, null).get(5, TimeUnit.SECONDS);
        }
        subscriber.unsubscribe(new Subscription(Subscription.Channel.TRADES, InstrumentId.spot("ETH", "USDT"), 0,
                null)).get(5, TimeUnit.SECONDS);

        await("all requests sent", () -> market.isSubscribed("bnbusdt@depth@100ms")
                && !market.isSubscribed("ethusdt@trade"));
        List<ScriptedMarket.Request> sent = market.requests();
        assertThat(sent.size()).isLessThanOrEqualTo(3); // merged, not one per stream
        long minGap = BinanceMarketStreams.requestInterval(BinanceVenue.SPOT).toNanos() - 60_000_000L; // slack: measured on arrival
        for (int i = 1; i < sent.size(); i++) {
            assertThat(sent.get(i).atNanos() - sent.get(i - 1).atNanos()).isGreaterThanOrEqualTo(minGap);
        }
    }

    @Test
    void shouldUnsubscribeTheLastStreamAndResendNothingOnANewSocket() throws Exception {
        start(BinanceVenue.SPOT, 1024);
        Subscription trades = subscriber.subscribeTrades(InstrumentId.spot("BTC", "USDT")).get(5, TimeUnit.SECONDS)
                .value();
        await("subscribed", () -> market.isSubscribed("btcusdt@trade"));

        assertThat(subscriber.unsubscribe(trades).get(5, TimeUnit.SECONDS).isOk()).isTrue();
        await("unsubscribed", () -> market.requests().stream().anyMatch(r -> r.method().equals("UNSUBSCRIBE")
                && r.streams().equals(List.of("btcusdt@trade"))));
        market.dropAll();
        await("reconnected", () -> market.opened() == 2 && market.openConnections() == 1);
        Thread.sleep(200);

        assertThat(market.requests().stream().filter(r -> r.connection() == 2)).isEmpty();
        assertThat(subscriber.unsubscribe(trades).get(5, TimeUnit.SECONDS).error().kind())
                .isEqualTo(ErrorKind.NOT_FOUND);
        // and a new subscription after that goes out again
        subscriber.subscribeTrades(InstrumentId.spot("ETH", "USDT")).get(5, TimeUnit.SECONDS);
        await("subscribed again", () -> market.isSubscribed("ethusdt@trade"));
    }

    @Test
    void shouldCallNothingAfterClose() throws Exception {
        start(BinanceVenue.SPOT, 1024);
        syncSpotAt105();

        subscriber.close();
        subscriber.close();
        int before = books.size() + events.size();
        market.send(SPOT_DEPTH, spotDiff(106, 106, "65000.00", "4", null, null));
        Thread.sleep(300);

        assertThat(books.size() + events.size()).isEqualTo(before);
    }

    // ---- helpers ----

    private void start(BinanceVenue venue, int streamsPerConnection) throws Exception {
        market = new ScriptedMarket(venue);
        BinanceConfig config = BinanceConfig.builder(market.endpoints()).streamsPerConnection(streamsPerConnection)
                .build();
        InstrumentRegistry registry = new InstrumentRegistry(venue.exchange());
        List<InstrumentDefinition> defs = new ArrayList<>();
        for (String base : List.of("BTC", "ETH", "BNB")) {
            InstrumentId id = venue == BinanceVenue.SPOT ? InstrumentId.spot(base, "USDT")
                    : InstrumentId.perpetual(base, "USDT");
            defs.add(new InstrumentDefinition(venue.exchange(), base + "USDT", id, "USDT", null,
                    new TradingRules(new BigDecimal("0.01"), new BigDecimal("0.00001"), new BigDecimal("0.00001"),
                            new BigDecimal("9000"), new BigDecimal("5"), BigDecimal.ONE), true));
        }
        registry.replaceAll(defs);
        subscriber = new BinanceSubscriber(config, registry, b -> b.backoff(fastBackoff()));
        Result<Void> connected = subscriber.connect(new Subscriber.Listener() {
            @Override
            public void onBookUpdate(BookUpdate update) {
                books.add(update);
            }

            @Override
            public void onTrade(Trade trade) {
                trades.add(trade);
            }

            @Override
            public void onMalformedFrame(MalformedFrame frame) {
                malformed.add(frame);
            }

            @Override
            public void onRawFrame(String channel, String symbol, String payload, java.time.Instant receiveTime) {
                rawFrames.add(channel + " " + symbol + " " + payload);
            }

            @Override
            public boolean takesRawFrames() {
                return takesRawFrames;
            }

            @Override
            public void onConnectionEvent(ConnectionEvent event) {
                events.add(event);
            }
        }).get(5, TimeUnit.SECONDS);
        assertThat(connected.isOk()).as("connected: %s", connected).isTrue();
    }

    private static BackoffPolicy fastBackoff() {
        return new BackoffPolicy(Duration.ofMillis(50), Duration.ofMillis(200), 2.0, 0.2);
    }

    private void subscribeFullDepth(BinanceVenue venue) throws Exception {
        InstrumentId id = venue == BinanceVenue.SPOT ? InstrumentId.spot("BTC", "USDT")
                : InstrumentId.perpetual("BTC", "USDT");
        Result<Subscription> r = subscriber.subscribeOrderBook(id, 0, Duration.ZERO).get(5, TimeUnit.SECONDS);
        assertThat(r.isOk()).as("subscribed: %s", r).isTrue();
        await("depth subscribed", () -> market.isSubscribed("btcusdt@depth@100ms"));
    }

    private void syncSpotAt105() throws Exception {
        subscribeFullDepth(BinanceVenue.SPOT);
        market.depth(snapshot(100, "65000.00", "1.5", "65001.00", "2"));
        market.send(SPOT_DEPTH, spotDiff(100, 102, "65000.00", "1.25", null, null));
        await("the snapshot fetched", () -> market.depthHits() == 1);
        market.send(SPOT_DEPTH, spotDiff(103, 105, "64999.50", "0.1", null, null));
        await("the book at 105", () -> !books.isEmpty() && last().getSequence() == 105);
    }

    private BookUpdate last() {
        return books.get(books.size() - 1);
    }

    private static String snapshot(long id, String bid, String bidQty, String ask, String askQty) {
        return "{\"lastUpdateId\":" + id + ",\"bids\":[[\"" + bid + "\",\"" + bidQty + "\"]],\"asks\":[[\"" + ask
                + "\",\"" + askQty + "\"]]}";
    }

    private static String usdmSnapshot(long id, String bid, String bidQty, String ask, String askQty) {
        return "{\"lastUpdateId\":" + id + ",\"E\":1700000000100,\"T\":1700000000090,\"bids\":[[\"" + bid + "\",\""
                + bidQty + "\"]],\"asks\":[[\"" + ask + "\",\"" + askQty + "\"]]}";
    }

    private static String spotDiff(long first, long last, String bid, String bidQty, String ask, String askQty) {
        return "{\"e\":\"depthUpdate\",\"E\":1700000000000,\"s\":\"BTCUSDT\",\"U\":" + first + ",\"u\":" + last
                + ",\"b\":" + side(bid, bidQty) + ",\"a\":" + side(ask, askQty) + "}";
    }

    private static String usdmDiff(long first, long last, long previous, String bid, String bidQty, String ask,
                                   String askQty) {
        return "{\"e\":\"depthUpdate\",\"E\":1700000000000,\"T\":1699999999990,\"s\":\"BTCUSDT\",\"U\":" + first
                + ",\"u\":" + last + ",\"pu\":" + previous + ",\"b\":" + side(bid, bidQty) + ",\"a\":"
                + side(ask, askQty) + "}";
    }

    private static String side(String price, String qty) {
        return price == null ? "[]" : "[[\"" + price + "\",\"" + qty + "\"]]";
    }

    /** The book the events describe, from the last snapshot on: "bids p@q … | asks p@q …", best first. */
    private String localBook() {
        return ReplayedBook.of(new ArrayList<>(books)).toString();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
