package io.exchangebus.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentId;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.instrument.TradingRules;
import io.exchangebus.connectors.core.role.Capabilities;
import io.exchangebus.connectors.core.role.Subscriber;
import io.exchangebus.connectors.core.role.Subscription;
import io.exchangebus.connectors.core.role.TradeSequencing;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.Trade;
import io.exchangebus.service.ops.ServiceMetrics;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A gap's backfill runs off the delivery thread and holds the gapped key's later live trades back until it ends, so
 * the key's trades reach the topic in id order; other keys and books are never delayed; a backfill that takes too
 * long, or a key that holds too many trades, stops the wait (the rest of the gap counted as missed).
 */
class ExchangeFeedBackfillTest {
    private static final String KEY = "binance-spot:BTCUSDT";
    private static final InstrumentId BTC = InstrumentId.spot("BTC", "USDT");
    private static final InstrumentId ETH = InstrumentId.spot("ETH", "USDT");

    private final ServiceMetrics registry = new ServiceMetrics("ingest", "ingest-test");
    private final IngestMetrics metrics = new IngestMetrics(registry);
    private final TradeContinuity continuity = new TradeContinuity(metrics);
    private final MockProducer<String, SpecificRecord> producer = new MockProducer<>(true, null,
            new StringSerializer(), (topic, value) -> new byte[0]);
    private final SlowHistory exchange = new SlowHistory();
    private ExchangeFeed feed = feed(ExchangeFeed.MAX_HELD, ExchangeFeed.MAX_HOLD);

    @AfterEach
    void close() {
        feed.close();
    }

    @Test
    void shouldHoldTheGappedKeysTradesUntilItsBackfillEndsWithoutDelayingOtherKeysOrBooks() {
        continuity.seed(KEY, 100);

        feed.onTrade(trade(105)); // opens gap 101..104; its backfill waits for the history; BTCUSDT is held
        feed.onTrade(trade(106));
        feed.onTrade(trade(103)); // the stream delivers one of the gap late
        feed.onTrade(trade("ETHUSDT", 50));
        feed.onBookUpdate(book("BTCUSDT"));
        feed.onTrade(trade(107));
        feed.onTrade(trade("ETHUSDT", 51));

        assertThat(published()).as("the other key's trades at once, the held key's none")
                .containsExactly("ETHUSDT:50", "ETHUSDT:51");
        assertThat(books()).as("books at once, the held key's too").isEqualTo(1);
        waitUntil(() -> !exchange.asked.isEmpty());
        assertThat(exchange.asked).containsExactly("100");

        exchange.answer.complete(Result.ok(LongStream.rangeClosed(101, 107).mapToObj(ExchangeFeedBackfillTest::trade)
                .toList()));

        waitUntil(() -> published().size() == 9);
        assertThat(published()).as("the held key's trades after the backfill, in id order, 103 once")
                .containsExactly("ETHUSDT:50", "ETHUSDT:51", "BTCUSDT:101", "BTCUSDT:102", "BTCUSDT:103",
                        "BTCUSDT:104", "BTCUSDT:105", "BTCUSDT:106", "BTCUSDT:107");
        assertThat(metrics.tradesBackfilled("binance-spot", "BTCUSDT")).isEqualTo(3.0);
        assertThat(metrics.tradesMissed("binance-spot", "BTCUSDT")).isZero();
        assertThat(continuity.pending(KEY)).isZero();

        feed.onTrade(trade(108));
        assertThat(published()).as("live again").endsWith("BTCUSDT:108").hasSize(10);
    }

    @Test
    void shouldCountTheGapAsMissedWhenTheHistoryFailsAndPublishNothingTwice() {
        continuity.seed(KEY, 100);
        feed.onTrade(trade(104));
        feed.onTrade(trade(104));
        waitUntil(() -> !exchange.asked.isEmpty());

        exchange.answer.complete(Result.err(ExchangeError.network("binance-spot", "connection reset")));

        waitUntil(() -> metrics.tradesMissed("binance-spot", "BTCUSDT") == 3.0);
        waitUntil(() -> !published().isEmpty());
        assertThat(published()).containsExactly("BTCUSDT:104");
    }

    @Test
    void shouldStopHoldingAfterTheCapOnTimeWhenTheHistoryNeverAnswers() {
        feed.close();
        feed = feed(ExchangeFeed.MAX_HELD, Duration.ofMillis(300));
        continuity.seed(KEY, 100);

        feed.onTrade(trade(105));
        feed.onTrade(trade(106));
        assertThat(published()).isEmpty();

        waitUntil(() -> published().size() == 2);
        assertThat(published()).containsExactly("BTCUSDT:105", "BTCUSDT:106");
        assertThat(metrics.tradesMissed("binance-spot", "BTCUSDT")).isEqualTo(4.0);
        assertThat(continuity.pending(KEY)).isZero();

        feed.onTrade(trade(107));
        exchange.answer.complete(Result.ok(LongStream.rangeClosed(101, 104).mapToObj(ExchangeFeedBackfillTest::trade)
                .toList()));
        assertThat(published()).as("live again; the gap's trades, counted as missed, never after later ones")
                .containsExactly("BTCUSDT:105", "BTCUSDT:106", "BTCUSDT:107");
        assertThat(metrics.tradesBackfilled("binance-spot", "BTCUSDT")).isZero();
    }

    @Test
    void shouldStopHoldingWhenTheKeyHoldsMoreThanTheCapOnTrades() {
        feed.close();
        feed = feed(3, Duration.ofMinutes(1));
        continuity.seed(KEY, 100);

        feed.onTrade(trade(105));
        feed.onTrade(trade(106));
        feed.onTrade(trade(107));
        assertThat(published()).isEmpty();
        feed.onTrade(trade(108)); // the fourth held: over the cap

        assertThat(published()).containsExactly("BTCUSDT:105", "BTCUSDT:106", "BTCUSDT:107", "BTCUSDT:108");
        // Counted by whichever closes the gap first: the release, or the backfill it interrupts, which then counts
        // on its own thread (the suite once read 0 here, between the two).
        waitUntil(() -> metrics.tradesMissed("binance-spot", "BTCUSDT") >= 4.0);
        assertThat(metrics.tradesMissed("binance-spot", "BTCUSDT")).isEqualTo(4.0);
        feed.onTrade(trade(109));
        assertThat(published()).endsWith("BTCUSDT:109");
    }

    @Test
    void shouldPublishWhatIsHeldWhenClosed() {
        continuity.seed(KEY, 100);
        feed.onTrade(trade(103));
        feed.onTrade(trade(104));
        waitUntil(() -> !exchange.asked.isEmpty());

        feed.close();

        assertThat(published()).containsExactly("BTCUSDT:103", "BTCUSDT:104");
        assertThat(metrics.tradesMissed("binance-spot", "BTCUSDT")).isEqualTo(2.0);
    }

    private ExchangeFeed feed(int maxHeld, Duration maxHold) {
        return new ExchangeFeed("binance-spot", exchange, instruments(),
                new MarketPublisher(producer, null, metrics, Clock.systemUTC()), null, metrics, continuity, false,
                maxHeld, maxHold);
    }

    private static void waitUntil(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 5 s").isLessThan(deadline);
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** The trades published, as symbol:id. */
    private List<String> published() {
        return producer.history().stream().map(ProducerRecord::value).filter(Trade.class::isInstance)
                .map(v -> ((Trade) v).getSymbol() + ":" + ((Trade) v).getTradeId()).toList();
    }

    private long books() {
        return producer.history().stream().map(ProducerRecord::value).filter(BookUpdate.class::isInstance).count();
    }

    private static Trade trade(long id) {
        return trade("BTCUSDT", id);
    }

    private static Trade trade(String symbol, long id) {
        return TradeSequencingRulesTest.trade("binance-spot", symbol, Long.toString(id), null);
    }

    private static BookUpdate book(String symbol) {
        return BookUpdate.newBuilder().setExchange("binance-spot").setSymbol(symbol).setInstrumentId(symbol)
                .setKind(BookUpdateKind.SNAPSHOT).setDepth(5).setSequence(1).setBids(List.of()).setAsks(List.of())
                .setReceiveTime(Instant.now()).build();
    }

    private static InstrumentRegistry instruments() {
        InstrumentRegistry registry = new InstrumentRegistry("binance-spot");
        registry.replaceAll(List.of(new InstrumentDefinition("binance-spot", "BTCUSDT", BTC, "USDT", null,
                new TradingRules(new BigDecimal("0.01"), new BigDecimal("0.00001"), new BigDecimal("0.00001"),
                        new BigDecimal("9000"), new BigDecimal("5"), BigDecimal.ONE), true),
                new InstrumentDefinition("binance-spot", "ETHUSDT", ETH, "USDT", null,
                new TradingRules(new BigDecimal("0.01"), new BigDecimal("0.0001"), new BigDecimal("0.0001"),
                        new BigDecimal("9000"), new BigDecimal("5"), BigDecimal.ONE), true)));
        return registry;
    }

    /** Numbers trades one by one per symbol, like Binance; its trade history answers when the test says. */
    private static final class SlowHistory implements Subscriber {
        final CompletableFuture<Result<List<Trade>>> answer = new CompletableFuture<>();
        final List<String> asked = new CopyOnWriteArrayList<>();

        @Override
        public TradeSequencing tradeSequencing() {
            return TradeSequencing.CONSECUTIVE_TRADE_ID;
        }

        @Override
        public CompletableFuture<Result<List<Trade>>> tradesAfter(InstrumentId instrument, String lastTradeId,
                                                                  int limit) {
            asked.add(lastTradeId);
            return answer;
        }

        @Override
        public String exchange() {
            return "binance-spot";
        }

        @Override
        public Capabilities capabilities() {
            return Capabilities.of("binance-spot", Set.of());
        }

        @Override
        public CompletableFuture<Result<Void>> connect(Listener listener) {
            return CompletableFuture.completedFuture(Result.ok(null));
        }

        @Override
        public CompletableFuture<Result<Subscription>> subscribeOrderBook(InstrumentId instrument, int topN,
                                                                          Duration interval) {
            return CompletableFuture.completedFuture(Result.err(ExchangeError.unsupported("binance-spot", "BOOK")));
        }

        @Override
        public CompletableFuture<Result<Subscription>> subscribeTrades(InstrumentId instrument) {
            return CompletableFuture.completedFuture(Result.err(ExchangeError.unsupported("binance-spot", "TRADES")));
        }

        @Override
        public CompletableFuture<Result<Void>> unsubscribe(Subscription subscription) {
            return CompletableFuture.completedFuture(Result.ok(null));
        }

        @Override
        public void close() {
        }
    }
}
