package io.exchangebus.connectors.core.role;

import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderUpdate;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Which order updates an OMS connector has not reported yet, so that each reaches its {@link Oms.Listener} once and
 * none takes an order back to an earlier state. Exchanges tell the same thing more than once: the answer to a
 * request and the private stream both carry the order's state, in either order and on different threads, and a
 * look-up after a reconnect tells it again.
 * <ul>
 * <li>An update with a fill ({@code lastFill}) is new when its trade id was never reported: a fill is reported once,
 *     whatever else the update says (positions are built from fills, so none may be lost or doubled). Unless older
 *     than its order's last state, it becomes that state.</li>
 * <li>Any other update is new when it differs from the last one reported for its order in status, filled quantity,
 *     quantity, price or stop price (an amend changes only the last three), and is not older: a smaller filled
 *     quantity, an open status after a final one, or, where the exchange's times order its updates, an earlier
 *     exchange time is an echo of the past (a late answer) and is dropped.</li>
 * </ul>
 * Orders and trades are known by their ids, within the symbol where the exchange numbers them per symbol
 * ({@link Ids}). Keeps the last {@code memory} orders and {@code 2 × memory} trade ids. Thread-safe: {@link #report}
 * decides and reports under one lock, so two threads cannot report in the opposite order to their decisions.
 */
public final class ReportedOrders {

    /** How unique an exchange's order ids and trade ids are. */
    public enum Ids {
        /** Unique across the exchange (Deribit, GRVT). */
        EXCHANGE_WIDE,
        /** Unique within a symbol only (Binance numbers each symbol's orders and trades from its own sequence). */
        PER_SYMBOL
    }

    private final int memory;
    private final Ids ids;
    private final boolean byExchangeTime;
    private final Map<String, OrderUpdate> last = new LinkedHashMap<>();
    private final Set<String> trades = new LinkedHashSet<>();

    /**
     * @param memory how many orders (and twice as many trade ids) are remembered, most recently changed first
     * @param ids how unique the exchange's order and trade ids are
     * @param byExchangeTime whether an update whose exchange time is before the last reported one's is older (for
     *     exchanges whose answers and stream stamp an order's state with the same clock)
     */
    public ReportedOrders(int memory, Ids ids, boolean byExchangeTime) {
        if (memory < 1) {
            throw new IllegalArgumentException("memory must be positive, was " + memory);
        }
        this.memory = memory;
        this.ids = Objects.requireNonNull(ids, "ids");
        this.byExchangeTime = byExchangeTime;
    }

    /** Whether {@code u} was not reported before; if so it counts as reported from now on. */
    public synchronized boolean fresh(OrderUpdate u) {
        String id = key(u, Objects.requireNonNull(u.getExchangeOrderId(), "exchangeOrderId"));
        OrderUpdate previous = last.get(id);
        if (u.getLastFill() != null) {
            if (!trades.add(key(u, u.getLastFill().getTradeId()))) {
                return false;
            }
            trim(trades.iterator(), trades.size(), 2 * memory);
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

    /**
     * Hands {@code u} to {@code report} if it is {@link #fresh}, under this object's lock: whatever reports through
     * here reports in the order of the decisions. Returns whether it did.
     */
    public synchronized boolean report(OrderUpdate u, Consumer<OrderUpdate> report) {
        if (!fresh(u)) {
            return false;
        }
        report.accept(u);
        return true;
    }

    /** The last state reported of the exchange's order {@code exchangeOrderId}; ids {@link Ids#EXCHANGE_WIDE} only. */
    public synchronized Optional<OrderUpdate> last(String exchangeOrderId) {
        requireExchangeWide();
        return Optional.ofNullable(last.get(exchangeOrderId));
    }

    /** Whether the fill of trade {@code tradeId} was reported; ids {@link Ids#EXCHANGE_WIDE} only. */
    public synchronized boolean reportedTrade(String tradeId) {
        requireExchangeWide();
        return trades.contains(tradeId);
    }

    /** The orders whose last reported status is open (NEW or PARTIALLY_FILLED), least recently changed first. */
    public synchronized List<OrderUpdate> open() {
        return last.values().stream().filter(u -> isOpen(u.getStatus())).toList();
    }

    /** Whether an order in {@code status} may still trade. */
    public static boolean isOpen(OrderStatus status) {
        return status == OrderStatus.NEW || status == OrderStatus.PARTIALLY_FILLED;
    }

    private boolean sameState(OrderUpdate a, OrderUpdate b) {
        return a.getStatus() == b.getStatus()
                && same(a.getFilledQuantity(), b.getFilledQuantity())
                && same(a.getQuantity(), b.getQuantity())
                && same(a.getPrice(), b.getPrice())
                && same(a.getStopPrice(), b.getStopPrice());
    }

    /** {@code u} says less than {@code previous} did: it was sent before it. */
    private boolean isOlder(OrderUpdate u, OrderUpdate previous) {
        if (u.getFilledQuantity().compareTo(previous.getFilledQuantity()) < 0) {
            return true;
        }
        if (!isOpen(previous.getStatus()) && isOpen(u.getStatus())) {
            return true;
        }
        return byExchangeTime && u.getExchangeTime() != null && previous.getExchangeTime() != null
                && u.getExchangeTime().isBefore(previous.getExchangeTime());
    }

    private String key(OrderUpdate u, String id) {
        return ids == Ids.PER_SYMBOL ? u.getSymbol() + ' ' + id : id;
    }

    private void requireExchangeWide() {
        if (ids != Ids.EXCHANGE_WIDE) {
            throw new IllegalStateException("ids are per symbol: an id alone names no order or trade");
        }
    }

    private void keep(String id, OrderUpdate u) {
        last.remove(id); // re-inserted at the end: the most recently changed orders are kept longest
        last.put(id, u);
        trim(last.keySet().iterator(), last.size(), memory);
    }

    private static void trim(Iterator<String> oldestFirst, int size, int limit) {
        for (int i = size; i > limit; i--) {
            oldestFirst.next();
            oldestFirst.remove();
        }
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}
