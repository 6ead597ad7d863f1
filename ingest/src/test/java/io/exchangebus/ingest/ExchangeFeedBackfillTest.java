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
import io.exchangebus.events.Trade;
import io.exchangebus.service.ops.ServiceMetrics;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
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
 * A gap's backfill runs off the delivery thread: while the exchange's history is slow to answer, later live trades
 * are published at once; the backfilled ones follow when it answers, each trade once.
 */
class ExchangeFeedBackfillTest {
    private static final String KEY = "binance-spot:BTCUSDT";
    private static final InstrumentId BTC = InstrumentId.spot("BTC", "USDT");

    private final ServiceMetrics registry = new ServiceMetrics("ingest", "ingest-test");
    private final IngestMetrics metrics = new IngestMetrics(registry);
    private final TradeContinuity continuity = new TradeContinuity(metrics);
    private final MockProducer<String, SpecificRecord> producer = new MockProducer<>(true, null,
            new StringSerializer(), (topic, value) -> new byte[0]);
    private final SlowHistory exchange = new SlowHistory();
    private final ExchangeFeed feed = new ExchangeFeed("binance-spot", exchange, instruments(),
            new MarketPublisher(producer, null, metrics, Clock.systemUTC()), null, metrics, continuity, false);

    @AfterEach
    void close() {
        feed.close();
    }

    @Test
    void shouldKeepPublishingLiveTradesWhileABackfillIsHeldBack() {
        continuity.seed(KEY, 100);

        feed.onTrade(trade(105)); // opens gap 101..104; its backfill waits for the history
        feed.onTrade(trade(106));
        feed.onTrade(trade(103)); // the stream delivers one of the gap late
        feed.onTrade(trade(107));

        assertThat(published()).as("live trades, without waiting for the history").containsExactly(105L, 106L,
                103L, 107L);
        waitUntil(() -> !exchange.asked.isEmpty());
        assertThat(exchange.asked).containsExactly("100");

        exchange.answer.complete(Result.ok(LongStream.rangeClosed(101, 107).mapToObj(ExchangeFeedBackfillTest::trade)
                .toList()));

        waitUntil(() -> published().size() == 7);
        assertThat(published()).as("the gap's trades after the live ones, oldest first, 103 not twice")
                .containsExactly(105L, 106L, 103L, 107L, 101L, 102L, 104L);
        assertThat(metrics.tradesBackfilled("binance-spot", "BTCUSDT")).isEqualTo(3.0);
        assertThat(metrics.tradesMissed("binance-spot", "BTCUSDT")).isZero();
        assertThat(continuity.pending(KEY)).isZero();
    }

    @Test
    void shouldCountTheGapAsMissedWhenTheHistoryFailsAndPublishNothingTwice() {
        continuity.seed(KEY, 100);
        feed.onTrade(trade(104));
        feed.onTrade(trade(104));
        waitUntil(() -> !exchange.asked.isEmpty());

        exchange.answer.complete(Result.err(ExchangeError.network("binance-spot", "connection reset")));

        waitUntil(() -> metrics.tradesMissed("binance-spot", "BTCUSDT") == 3.0);
        assertThat(published()).containsExactly(104L);
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

    private List<Long> published() {
        return producer.history().stream().map(ProducerRecord::value).map(v -> Long.parseLong(((Trade) v)
                .getTradeId())).toList();
    }

    private static Trade trade(long id) {
        return TradeSequencingRulesTest.trade("binance-spot", "BTCUSDT", Long.toString(id), null);
    }

    private static InstrumentRegistry instruments() {
        InstrumentRegistry registry = new InstrumentRegistry("binance-spot");
        registry.replaceAll(List.of(new InstrumentDefinition("binance-spot", "BTCUSDT", BTC, "USDT", null,
                new TradingRules(new BigDecimal("0.01"), new BigDecimal("0.00001"), new BigDecimal("0.00001"),
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
