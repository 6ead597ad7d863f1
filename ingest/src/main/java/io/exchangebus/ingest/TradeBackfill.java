package io.exchangebus.ingest;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.instrument.InstrumentId;
import io.exchangebus.connectors.core.role.Subscriber;
import io.exchangebus.events.Trade;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills a break in a key's trade ids from the exchange's trade history ({@link Subscriber#tradesAfter}), before the
 * live trade that revealed it is published, so each key's trades reach the topic in id order with none missing.
 * A break shows at start (the first live trade after the last id on the topic, see {@link LastTrades}) and after a
 * reconnect. Pages of {@value #PAGE} from the last id published until the live trade's id; ids not newer than the
 * last published are skipped, ids from the live one on are left to the stream. What cannot be fetched (the exchange
 * has no trade history, the call fails, or the trades are older than the exchange keeps) stays a gap that
 * {@link TradeContinuity} counts as missed.
 *
 * <p>Runs on the connector's delivery thread, blocking it for the REST calls (each bounded by
 * {@link ExchangeFeed#CALL_TIMEOUT}): simple, and it keeps the key's order; a long gap delays the feed's other
 * events by as long as the pages take.
 */
final class TradeBackfill {
    private static final Logger LOG = LoggerFactory.getLogger(TradeBackfill.class);
    static final int PAGE = 1000;

    private final String exchange;
    private final Subscriber subscriber;
    private final TradeContinuity continuity;
    private final IngestMetrics metrics;
    private final Function<CompletableFuture<Result<List<Trade>>>, Result<List<Trade>>> await;
    private final AtomicBoolean unsupportedLogged = new AtomicBoolean();

    TradeBackfill(String exchange, Subscriber subscriber, TradeContinuity continuity, IngestMetrics metrics,
                  Function<CompletableFuture<Result<List<Trade>>>, Result<List<Trade>>> await) {
        this.exchange = exchange;
        this.subscriber = subscriber;
        this.continuity = continuity;
        this.metrics = metrics;
        this.await = await;
    }

    /**
     * Publishes, through {@code publish}, the trades of {@code instrument} after {@code lastId} and before
     * {@code liveId}, oldest first, each recorded with {@link TradeContinuity#observe}.
     *
     * @return how many were published
     */
    long fill(InstrumentId instrument, String symbol, String key, long lastId, long liveId,
              java.util.function.Consumer<Trade> publish) {
        long after = lastId;
        long published = 0;
        while (after < liveId - 1) {
            Result<List<Trade>> page = await.apply(subscriber.tradesAfter(instrument, Long.toString(after), PAGE));
            if (!page.isOk()) {
                failed(symbol, after, liveId, page);
                break;
            }
            boolean reachedLive = false;
            for (Trade trade : page.value()) {
                Long id = TradeContinuity.numeric(trade.getTradeId());
                if (id == null || id <= after) {
                    continue; // not comparable, or already published
                }
                if (id >= liveId) {
                    reachedLive = true; // the stream delivers it
                    break;
                }
                continuity.observe(exchange, symbol, key, trade.getTradeId());
                publish.accept(trade);
                after = id;
                published++;
            }
            if (reachedLive || page.value().size() < PAGE) {
                break; // caught up with the live trade, or with all the exchange has
            }
        }
        if (published > 0) {
            metrics.tradesBackfilled(exchange, symbol, published);
            LOG.info("{}: backfilled {} trades of {} after {} (live stream at {})", exchange, published, symbol,
                    lastId, liveId);
        }
        return published;
    }

    private void failed(String symbol, long after, long liveId, Result<List<Trade>> page) {
        if (page.error().code() != null && page.error().code().equals("UNSUPPORTED")) {
            if (unsupportedLogged.compareAndSet(false, true)) {
                LOG.warn("{}: no trade history to backfill from: trade gaps are counted as missed ({})", exchange,
                        page.error());
            }
            return;
        }
        LOG.warn("{}: backfilling trades of {} after {} (live at {}) failed: the rest of the gap is counted as"
                + " missed: {}", exchange, symbol, after, liveId, page.error());
    }
}
