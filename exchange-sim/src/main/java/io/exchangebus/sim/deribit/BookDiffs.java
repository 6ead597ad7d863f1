package io.exchangebus.sim.deribit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.exchangebus.sim.engine.BookSnapshot;
import io.exchangebus.sim.engine.EngineEvent;
import io.exchangebus.sim.engine.PriceLevel;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Deribit's book levels with actions {@code [new|change|delete, price, amount]}: from an engine diff against a
 * shadow of the book (raw channel), or between two snapshots (aggregated channels). Not thread-safe: the raw shadow
 * is used under its engine's lock.
 */
final class BookDiffs {

    private final Map<BigDecimal, BigDecimal> bids = new TreeMap<>();
    private final Map<BigDecimal, BigDecimal> asks = new TreeMap<>();

    /** The levels of {@code diff} with their actions, bids then asks; the shadow moves on. */
    ArrayNode[] apply(EngineEvent.BookDiff diff) {
        return new ArrayNode[] {apply(bids, diff.bids(), true), apply(asks, diff.asks(), false)};
    }

    private static ArrayNode apply(Map<BigDecimal, BigDecimal> side, List<PriceLevel> changes, boolean bids) {
        ArrayNode out = Json.array();
        List<PriceLevel> sorted = changes.stream().sorted(order(bids)).toList();
        for (PriceLevel l : sorted) {
            BigDecimal before = side.get(l.price());
            if (l.quantity().signum() == 0) {
                if (before != null) {
                    side.remove(l.price());
                    out.addArray().add("delete").add(Json.num(l.price())).add(Json.num(BigDecimal.ZERO));
                }
            } else if (before == null || before.compareTo(l.quantity()) != 0) {
                side.put(l.price(), l.quantity());
                out.addArray().add(before == null ? "new" : "change").add(Json.num(l.price()))
                        .add(Json.num(l.quantity()));
            }
        }
        return out;
    }

    /** The levels that turn {@code from} into {@code to}, bids then asks. */
    static ArrayNode[] between(BookSnapshot from, BookSnapshot to) {
        return new ArrayNode[] {between(from.bids(), to.bids(), true), between(from.asks(), to.asks(), false)};
    }

    private static ArrayNode between(List<PriceLevel> from, List<PriceLevel> to, boolean bids) {
        Map<BigDecimal, BigDecimal> before = new TreeMap<>();
        from.forEach(l -> before.put(l.price(), l.quantity()));
        Map<BigDecimal, BigDecimal> after = new TreeMap<>();
        to.forEach(l -> after.put(l.price(), l.quantity()));
        Comparator<BigDecimal> byPrice = bids ? Comparator.reverseOrder() : Comparator.naturalOrder();
        TreeMap<BigDecimal, String[]> actions = new TreeMap<>(byPrice);
        before.forEach((p, q) -> {
            if (!after.containsKey(p)) {
                actions.put(p, new String[] {"delete", "0"});
            }
        });
        after.forEach((p, q) -> {
            BigDecimal old = before.get(p);
            if (old == null) {
                actions.put(p, new String[] {"new", q.toPlainString()});
            } else if (old.compareTo(q) != 0) {
                actions.put(p, new String[] {"change", q.toPlainString()});
            }
        });
        ArrayNode out = Json.array();
        actions.forEach((p, a) -> out.addArray().add(a[0]).add(Json.num(p)).add(Json.num(new BigDecimal(a[1]))));
        return out;
    }

    private static Comparator<PriceLevel> order(boolean bids) {
        Comparator<PriceLevel> asc = Comparator.comparing(PriceLevel::price);
        return bids ? asc.reversed() : asc;
    }

    /** What one session last saw of an aggregated book channel. Thread-safe. */
    static final class SessionBook {
        private BookSnapshot seen;

        SessionBook(BookSnapshot seen) {
            this.seen = seen;
        }

        /** The change from what was seen to {@code now} (null if nothing changed); {@code now} is then seen. */
        synchronized Change advance(BookSnapshot now) {
            if (now.lastUpdateId() == seen.lastUpdateId()) {
                return null;
            }
            Change change = new Change(seen.lastUpdateId(), now.lastUpdateId(), between(seen, now));
            seen = now;
            return change;
        }
    }

    record Change(long prevChangeId, long changeId, ArrayNode[] levels) {
    }
}
