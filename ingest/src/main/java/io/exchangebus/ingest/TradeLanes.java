package io.exchangebus.ingest;

import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.role.TradeSequencing;
import io.exchangebus.events.Trade;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exchange's trades, published in order per key (exchange:symbol) while gaps are backfilled: the ordering rules
 * and threads are those written on {@link ExchangeFeed#onTrade}. A key with no open gap publishes at once; a gap
 * holds the key (its trades queued in position order) until its backfill ends or a cap ({@code maxHeld} trades,
 * {@code maxHold}) is reached. Every publication of a key happens under that key's lane lock, never held across a
 * REST call.
 */
final class TradeLanes implements AutoCloseable {
    /** Under the feed's name, as before this class was split from it. */
    private static final Logger LOG = LoggerFactory.getLogger(ExchangeFeed.class);
    /** A placeholder for a gap whose backfill is not submitted yet. */
    private static final Future<?> NOT_STARTED = java.util.concurrent.CompletableFuture.completedFuture(null);

    private final String exchange;
    private final InstrumentRegistry instruments;
    private final MarketPublisher publisher;
    private final TradeContinuity continuity;
    private final TradeBackfill backfill;
    /** One thread: gaps are filled in the order found. */
    private final ExecutorService backfills;
    /** Ends holds that last longer than {@link #maxHold}. */
    private final ScheduledExecutorService holdTimer;
    private final int maxHeld;
    private final Duration maxHold;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

    TradeLanes(String exchange, InstrumentRegistry instruments, MarketPublisher publisher,
               TradeContinuity continuity, TradeBackfill backfill, int maxHeld, Duration maxHold) {
        this.exchange = exchange;
        this.instruments = instruments;
        this.publisher = publisher;
        this.continuity = continuity;
        this.backfill = backfill;
        this.backfills = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, exchange + "-trade-backfill");
            t.setDaemon(true);
            return t;
        });
        this.holdTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, exchange + "-trade-hold-timer");
            t.setDaemon(true);
            return t;
        });
        this.maxHeld = maxHeld;
        this.maxHold = maxHold;
    }

    /** A trade of {@code key} from the stream, on the delivery thread: published, held, or dropped as a repeat. */
    void accept(String key, TradeSequencing rule, Trade trade) {
        Lane lane = lanes.computeIfAbsent(key, k -> new Lane(rule));
        synchronized (lane) {
            TradeContinuity.Admission admission = continuity.admit(exchange, key, rule, trade);
            if (!admission.publish()) {
                LOG.debug("{}: trade {} of {} already published", exchange, trade.getTradeId(), trade.getSymbol());
                return;
            }
            if (admission.gap() == null && lane.hold == null) {
                publisher.trade(key, trade);
                return;
            }
            if (lane.hold == null) {
                hold(key, lane);
            }
            Hold hold = lane.hold;
            hold.add(trade, true);
            if (admission.gap() != null) {
                backfillLater(key, lane, admission.gap());
            }
            if (lane.hold == hold && hold.live > maxHeld) {
                release(key, lane, "more than " + maxHeld + " trades held");
            }
        }
    }


    /** {@code key}'s trades were unsubscribed: what is held is published, its open gaps counted as missed. */
    void forget(String key) {
        Lane lane = lanes.remove(key);
        if (lane != null) {
            synchronized (lane) {
                release(key, lane, "its trades were unsubscribed");
            }
        }
    }

    /** Interrupts the backfills (what they had not got counts as missed) and publishes everything held. */
    @Override
    public void close() {
        backfills.shutdownNow();
        holdTimer.shutdownNow();
        try {
            if (!backfills.awaitTermination(ExchangeFeed.CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("{}: a trade backfill did not stop", exchange);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lanes.forEach((key, lane) -> {
            synchronized (lane) {
                release(key, lane, "closing");
            }
        });
    }

    /** Holds {@code key}'s trades back from now on; called under the lane's lock. */
    private void hold(String key, Lane lane) {
        Hold hold = new Hold(lane.rule);
        lane.hold = hold;
        try {
            hold.deadline = holdTimer.schedule(() -> {
                synchronized (lane) {
                    if (lane.hold == hold) {
                        release(key, lane, "held for " + maxHold.toMillis() + " ms");
                    }
                }
            }, maxHold.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            // closing: the backfill is refused too, which ends the hold at once
        }
    }

    /** Starts backfilling {@code gap} of the held {@code key}; called under the lane's lock. */
    private void backfillLater(String key, Lane lane, TradeContinuity.Gap gap) {
        LOG.warn("{}: {} trades of {} skipped before {}: backfilling, holding later trades back", exchange,
                gap.size(), gap.symbol(), gap.to() + 1);
        Hold hold = lane.hold;
        hold.open.put(gap, NOT_STARTED);
        Optional<InstrumentDefinition> instrument = instruments.bySymbol(gap.symbol());
        if (instrument.isEmpty()) {
            gapEnded(key, lane, hold, gap);
            return;
        }
        try {
            // the task needs the lane's lock to hand over what it fetched, so it cannot end before this put
            hold.open.put(gap, backfills.submit(() -> backfill(key, lane, hold, instrument.get(), gap)));
        } catch (RejectedExecutionException closing) {
            gapEnded(key, lane, hold, gap);
        }
    }

    /** On the backfill thread: fills {@code gap}, queuing its trades in {@code hold}, then ends the gap. */
    private void backfill(String key, Lane lane, Hold hold, InstrumentDefinition instrument,
                          TradeContinuity.Gap gap) {
        try {
            backfill.fillInto(instrument.id(), gap, (position, trade) -> {
                synchronized (lane) {
                    if (lane.hold != hold || !continuity.fillIn(gap, position)) {
                        return false; // the hold was released (its gaps counted), or the stream delivered it
                    }
                    hold.add(trade, false);
                    return true;
                }
            });
        } finally {
            synchronized (lane) {
                if (lane.hold == hold) {
                    gapEnded(key, lane, hold, gap);
                }
            }
        }
    }

    /** Settles {@code gap}; when it was the hold's last, publishes what is held. Under the lane's lock. */
    private void gapEnded(String key, Lane lane, Hold hold, TradeContinuity.Gap gap) {
        hold.open.remove(gap);
        continuity.close(gap);
        if (hold.open.isEmpty()) {
            publishHeld(key, lane, hold);
        }
    }

    /**
     * Stops waiting for {@code key}'s backfills (interrupting them; what they had not fetched is counted as missed)
     * and publishes what is held. Under the lane's lock; nothing when the key is not held.
     */
    private void release(String key, Lane lane, String why) {
        Hold hold = lane.hold;
        if (hold == null) {
            return;
        }
        long missed = 0;
        for (Map.Entry<TradeContinuity.Gap, Future<?>> open : hold.open.entrySet()) {
            open.getValue().cancel(true);
            missed += continuity.close(open.getKey());
        }
        hold.open.clear();
        LOG.warn("{}: stopped waiting for the backfill of {} ({}): {} trades counted as missed, {} held published",
                exchange, key, why, missed, hold.size());
        publishHeld(key, lane, hold);
    }

    private void publishHeld(String key, Lane lane, Hold hold) {
        if (hold.deadline != null) {
            hold.deadline.cancel(false);
        }
        lane.hold = null;
        hold.byPosition.values().forEach(t -> publisher.trade(key, t));
        hold.unplaced.forEach(t -> publisher.trade(key, t));
    }

    /** A trade key's lock (the object's monitor) and hold. */
    private static final class Lane {
        final TradeSequencing rule;
        /** The trades held back while gaps are backfilled; null when the key is live. Guarded by this. */
        Hold hold;

        Lane(TradeSequencing rule) {
            this.rule = rule;
        }
    }

    /** A held key's queued trades and open gaps; guarded by its lane's lock. */
    private static final class Hold {
        final TradeSequencing rule;
        final Map<TradeContinuity.Gap, Future<?>> open = new IdentityHashMap<>();
        /** Positions are unique: {@link TradeContinuity} admits each once. */
        final TreeMap<Long, Trade> byPosition = new TreeMap<>();
        final List<Trade> unplaced = new ArrayList<>();
        int live;
        ScheduledFuture<?> deadline;

        Hold(TradeSequencing rule) {
            this.rule = rule;
        }

        void add(Trade trade, boolean isLive) {
            Long position = rule.position(trade);
            if (position == null) {
                unplaced.add(trade);
            } else {
                byPosition.put(position, trade);
            }
            if (isLive) {
                live++;
            }
        }

        int size() {
            return byPosition.size() + unplaced.size();
        }
    }
}
