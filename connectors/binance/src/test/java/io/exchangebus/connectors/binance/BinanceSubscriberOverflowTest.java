package io.exchangebus.connectors.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.binance.config.BinanceConfig;
import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.connection.FramesDropped;
import io.exchangebus.connectors.core.contract.ReplayedBook;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentId;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.instrument.TradingRules;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Subscriber;
import io.exchangebus.connectors.core.role.Subscription;
import io.exchangebus.connectors.core.ws.BackoffPolicy;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.Trade;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A market-data connection whose consumer is too slow, over a real loopback socket (the scripted market): a hand-off
 * queue of one frame and a listener held on a frame make the connection drop the diffs that follow. The drop must
 * be counted (passed to the subscriber's listener as {@link FramesDropped} for the connection) and the book on that
 * connection resynchronised: invalidated, its snapshot fetched again and published whole with {@code resync=true}.
 */
class BinanceSubscriberOverflowTest {
    private static final String SPOT_DEPTH = "btcusdt@depth@100ms";

    private ScriptedMarket market;
    private BinanceSubscriber subscriber;
    private volatile CountDownLatch hold;
    private final List<BookUpdate> books = new CopyOnWriteArrayList<>();
    private final List<FramesDropped> drops = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        release();
        if (subscriber != null) {
            subscriber.close();
        }
        if (market != null) {
            market.close();
        }
    }

    @Test
    void shouldCountDroppedDiffsAndResyncTheBookFromANewSnapshot() throws Exception {
        start();
        subscribeFullDepth();
        market.depth(snapshot(100, "65000.00", "1.5", "65001.00", "2"));
        market.send(SPOT_DEPTH, spotDiff(100, 102, "65000.00", "1.25"));
        await("the snapshot fetched", () -> market.depthHits() == 1);
        market.send(SPOT_DEPTH, spotDiff(103, 105, "64999.50", "0.1"));
        await("the book at 105", () -> !books.isEmpty() && last().getSequence() == 105);

        market.depth(snapshot(200, "63000.00", "1", "63001.00", "1"));
        hold = new CountDownLatch(1);
        // the first held by the listener, one queued, twelve dropped (thirteen when the second frame arrives
        // before the consumer has taken the first off the queue)
        for (long u = 106; u < 120; u++) {
            market.send(SPOT_DEPTH, spotDiff(u, u, "65000.00", "1." + u));
        }
        Thread.sleep(500); // every frame read meanwhile
        release();

        await("a resync snapshot", () -> books.stream().anyMatch(BookUpdate::getResync));
        BookUpdate resync = books.stream().filter(BookUpdate::getResync).findFirst().orElseThrow();
        assertThat(resync.getKind()).isEqualTo(BookUpdateKind.SNAPSHOT);
        assertThat(resync.getSequence()).isEqualTo(200);
        assertThat(market.depthHits()).as("the snapshot asked for again").isEqualTo(2);
        market.send(SPOT_DEPTH, spotDiff(199, 201, "63000.00", "2")); // bridges 200
        await("the book at 201", () -> last().getSequence() == 201);
        assertThat(ReplayedBook.of(new ArrayList<>(books)).toString()).isEqualTo("bids 63000@2 | asks 63001@1");

        await("the drops told to the listener", () -> drops.stream().mapToLong(FramesDropped::dropped).sum() >= 12);
        assertThat(drops).allSatisfy(d -> assertThat(d.connection()).isEqualTo("binance-spot-md-1"));
        assertThat(drops.stream().mapToLong(FramesDropped::dropped).sum()).isBetween(12L, 13L);
    }

    private void start() throws Exception {
        market = new ScriptedMarket(BinanceVenue.SPOT);
        BinanceConfig config = BinanceConfig.builder(market.endpoints()).build();
        InstrumentRegistry registry = new InstrumentRegistry(BinanceVenue.SPOT.exchange());
        registry.replaceAll(List.of(new InstrumentDefinition(BinanceVenue.SPOT.exchange(), "BTCUSDT",
                InstrumentId.spot("BTC", "USDT"), "USDT", null, new TradingRules(new BigDecimal("0.01"),
                new BigDecimal("0.00001"), new BigDecimal("0.00001"), new BigDecimal("9000"), new BigDecimal("5"),
                BigDecimal.ONE), true)));
        subscriber = new BinanceSubscriber(config, registry, b -> b.handOffCapacity(1)
                .backoff(new BackoffPolicy(Duration.ofMillis(50), Duration.ofMillis(200), 2.0, 0.2)));
        Result<Void> connected = subscriber.connect(new Subscriber.Listener() {
            @Override
            public void onBookUpdate(BookUpdate update) {
                books.add(update);
            }

            @Override
            public void onTrade(Trade trade) {
            }

            @Override
            public void onMalformedFrame(MalformedFrame frame) {
            }

            @Override
            public void onRawFrame(String channel, String symbol, String payload, Instant receiveTime) {
                CountDownLatch l = hold; // on the connection's consumer thread: holding it fills the queue
                if (l != null) {
                    try {
                        l.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            @Override
            public void onConnectionEvent(ConnectionEvent event) {
            }

            @Override
            public void onFramesDropped(FramesDropped event) {
                drops.add(event);
            }
        }).get(5, TimeUnit.SECONDS);
        assertThat(connected.isOk()).as("connected: %s", connected).isTrue();
    }

    private void release() {
        CountDownLatch l = hold;
        hold = null;
        if (l != null) {
            l.countDown();
        }
    }

    private void subscribeFullDepth() throws Exception {
        Result<Subscription> r = subscriber.subscribeOrderBook(InstrumentId.spot("BTC", "USDT"), 0, Duration.ZERO)
                .get(5, TimeUnit.SECONDS);
        assertThat(r.isOk()).as("subscribed: %s", r).isTrue();
        await("depth subscribed", () -> market.isSubscribed(SPOT_DEPTH));
    }

    private BookUpdate last() {
        return books.get(books.size() - 1);
    }

    private static String snapshot(long id, String bid, String bidQty, String ask, String askQty) {
        return "{\"lastUpdateId\":" + id + ",\"bids\":[[\"" + bid + "\",\"" + bidQty + "\"]],\"asks\":[[\"" + ask
                + "\",\"" + askQty + "\"]]}";
    }

    private static String spotDiff(long first, long last, String bid, String bidQty) {
        return "{\"e\":\"depthUpdate\",\"E\":1700000000000,\"s\":\"BTCUSDT\",\"U\":" + first + ",\"u\":" + last
                + ",\"b\":[[\"" + bid + "\",\"" + bidQty + "\"]],\"a\":[]}";
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
