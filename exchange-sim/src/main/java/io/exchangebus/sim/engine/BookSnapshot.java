package io.exchangebus.sim.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable aggregated view of a book: levels best first, quantities with trailing zeros stripped so that two
 * equal books compare equal. {@link #apply(EngineEvent.BookDiff)} is the reference consumer of diffs.
 */
public record BookSnapshot(String symbol, long lastUpdateId, List<PriceLevel> bids, List<PriceLevel> asks) {

    public BookSnapshot {
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
    }

    public static BookSnapshot empty(String symbol) {
        return new BookSnapshot(symbol, 0, List.of(), List.of());
    }

    /** The first {@code depth} levels of each side. */
    public BookSnapshot top(int depth) {
        return new BookSnapshot(symbol, lastUpdateId, bids.subList(0, Math.min(depth, bids.size())),
                asks.subList(0, Math.min(depth, asks.size())));
    }

    /** This book with {@code diff} applied: levels set to their new quantity, removed at zero. */
    public BookSnapshot apply(EngineEvent.BookDiff diff) {
        return new BookSnapshot(symbol, diff.lastUpdateId(), merge(bids, diff.bids(), Comparator.reverseOrder()),
                merge(asks, diff.asks(), Comparator.naturalOrder()));
    }

    private static List<PriceLevel> merge(List<PriceLevel> levels, List<PriceLevel> changes,
                                          Comparator<BigDecimal> order) {
        TreeMap<BigDecimal, BigDecimal> book = new TreeMap<>(order);
        levels.forEach(level -> book.put(level.price(), level.quantity()));
        for (PriceLevel change : changes) {
            BigDecimal price = change.price();
            if (change.quantity().signum() == 0) {
                book.remove(price);
            } else {
                book.put(price, change.quantity());
            }
        }
        List<PriceLevel> merged = new ArrayList<>(book.size());
        for (Map.Entry<BigDecimal, BigDecimal> e : book.entrySet()) {
            merged.add(new PriceLevel(e.getKey(), e.getValue()));
        }
        return merged;
    }
}
