package io.exchangebus.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.avro.ExactDecimals;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.instrument.InstrumentId;
import io.exchangebus.connectors.core.role.Capabilities;
import io.exchangebus.connectors.core.role.Subscriber;
import io.exchangebus.connectors.core.role.Subscription;
import io.exchangebus.connectors.core.role.TradeSequencing;
import io.exchangebus.events.Side;
import io.exchangebus.events.Trade;
import io.exchangebus.service.ops.ServiceMetrics;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Trades the stream skipped are fetched page by page from the last id published up to the live one, published in
 * id order and counted as backfilled; what the exchange cannot give stays counted as missed.
 */
class TradeBackfillTest {
    private static final String KEY = "binance-spot:BTCUSDT";
    private static final InstrumentId BTC = InstrumentId.spot("BTC", "USDT");

    private final ServiceMetrics registry = new ServiceMetrics("ingest", "ingest-test");
    private final IngestMetrics metrics = new IngestMetrics(registry);
    private final TradeContinuity continuity = new TradeContinuity(metrics);
    private final List<Trade> published = new ArrayList<>();

    @Test
    void shouldPublishTheSkippedTradesInOrderPageByPage() {
        HistorySubscriber exchange = new HistorySubscriber(LongStream.rangeClosed(1, 3000).boxed().toList());
        continuity.seed(KEY, 100);

        long filled = backfill(exchange).fill(BTC, gapBefore(2600), published::add);

        assertThat(filled).isEqualTo(2499);
        assertThat(ids()).containsExactlyElementsOf(LongStream.range(101, 2600).boxed().toList());
        assertThat(exchange.asked).as("paged from the last id had").containsExactly("100", "1100", "2100");
        assertThat(continuity.pending(KEY)).as("no gap left").isZero();
        assertThat(metrics.tradesBackfilled("binance-spot", "BTCUSDT")).isEqualTo(2499.0);
        assertThat(metrics.tradesMissed("binance-spot", "BTCUSDT")).isZero();
        assertThat(registry.scrape()).contains("exbus_trades_backfilled_total{exchange=\"binance-spot\"");
    }

    @Test
    void shouldCountWhatTheExchangeNoLongerKeepsAsMissed() {
        HistorySubscriber exchange = new HistorySubscriber(LongStream.rangeClosed(150, 300).boxed().toList());
        continuity.seed(KEY, 100);

        backfill(exchange).fill(BTC, gapBefore(200), published::add);

        assertThat(ids()).containsExactlyElementsOf(LongStream.range(150, 200).boxed().toList());
        assertThat(metrics.tradesMissed("binance-spot", "BTCUSDT")).as("101..149 are gone").isEqualTo(49.0);
    }

    @Test
    void shouldLeaveTheGapToBeCountedWhenTheExchangeHasNoTradeHistory() {
        HistorySubscriber exchange = new HistorySubscriber(List.of());
        exchange.unsupported = true;
        continuity.seed(KEY, 100);

        long filled = backfill(exchange).fill(BTC, gapBefore(110), published::add);

        assertThat(filled).isZero();
        assertThat(published).isEmpty();
        assertThat(metrics.tradesMissed("binance-spot", "BTCUSDT")).isEqualTo(9.0);
    }

    /** The gap live trade {@code liveId} opens after the seeded last id. */
    private TradeContinuity.Gap gapBefore(long liveId) {
        return continuity.admit("binance-spot", KEY, TradeSequencing.CONSECUTIVE_TRADE_ID,
                HistorySubscriber.trade(liveId)).gap();
    }

    private TradeBackfill backfill(Subscriber subscriber) {
        return new TradeBackfill("binance-spot", subscriber, continuity, metrics, CompletableFuture::join);
    }

    private List<Long> ids() {
        return published.stream().map(t -> Long.parseLong(t.getTradeId())).toList();
    }

    /** An exchange whose trade history holds {@code ids}; it answers at most 1000 a page. */
    private static final class HistorySubscriber implements Subscriber {
        private final List<Long> history;
        final List<String> asked = new ArrayList<>();
        boolean unsupported;

        HistorySubscriber(List<Long> history) {
            this.history = history;
        }

        @Override
        public CompletableFuture<Result<List<Trade>>> tradesAfter(InstrumentId instrument, String lastTradeId,
                                                                  int limit) {
            if (unsupported) {
                return Subscriber.super.tradesAfter(instrument, lastTradeId, limit);
            }
            asked.add(lastTradeId);
            long after = Long.parseLong(lastTradeId);
            return CompletableFuture.completedFuture(Result.ok(history.stream().filter(id -> id > after)
                    .limit(Math.min(limit, 1000)).map(HistorySubscriber::trade).toList()));
        }

        private static Trade trade(long id) {
            return Trade.newBuilder().setExchange("binance-spot").setSymbol("BTCUSDT").setInstrumentId("BTC-USDT")
                    .setTradeId(Long.toString(id)).setPrice(ExactDecimals.exact("price", new BigDecimal("60000")))
                    .setQuantity(ExactDecimals.exact("quantity", new BigDecimal("0.001")))
                    .setAggressorSide(Side.BUY).setExchangeTime(Instant.ofEpochMilli(id))
                    .setReceiveTime(Instant.ofEpochMilli(id)).build();
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
