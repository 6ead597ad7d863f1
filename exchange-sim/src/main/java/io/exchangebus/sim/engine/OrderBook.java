package io.exchangebus.sim.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resting orders of one instrument. Levels are kept best first; inside a level, orders in arrival order
 * (a {@link LinkedHashMap} so that a cancel in the middle is O(1) and time priority is the iteration order).
 * Invariant: every level is non-empty and its {@code total} is the sum of its orders' remaining quantities.
 */
final class OrderBook {

    static final class Level {
        final BigDecimal price;
        final LinkedHashMap<Long, Order> orders = new LinkedHashMap<>();
        BigDecimal total = BigDecimal.ZERO;

        Level(BigDecimal price) {
            this.price = price;
        }

        Order first() {
            return orders.values().iterator().next();
        }
    }

    private final TreeMap<BigDecimal, Level> bids = new TreeMap<>(Comparator.reverseOrder());
    private final TreeMap<BigDecimal, Level> asks = new TreeMap<>();
    private final Map<Long, Order> byId = new HashMap<>();
    /** Each account's resting orders in arrival order: an account's orders without a walk of the whole book. */
    private final Map<String, LinkedHashMap<Long, Order>> byAccount = new HashMap<>();

    private TreeMap<BigDecimal, Level> side(Side side) {
        return side == Side.BUY ? bids : asks;
    }

    Level best(Side side) {
        Map.Entry<BigDecimal, Level> e = side(side).firstEntry();
        return e == null ? null : e.getValue();
    }

    Order get(long orderId) {
        return byId.get(orderId);
    }

    Collection<Order> orders() {
        return byId.values();
    }

    /** Adds at the back of its level; returns the level's new total. */
    BigDecimal add(Order order) {
        Level level = side(order.side).computeIfAbsent(order.price, Level::new);
        level.orders.put(order.id, order);
        level.total = level.total.add(order.remaining());
        byId.put(order.id, order);
        byAccount.computeIfAbsent(order.account, a -> new LinkedHashMap<>()).put(order.id, order);
        return level.total;
    }

    /** Removes with its whole remaining quantity; returns the level's new total (zero if the level is gone). */
    BigDecimal remove(Order order) {
        Level level = side(order.side).get(order.price);
        level.orders.remove(order.id);
        forget(order);
        level.total = level.total.subtract(order.remaining());
        return dropIfEmpty(order.side, level);
    }

    /**
     * Lowers a level's total by {@code qty} that the order has just lost (filled or amended down) and removes the
     * order if nothing remains of it; returns the level's new total. Call after the order's own fields changed.
     */
    BigDecimal reduce(Order order, BigDecimal qty) {
        Level level = side(order.side).get(order.price);
        level.total = level.total.subtract(qty);
        if (order.remaining().signum() == 0) {
            level.orders.remove(order.id);
            forget(order);
        }
        return dropIfEmpty(order.side, level);
    }

    private void forget(Order order) {
        byId.remove(order.id);
        Map<Long, Order> mine = byAccount.get(order.account);
        if (mine != null && mine.remove(order.id) != null && mine.isEmpty()) {
            byAccount.remove(order.account);
        }
    }

    private BigDecimal dropIfEmpty(Side side, Level level) {
        if (level.orders.isEmpty()) {
            side(side).remove(level.price);
            return BigDecimal.ZERO;
        }
        return level.total;
    }

    /** Whether a taker of {@code takerSide} with limit {@code limit} (null: market) trades at {@code makerPrice}. */
    static boolean crosses(Side takerSide, BigDecimal limit, BigDecimal makerPrice) {
        if (limit == null) {
            return true;
        }
        return takerSide == Side.BUY ? makerPrice.compareTo(limit) <= 0 : makerPrice.compareTo(limit) >= 0;
    }

    boolean wouldCross(Side takerSide, BigDecimal limit) {
        Level level = best(takerSide.opposite());
        return level != null && crosses(takerSide, limit, level.price);
    }

    /** Quantity a taker could fill now, counting at most up to {@code needed}. */
    BigDecimal fillable(Side takerSide, BigDecimal limit, BigDecimal needed) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Level level : side(takerSide.opposite()).values()) {
            if (!crosses(takerSide, limit, level.price) || sum.compareTo(needed) >= 0) {
                break;
            }
            sum = sum.add(level.total);
        }
        return sum.min(needed);
    }

    /** The last price a market taker of {@code qty} would reach, or null if the other side is empty. */
    BigDecimal worstPrice(Side takerSide, BigDecimal qty) {
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal worst = null;
        for (Level level : side(takerSide.opposite()).values()) {
            worst = level.price;
            sum = sum.add(level.total);
            if (sum.compareTo(qty) >= 0) {
                break;
            }
        }
        return worst;
    }

    List<Order> ordersOf(String account) {
        Map<Long, Order> mine = byAccount.get(account);
        if (mine == null) {
            return new ArrayList<>();
        }
        List<Order> result = new ArrayList<>(mine.values());
        // Book order: bids best first, then asks best first; at one price, time priority (a stable sort keeps it).
        result.sort(Comparator.comparing((Order o) -> o.side != Side.BUY).thenComparing((a, b) -> a.side == Side.BUY
                ? b.price.compareTo(a.price) : a.price.compareTo(b.price)));
        return result;
    }

    BookSnapshot snapshot(String symbol, long lastUpdateId) {
        return new BookSnapshot(symbol, lastUpdateId, levels(bids), levels(asks));
    }

    private static List<PriceLevel> levels(TreeMap<BigDecimal, Level> side) {
        List<PriceLevel> result = new ArrayList<>(side.size());
        for (Iterator<Level> it = side.values().iterator(); it.hasNext(); ) {
            Level level = it.next();
            result.add(new PriceLevel(level.price, level.total));
        }
        return result;
    }
}
