package io.exchangebus.ingest;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.instrument.InstrumentId;
import io.exchangebus.connectors.core.role.Subscriber;
import io.exchangebus.events.Trade;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills a {@link TradeContinuity.Gap} from the exchange's trade history ({@link Subscriber#tradesAfter}), paged by
 * position under the gap's rule, {@value #PAGE} at a time, from the position before the gap to its end. A break shows
 * at start (the first live trade after the last position on the topic, see {@link LastTrades}) and after a
 * reconnect. Each fetched trade is published only if its place is still open ({@link TradeContinuity#fillIn}): the
 * stream may have delivered it meanwhile. What cannot be fetched (no trade history, the call fails, or the trades
 * are older than the exchange keeps) is counted as missed when the gap is {@link TradeContinuity#close closed}.
 *
 * <p>{@link #fill} and {@link #fillInto} block their caller for the REST calls (each bounded by
 * {@link ExchangeFeed#CALL_TIMEOUT}): {@link ExchangeFeed} calls {@link #fillInto} on its backfill thread, never on
 * the connector's delivery thread, and holds the fetched trades back with the key's later live trades so that the
 * key's trades reach the topic in position order.
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
     * Publishes, through {@code publish}, the trades of {@code instrument} at the positions of {@code gap} still
     * open, oldest first, then closes the gap.
     *
     * @return how many were published
     */
    long fill(InstrumentId instrument, TradeContinuity.Gap gap, Consumer<Trade> publish) {
        return fillInto(instrument, gap, (position, trade) -> {
            if (!continuity.fillIn(gap, position)) {
                return false;
            }
            publish.accept(trade);
            return true;
        });
    }

    /** Takes a fetched trade of a gap: claims its place ({@link TradeContinuity#fillIn}) and publishes or holds it. */
    @FunctionalInterface
    interface Sink {
        /** @return whether {@code trade} was taken (false: its place was filled meanwhile, or no longer wanted) */
        boolean offer(long position, Trade trade);
    }

    /**
     * Hands {@code sink} the trades of {@code instrument} at the positions of {@code gap}, oldest first, then closes
     * the gap. Stops, counting the rest as missed, when its thread is interrupted.
     *
     * @return how many {@code sink} took
     */
    long fillInto(InstrumentId instrument, TradeContinuity.Gap gap, Sink sink) {
        long after = gap.from() - 1;
        long published = 0;
        while (after < gap.to() && !Thread.currentThread().isInterrupted()) {
            Result<List<Trade>> page = await.apply(subscriber.tradesAfter(instrument, Long.toString(after), PAGE));
            if (!page.isOk()) {
                failed(gap, after, page);
                break;
            }
            boolean passedGap = false;
            for (Trade trade : page.value()) {
                Long position = gap.rule().position(trade);
                if (position == null || position <= after) {
                    continue; // not comparable, or already passed
                }
                if (position > gap.to()) {
                    passedGap = true; // the stream delivered it
                    break;
                }
                after = position;
                if (sink.offer(position, trade)) {
                    published++;
                }
            }
            if (passedGap || page.value().size() < PAGE) {
                break; // past the gap, or caught up with all the exchange has
            }
        }
        long missed = continuity.close(gap);
        if (published > 0) {
            metrics.tradesBackfilled(exchange, gap.symbol(), published);
        }
        LOG.info("{}: gap {}..{} of {} closed: {} backfilled, {} missed", exchange, gap.from(), gap.to(),
                gap.symbol(), published, missed);
        return published;
    }

    private void failed(TradeContinuity.Gap gap, long after, Result<List<Trade>> page) {
        if (page.error().code() != null && page.error().code().equals("UNSUPPORTED")) {
            if (unsupportedLogged.compareAndSet(false, true)) {
                LOG.warn("{}: no trade history to backfill from: trade gaps are counted as missed ({})", exchange,
                        page.error());
            }
            return;
        }
        LOG.warn("{}: backfilling trades of {} after {} (gap to {}) failed: the rest of the gap is counted as"
                + " missed: {}", exchange, gap.symbol(), after, gap.to(), page.error());
    }
}
