package io.exchangebus.connectors.grvt;

import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderUpdate;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which GRVT order updates are new, so that each is reported once: GRVT tells an order's state on {@code v1.order}
 * and again on {@code v1.state}, and after a reconnect or a look-up the same state comes again.
 * <ul>
 * <li>An update with a fill ({@code lastFill}, from {@code v1.fill}) is new when its trade id was never reported;
 *     unless older than the last, it is then its order's last state (the state that counts the fill says the same
 *     and is dropped).</li>
 * <li>Any other update is new when it differs from the last one reported for its order in status, filled quantity,
 *     quantity or price, and is not older: a smaller filled quantity, or an open status after a final one, is an
 *     echo of the past and dropped.</li>
 * </ul>
 * Also remembers which order each GRVT client order id last named. Keeps the last {@code memory} orders.
 * Thread-safe.
 */
final class GrvtOrderUpdates {

    private final int memory;
    private final Map<String, OrderUpdate> last = new LinkedHashMap<>();
    private final Map<String, String> orderIds = new LinkedHashMap<>();
    private final Set<String> trades = new LinkedHashSet<>();

    GrvtOrderUpdates(int memory) {
        if (memory < 1) {
            throw new IllegalArgumentException("memory must be positive, was " + memory);
        }
        this.memory = memory;
    }

    /** Whether {@code u} was not reported before; if so it counts as reported from now on. */
    synchronized boolean fresh(OrderUpdate u) {
        String id = u.getExchangeOrderId();
        OrderUpdate previous = last.get(id);
        if (u.getClientOrderId() != null) {
            put(orderIds, u.getClientOrderId(), id);
        }
        if (u.getLastFill() != null) {
            if (!trades.add(u.getLastFill().getTradeId())) {
                return false;
            }
            trim(trades.iterator(), trades.size(), 2 * memory);
            if (previous == null || !older(u, previous)) {
                put(last, id, u);
            }
            return true;
        }
        if (previous != null && (same(u, previous) || older(u, previous))) {
            return false;
        }
        put(last, id, u);
        return true;
    }

    /** Whether the fill of trade {@code tradeId} was reported. */
    synchronized boolean reportedTrade(String tradeId) {
        return trades.contains(tradeId);
    }

    /** The last state reported of GRVT's order {@code orderId}. */
    synchronized Optional<OrderUpdate> last(String orderId) {
        return Optional.ofNullable(last.get(orderId));
    }

    /** The orders whose last reported status is open, oldest first. */
    synchronized List<OrderUpdate> open() {
        return last.values().stream().filter(u -> isOpen(u.getStatus())).toList();
    }

    /** The order GRVT's client order id last named, as far as this OMS has seen. */
    synchronized Optional<String> orderIdOf(String clientOrderId) {
        return Optional.ofNullable(orderIds.get(clientOrderId));
    }

    static boolean isOpen(OrderStatus status) {
        return status == OrderStatus.NEW || status == OrderStatus.PARTIALLY_FILLED;
    }

    private static boolean same(OrderUpdate a, OrderUpdate b) {
        return a.getStatus() == b.getStatus() && equal(a.getFilledQuantity(), b.getFilledQuantity())
                && equal(a.getQuantity(), b.getQuantity()) && equal(a.getPrice(), b.getPrice());
    }

    private static boolean older(OrderUpdate u, OrderUpdate previous) {
        return u.getFilledQuantity().compareTo(previous.getFilledQuantity()) < 0
                || (!isOpen(previous.getStatus()) && isOpen(u.getStatus()));
    }

    private static boolean equal(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private <V> void put(Map<String, V> map, String key, V value) {
        map.remove(key); // re-inserted last: the most recently changed are kept longest
        map.put(key, value);
        trim(map.keySet().iterator(), map.size(), memory);
    }

    private static void trim(Iterator<String> oldestFirst, int size, int limit) {
        for (int i = size; i > limit; i--) {
            oldestFirst.next();
            oldestFirst.remove();
        }
    }
}
