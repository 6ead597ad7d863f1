package io.exchangebus.connectors.deribit;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentId;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Subscriber;
import io.exchangebus.connectors.core.role.Subscription;
import io.exchangebus.connectors.core.role.TradeSequencing;
import io.exchangebus.connectors.core.ws.BackoffPolicy;
import io.exchangebus.connectors.deribit.config.DeribitConfig;
import io.exchangebus.connectors.deribit.config.DeribitEndpoints;
import io.exchangebus.connectors.deribit.mapping.InstrumentMapping;
import io.exchangebus.connectors.deribit.ws.FakeDeribit;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.Ticker;
import io.exchangebus.events.Trade;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link DeribitSubscriber} against {@link FakeDeribit} over real loopback sockets, without an account. */
class DeribitSubscriberTest {

    private static final String BOOK = "book.BTC-PERPETUAL.100ms";

    private final FakeDeribit server = new FakeDeribit(Clock.systemUTC());
    private final List<BookUpdate> books = new CopyOnWriteArrayList<>();
    private final List<Trade> trades = new CopyOnWriteArrayList<>();
    private final List<MalformedFrame> malformed = new CopyOnWriteArrayList<>();
    private final List<String> rawFrames = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicBoolean takesRaw = new java.util.concurrent.atomic.AtomicBoolean();
    private final AtomicLong nextSnapshotId = new AtomicLong(100);
    private InstrumentId btc;
    private DeribitSubscriber subscriber;

    @BeforeEach
    void connect() {
        InstrumentRegistry registry = new InstrumentRegistry("deribit");
        registry.replaceAll(InstrumentMapping.fromResponse(DeribitFixtures.raw("nautilus_test_data_2.jsonl", 9))
                .instruments());
        btc = registry.bySymbol("BTC-PERPETUAL").map(InstrumentDefinition::id).orElseThrow();
        DeribitConfig config = DeribitConfig.publicOnly(new DeribitEndpoints(server.wsUri(),
                URI.create("http://localhost:1/api/v2"))).withWsTuning(b -> b.backoff(
                new BackoffPolicy(Duration.ofMillis(50), Duration.ofMillis(200), 2.0, 0.1)));
        subscriber = new DeribitSubscriber(config, registry);
        server.firstData.put(BOOK, () -> snapshot(nextSnapshotId.get()));
        assertThat(subscriber.connect(new Subscriber.Listener() {
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
            public void onConnectionEvent(ConnectionEvent event) {
            }

            @Override
            public void onRawFrame(String channel, String symbol, String payload, java.time.Instant receiveTime) {
                rawFrames.add(channel + " " + symbol + " " + payload);
            }

            @Override
            public boolean takesRawFrames() {
                return takesRaw.get();
            }
        }).join().isOk()).isTrue();
    }

    @AfterEach
    void close() {
        subscriber.close();
        server.close();
    }

    private static String snapshot(long changeId) {
        return "{\"type\":\"snapshot\",\"timestamp\":1700000000000,\"instrument_name\":\"BTC-PERPETUAL\","
                + "\"change_id\":" + changeId + ",\"bids\":[[\"new\",100.5,10],[\"new\",100,30]],"
                + "\"asks\":[[\"new\",101,20]]}";
    }

    private static String change(long previous, long id, String bids) {
        return "{\"type\":\"change\",\"timestamp\":1700000000001,\"instrument_name\":\"BTC-PERPETUAL\","
                + "\"prev_change_id\":" + previous + ",\"change_id\":" + id + ",\"bids\":" + bids + ",\"asks\":[]}";
    }

    @Test
    void shouldPublishTheSnapshotThenChangesAndResubscribeOnAChangeIdGap() {
        Result<Subscription> sub = subscriber.subscribeOrderBook(btc, 0, null).join();
        assertThat(sub.isOk()).isTrue();
        await("the snapshot", () -> books.size() == 1);
        server.notify(BOOK, change(100, 101, "[[\"change\",100.5,5]]"));
        await("the change", () -> books.size() == 2);

        nextSnapshotId.set(200);
        server.notify(BOOK, change(150, 151, "[[\"delete\",100,0]]"));

        await("a resync snapshot", () -> books.stream().anyMatch(BookUpdate::getResync));
        assertThat(books.get(0).getKind()).isEqualTo(BookUpdateKind.SNAPSHOT);
        assertThat(books.get(1).getKind()).isEqualTo(BookUpdateKind.DELTA);
        assertThat(books.get(1).getSequence()).isEqualTo(101);
        assertThat(server.methods).containsSubsequence("public/subscribe", "public/unsubscribe", "public/subscribe");
        BookUpdate resync = books.get(books.size() - 1);
        assertThat(resync.getSequence()).isEqualTo(200);
        assertThat(resync.getBids()).hasSize(2);
        assertThat(books).noneMatch(b -> b.getSequence() == 151);
    }

    @Test
    void shouldReadFramesOfAnotherLayoutThroughTheTree() {
        String channel = "trades.BTC-PERPETUAL.100ms";
        assertThat(subscriber.subscribeTrades(btc).join().isOk()).isTrue();

        server.publishRaw(channel, "{ \"params\" : { \"data\" : [{\"trade_seq\":7,\"trade_id\":\"T-1\","
                + "\"timestamp\":1,\"price\":100.5,\"instrument_name\":\"BTC-PERPETUAL\",\"direction\":\"buy\","
                + "\"amount\":10}], \"channel\" : \"" + channel + "\" }, \"method\" : \"subscription\", "
                + "\"jsonrpc\" : \"2.0\" }");
        server.notify(channel, "[{\"trade_seq\":8,\"trade_id\":\"T-2\",\"timestamp\":1,\"price\":100.5,"
                + "\"instrument_name\":\"BTC-PERPETUAL\",\"direction\":\"sell\",\"amount\":10}]");

        await("both trades", () -> trades.size() == 2);
        assertThat(trades).extracting(Trade::getTradeSequence).containsExactly(7L, 8L);
        assertThat(malformed).isEmpty();
    }

    @Test
    void shouldMakeTheTextOfAFrameReadAsBytesOnlyForAListenerOfRawFramesOrAMalformedFrame() {
        String channel = "trades.BTC-PERPETUAL.100ms";
        assertThat(subscriber.subscribeTrades(btc).join().isOk()).isTrue();
        String trade = "[{\"trade_seq\":%d,\"trade_id\":\"T-%d\",\"timestamp\":1,\"price\":100.50,"
                + "\"instrument_name\":\"BTC-PERPETUAL\",\"direction\":\"%s\",\"amount\":10}]";

        takesRaw.set(true);
        server.notify(channel, trade.formatted(1, 1, "buy"));
        await("the first trade", () -> trades.size() == 1);
        takesRaw.set(false);
        server.notify(channel, trade.formatted(2, 2, "sell"));
        server.notify(channel, trade.formatted(3, 3, "sidewäys")); // not ASCII: read from its decoded text
        server.notify(channel, trade.formatted(4, 4, "buy"));
        await("the last trade", () -> trades.size() == 3);

        assertThat(rawFrames).hasSize(1);
        assertThat(rawFrames.get(0)).startsWith(channel + " BTC-PERPETUAL {").contains("\"T-1\"");
        assertThat(trades).extracting(Trade::getTradeSequence).containsExactly(1L, 2L, 4L);
        assertThat(trades.get(0).getPrice()).isEqualByComparingTo(new BigDecimal("100.5"));
        assertThat(malformed).hasSize(1);
        assertThat(malformed.get(0).payload()).contains("\"direction\":\"sidewäys\"");
        assertThat(malformed.get(0).reason()).contains("direction: unknown value 'sidewäys'");
    }

    @Test
    void shouldServeASmallTopNFromTheGroupedChannelCutToN() {
        String grouped = "book.BTC-PERPETUAL.none.10.100ms";

        assertThat(subscriber.subscribeOrderBook(btc, 2, Duration.ofMillis(100)).join().isOk()).isTrue();
        server.notify(grouped, "{\"timestamp\":1700000000000,\"instrument_name\":\"BTC-PERPETUAL\",\"change_id\":7,"
                + "\"bids\":[[100.5,10],[100,30],[99.5,1]],\"asks\":[[101,20]]}");

        await("the top 2", () -> books.size() == 1);
        assertThat(server.methods).contains("public/subscribe");
        assertThat(books.get(0).getDepth()).isEqualTo(2);
        assertThat(books.get(0).getBids()).hasSize(2);
        assertThat(DeribitSubscriber.groupedDepth(15, null)).isEqualTo(20);
        assertThat(DeribitSubscriber.groupedDepth(25, null)).isNull();
        assertThat(DeribitSubscriber.groupedDepth(5, Duration.ofSeconds(1))).isNull();
    }

    @Test
    void shouldPublishTradesWithTheirSequenceAndReportMalformedFramesAndGoOn() {
        String channel = "trades.BTC-PERPETUAL.100ms";
        assertThat(subscriber.subscribeTrades(btc).join().isOk()).isTrue();
        assertThat(subscriber.tradeSequencing()).isEqualTo(TradeSequencing.CONSECUTIVE_TRADE_SEQUENCE);

        server.notify(channel, "[{\"trade_seq\":5,\"trade_id\":\"T-9\",\"timestamp\":1700000000000,"
                + "\"tick_direction\":0,\"price\":100.5,\"mark_price\":100.4,\"index_price\":100.3,"
                + "\"instrument_name\":\"BTC-PERPETUAL\",\"direction\":\"sideways\",\"amount\":10}]");
        server.notify(channel, "[{\"trade_seq\":6,\"trade_id\":\"T-10\",\"timestamp\":1700000000000,"
                + "\"tick_direction\":0,\"price\":100.5,\"mark_price\":100.4,\"index_price\":100.3,"
                + "\"instrument_name\":\"BTC-PERPETUAL\",\"direction\":\"buy\",\"amount\":10}]");

        await("the good trade", () -> trades.size() == 1);
        assertThat(trades.get(0).getTradeSequence()).isEqualTo(6L);
        assertThat(trades.get(0).getPrice()).isEqualByComparingTo(new BigDecimal("100.5"));
        assertThat(malformed).hasSize(1);
        assertThat(malformed.get(0).payload()).contains("sideways");
        assertThat(malformed.get(0).reason()).contains("direction");
        assertThat(subscriber.malformedFrames()).isEqualTo(1);
    }

    @Test
    void shouldResyncBooksFromTheNewSocketsSnapshotAfterADroppedConnection() {
        assertThat(subscriber.subscribeOrderBook(btc, 0, null).join().isOk()).isTrue();
        await("the snapshot", () -> books.size() == 1);
        nextSnapshotId.set(300);

        server.faults.dropConnections();

        await("the resync snapshot", () -> books.stream().anyMatch(b -> b.getResync() && b.getSequence() == 300));
        assertThat(server.count("public/subscribe")).isEqualTo(2);
        assertThat(server.count("public/unsubscribe")).isZero();
    }

    @Test
    void shouldDeliverTickers() {
        List<Ticker> tickers = new CopyOnWriteArrayList<>();
        assertThat(subscriber.subscribeTicker(btc, tickers::add).join().isOk()).isTrue();

        server.notify("ticker.BTC-PERPETUAL.100ms", "{\"instrument_name\":\"BTC-PERPETUAL\",\"timestamp\":1,"
                + "\"best_bid_price\":100.5,\"best_ask_price\":101,\"mark_price\":100.7,\"stats\":{\"volume\":3}}");

        await("the ticker", () -> tickers.size() == 1);
        assertThat(tickers.get(0).getBidPrice()).isEqualByComparingTo("100.5");
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never happened: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
