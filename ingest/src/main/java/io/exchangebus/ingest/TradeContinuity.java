package io.exchangebus.ingest;

import io.exchangebus.connectors.core.role.TradeSequencing;
import io.exchangebus.events.Trade;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides, per {@code exchange:symbol} key, whether a trade is new and whether it reveals a break, by the rule the
 * connector declares ({@link TradeSequencing}):
 * <ul>
 * <li>consecutive rules: each trade has a position (its id, or its per-instrument sequence) one more than the last;
 * a position past the next one opens a {@link Gap} of the skipped positions, which {@link TradeBackfill} fills while
 * {@link ExchangeFeed} holds the key's later trades back; a position not newer than the highest is a repeat unless it lies in an open gap (a trade the
 * stream delivers late fills its place, and the backfill then skips it). The highest position published before this
 * process started is {@link #seed seeded} from the topic. A trade without a position is not checked;</li>
 * <li>{@link TradeSequencing#NONE}: no gaps; a repeat is a trade id among the last {@value #RECENT_IDS} of the key.</li>
 * </ul>
 * Thread-safe: the delivery thread admits live trades while a backfill thread fills gaps; each key's state is
 * guarded by its own lock.
 */
final class TradeContinuity {
    /** How many trade ids per key are remembered to drop repeats under {@link TradeSequencing#NONE}. */
    static final int RECENT_IDS = 4096;

    private final Map<String, KeyState> states = new ConcurrentHashMap<>();
    private final IngestMetrics metrics;

    TradeContinuity(IngestMetrics metrics) {
        this.metrics = metrics;
    }

    /** The verdict on a live trade: publish it or not, and the break it revealed (null when none). */
    record Admission(boolean publish, Gap gap) {
        static final Admission REPEAT = new Admission(false, null);
        static final Admission NEW = new Admission(true, null);
    }

    /**
     * Positions {@code from}..{@code to} (inclusive) of a key, skipped by the live stream, under {@code rule};
     * filled by {@link #fillIn} and settled by {@link #close}.
     */
    record Gap(String exchange, String symbol, String key, TradeSequencing rule, long from, long to,
               KeyState state) {
        long size() {
            return to - from + 1;
        }
    }

    /** The highest position published for {@code key} before this process started. */
    void seed(String key, long lastPosition) {
        KeyState state = state(key);
        synchronized (state) {
            state.high = state.high == null ? lastPosition : Math.max(state.high, lastPosition);
        }
    }

    /** Judges live trade {@code trade} of {@code key} under {@code rule}, recording it when it is to be published. */
    Admission admit(String exchange, String key, TradeSequencing rule, Trade trade) {
        KeyState state = state(key);
        if (rule == TradeSequencing.NONE) {
            synchronized (state) {
                return state.recentIds.add(trade.getTradeId()) ? state.trimmed(Admission.NEW) : Admission.REPEAT;
            }
        }
        Long position = rule.position(trade);
        if (position == null) {
            return Admission.NEW; // nothing to check it by
        }
        return admit(exchange, trade.getSymbol(), key, rule, state, position);
    }

    private static Admission admit(String exchange, String symbol, String key, TradeSequencing rule, KeyState state,
                                   long position) {
        synchronized (state) {
            Long high = state.high;
            if (high == null || position == high + 1) {
                state.high = position;
                return Admission.NEW;
            }
            if (position > high) {
                state.high = position;
                state.missing.put(high + 1, position - 1);
                return new Admission(true, new Gap(exchange, symbol, key, rule, high + 1, position - 1, state));
            }
            return state.take(position) ? Admission.NEW : Admission.REPEAT;
        }
    }

    /**
     * Claims position {@code position} of {@code gap} for a trade fetched to fill it.
     *
     * @return whether to publish it: false when the stream delivered it meanwhile, it lies outside the gap, or the
     *     key was {@link #forget forgotten}
     */
    boolean fillIn(Gap gap, long position) {
        if (position < gap.from() || position > gap.to()) {
            return false;
        }
        synchronized (gap.state()) {
            return !gap.state().forgotten && gap.state().take(position);
        }
    }

    /**
     * Ends the filling of {@code gap}: what is still missing of it is given up and counted as missed.
     *
     * @return how many positions were missed
     */
    long close(Gap gap) {
        long missed;
        synchronized (gap.state()) {
            missed = gap.state().forgotten ? 0 : gap.state().giveUp(gap.from(), gap.to());
        }
        if (missed > 0) {
            metrics.tradeGap(gap.exchange(), gap.symbol(), missed);
        }
        return missed;
    }

    /**
     * Records trade {@code tradeId} of {@code exchange:symbol} under {@link TradeSequencing#CONSECUTIVE_TRADE_ID}
     * with no backfill: a break is counted as missed at once.
     *
     * @return how many ids were skipped (0 when none, or the id is not a number or not newer)
     */
    long observe(String exchange, String symbol, String key, String tradeId) {
        Long id = TradeContinuity.numeric(tradeId);
        if (id == null) {
            return 0;
        }
        Admission admission = admit(exchange, symbol, key, TradeSequencing.CONSECUTIVE_TRADE_ID, state(key), id);
        return admission.gap() == null ? 0 : close(admission.gap());
    }

    /** The highest position published for {@code key} (seeded or admitted); null when none is known. */
    Long lastId(String key) {
        KeyState state = states.get(key);
        if (state == null) {
            return null;
        }
        synchronized (state) {
            return state.high;
        }
    }

    /** How many positions of {@code key} are in open gaps, not yet filled nor given up. */
    long pending(String key) {
        KeyState state = states.get(key);
        if (state == null) {
            return 0;
        }
        synchronized (state) {
            return state.missing.entrySet().stream().mapToLong(e -> e.getValue() - e.getKey() + 1).sum();
        }
    }

    /** {@code tradeId} as a number; null when it is not a whole number. */
    static Long numeric(String tradeId) {
        try {
            return Long.parseLong(tradeId);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Forgets {@code key}, when its trades are unsubscribed: a later subscription starts afresh, and a backfill
     * still running for it publishes nothing more.
     */
    void forget(String key) {
        KeyState state = states.remove(key);
        if (state != null) {
            synchronized (state) {
                state.forgotten = true;
            }
        }
    }

    private KeyState state(String key) {
        return states.computeIfAbsent(key, k -> new KeyState());
    }

    /** One key's record; every field guarded by the object's lock. */
    static final class KeyState {
        private Long high;
        /** Open gaps' positions not yet published: first → last, inclusive, disjoint. */
        private final NavigableMap<Long, Long> missing = new TreeMap<>();
        private final LinkedHashSet<String> recentIds = new LinkedHashSet<>();
        private boolean forgotten;

        /** Takes {@code position} out of the missing ranges; false when it was not missing. */
        private boolean take(long position) {
            Map.Entry<Long, Long> range = missing.floorEntry(position);
            if (range == null || range.getValue() < position) {
                return false;
            }
            missing.remove(range.getKey());
            if (range.getKey() < position) {
                missing.put(range.getKey(), position - 1);
            }
            if (position < range.getValue()) {
                missing.put(position + 1, range.getValue());
            }
            return true;
        }

        /** Removes the missing positions within {@code from}..{@code to}; returns how many there were. */
        private long giveUp(long from, long to) {
            long count = 0;
            Map.Entry<Long, Long> range = missing.floorEntry(to);
            while (range != null && range.getValue() >= from) {
                long first = Math.max(range.getKey(), from);
                long last = Math.min(range.getValue(), to);
                count += last - first + 1;
                missing.remove(range.getKey());
                if (range.getKey() < first) {
                    missing.put(range.getKey(), first - 1);
                }
                if (last < range.getValue()) {
                    missing.put(last + 1, range.getValue());
                }
                range = missing.lowerEntry(first);
            }
            return count;
        }

        private Admission trimmed(Admission admission) {
            if (recentIds.size() > RECENT_IDS) {
                recentIds.remove(recentIds.iterator().next()); // the oldest
            }
            return admission;
        }
    }
}
