package io.exchangebus.connectors.core.book;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A full-depth local order book with exact prices and quantities.
 *
 * <p>Invariants: each side maps a price to the {@link Level} last applied at it; keys compare by numeric value
 * ({@link BigDecimal#compareTo}), so {@code 65000.1} and {@code 65000.10} are one level; no level with quantity 0 is
 * held; bids iterate best (highest) first and asks best (lowest) first. The book does not check that it is uncrossed:
 * it mirrors what the exchange sent.
 *
 * <p>Hot path: {@link #apply(BookSide, Level)} stores the caller's {@code Level} as the value, so applying a level
 * allocates nothing beyond the tree entry of a price not yet in the book.
 *
 * <p>Not thread-safe: one thread (the connection's event loop) owns a book and everything that reads it.
 */
public final class OrderBook {
    private final TreeMap<BigDecimal, Level> bids = new TreeMap<>(Comparator.reverseOrder());
    private final TreeMap<BigDecimal, Level> asks = new TreeMap<>();

    /**
     * Sets the absolute quantity at the level's price; quantity 0 removes the price (removing an absent price is
     * normal, exchanges send it).
     *
     * @throws IllegalArgumentException if the quantity is negative (a bug in the mapping, not an exchange condition)
     */
    public void apply(BookSide side, Level level) {
        int sign = level.quantity().signum();
        if (sign == 0) {
            side(side).remove(level.price());
        } else if (sign > 0) {
            side(side).put(level.price(), level);
        } else {
            throw negativeQuantity(level);
        }
    }

    /** Applies each level in order; see {@link #apply(BookSide, Level)}. */
    public void applyAll(BookSide side, List<Level> levels) {
        // Indexed loop: the lists are ArrayLists from the mapper, and this avoids an iterator per diff.
        for (int i = 0, n = levels.size(); i < n; i++) {
            apply(side, levels.get(i));
        }
    }

    /** Empties both sides. */
    public void clear() {
        bids.clear();
        asks.clear();
    }

    /** Number of price levels on a side. */
    public int depth(BookSide side) {
        return side(side).size();
    }

    public boolean isEmpty() {
        return bids.isEmpty() && asks.isEmpty();
    }

    /** The best level of a side, or null when that side is empty. */
    public Level best(BookSide side) {
        var e = side(side).firstEntry();
        return e == null ? null : e.getValue();
    }

    public Level bestBid() {
        return best(BookSide.BID);
    }

    public Level bestAsk() {
        return best(BookSide.ASK);
    }

    /** The quantity at a price, or null when no level is held there. */
    public BigDecimal quantityAt(BookSide side, BigDecimal price) {
        Level level = side(side).get(price);
        return level == null ? null : level.quantity();
    }

    /**
     * The best {@code n} levels of a side, best first, as a new unmodifiable list (the levels themselves are
     * immutable); {@code n <= 0} means the whole side.
     */
    public List<Level> top(BookSide side, int n) {
        NavigableMap<BigDecimal, Level> levels = side(side);
        int size = n <= 0 ? levels.size() : Math.min(n, levels.size());
        List<Level> out = new ArrayList<>(size);
        Iterator<Level> it = levels.values().iterator();
        for (int i = 0; i < size; i++) {
            out.add(it.next());
        }
        return Collections.unmodifiableList(out);
    }

    /** True when both books hold the same prices with the same quantities, compared by value. */
    public boolean sameLevelsAs(OrderBook other) {
        return top(BookSide.BID, 0).equals(other.top(BookSide.BID, 0))
                && top(BookSide.ASK, 0).equals(other.top(BookSide.ASK, 0));
    }

    private TreeMap<BigDecimal, Level> side(BookSide side) {
        return side == BookSide.BID ? bids : asks;
    }

    private static IllegalArgumentException negativeQuantity(Level level) {
        return new IllegalArgumentException("Negative quantity in book level " + level);
    }

    @Override
    public String toString() {
        return "OrderBook{bids=" + top(BookSide.BID, 5) + ", asks=" + top(BookSide.ASK, 5) + ", depth="
                + bids.size() + "/" + asks.size() + "}";
    }
}
