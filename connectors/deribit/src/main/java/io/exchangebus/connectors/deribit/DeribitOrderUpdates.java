package io.exchangebus.connectors.deribit;

import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderUpdate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which Deribit order updates are new, so that each is reported once although Deribit tells the same thing twice: the
 * answer to {@code private/buy}/{@code sell}/{@code edit}/{@code cancel} and the {@code user.changes} notification
 * both carry the order's state and its trades, in either order (the notification often comes first: deribit.md §8,
 * NautilusTrader PR #3436).
 *
 * <ul>
 * <li>An update with a fill ({@code lastFill}) is new when its trade id was never reported: a fill is reported once,
 *     whatever else the update says (positions are built from fills, so none may be lost or doubled).</li>
 * <li>An update without a fill is new when it differs from the last one reported for its order in status, filled
 *     quantity, quantity, price or stop price (an edit changes only the last two), and is not older: a smaller
 *     filled quantity, an open status after a final one, or an earlier exchange time than the last one reported
 *     is an echo of the past (a late answer) and is dropped.</li>
 * </ul>
 * Remembers the last {@code memory} orders and {@code 2 × memory} trade ids. Thread-safe.
 */
final class DeribitOrderUpdates {

    private final int memory;
    private final Map<String, OrderUpdate> last = new LinkedHashMap<>();
    private final Set<String> trades = new LinkedHashSet<>();

    DeribitOrderUpdates(int memory) {
        if (memory < 1) {
            throw new IllegalArgumentException("memory must be positive, was " + memory);
        }
        this.memory = memory;
    }

    /** The updates of {@code updates} not reported before, in their order; they count as reported from now on. */
    synchronized List<OrderUpdate> fresh(List<OrderUpdate> updates) {
        List<OrderUpdate> out = new ArrayList<>(updates.size());
        for (OrderUpdate u : updates) {
            if (isNew(u)) {
                out.add(u);
            }
        }
        return out;
    }

    /** The last update reported for this exchange order id. */
    synchronized Optional<OrderUpdate> last(String exchangeOrderId) {
        return Optional.ofNullable(last.get(exchangeOrderId));
    }

    /** The orders whose last reported status is open (NEW or PARTIALLY_FILLED), oldest first. */
    synchronized List<OrderUpdate> open() {
        return last.values().stream().filter(u -> isOpen(u.getStatus())).toList();
    }

    private boolean isNew(OrderUpdate u) {
        String id = Objects.requireNonNull(u.getExchangeOrderId(), "exchangeOrderId");
        OrderUpdate previous = last.get(id);
        if (u.getLastFill() != null) {
            if (!remember(trades, u.getLastFill().getTradeId(), 2 * memory)) {
                return false;
            }
            if (previous == null || !isOlder(u, previous)) {
                keep(id, u);
            }
            return true;
        }
        if (previous != null && (sameState(u, previous) || isOlder(u, previous))) {
            return false;
        }
        keep(id, u);
        return true;
    }

    private void keep(String id, OrderUpdate u) {
        last.remove(id); // re-inserted at the end: the most recently changed orders are kept longest
        last.put(id, u);
        if (last.size() > memory) {
            Iterator<String> oldest = last.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    private static boolean remember(Set<String> set, String key, int limit) {
        if (!set.add(key)) {
            return false;
        }
        if (set.size() > limit) {
            Iterator<String> oldest = set.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    static boolean sameState(OrderUpdate a, OrderUpdate b) {
        return a.getStatus() == b.getStatus()
                && same(a.getFilledQuantity(), b.getFilledQuantity())
                && same(a.getQuantity(), b.getQuantity())
                && same(a.getPrice(), b.getPrice())
                && same(a.getStopPrice(), b.getStopPrice());
    }

    /** {@code u} says less than {@code previous} did: it was sent before it. */
    static boolean isOlder(OrderUpdate u, OrderUpdate previous) {
        if (u.getFilledQuantity().compareTo(previous.getFilledQuantity()) < 0) {
            return true;
        }
        if (!isOpen(previous.getStatus()) && isOpen(u.getStatus())) {
            return true;
        }
        return u.getExchangeTime() != null && previous.getExchangeTime() != null
                && u.getExchangeTime().isBefore(previous.getExchangeTime());
    }

    static boolean isOpen(OrderStatus status) {
        return status == OrderStatus.NEW || status == OrderStatus.PARTIALLY_FILLED;
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}
