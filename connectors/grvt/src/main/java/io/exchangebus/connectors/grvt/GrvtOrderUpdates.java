package io.exchangebus.connectors.grvt;

import io.exchangebus.connectors.core.role.ReportedOrders;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderUpdate;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which GRVT order updates are new, so that each is reported once: GRVT tells an order's state on {@code v1.order}
 * and again on {@code v1.state}, and after a reconnect or a look-up the same state comes again. The rule is
 * {@link ReportedOrders}'s (a fill, from {@code v1.fill}, once by trade id; a state once, never one older than the
 * last reported); GRVT's times do not order the two streams, so they are not compared. Also remembers which order
 * each GRVT client order id last named. Keeps the last {@code memory} orders. Thread-safe.
 */
final class GrvtOrderUpdates {

    private final int memory;
    private final ReportedOrders reported;
    private final Map<String, String> orderIds = new LinkedHashMap<>();

    GrvtOrderUpdates(int memory) {
        this.memory = memory;
        this.reported = new ReportedOrders(memory, ReportedOrders.Ids.EXCHANGE_WIDE, false);
    }

    /** Whether {@code u} was not reported before; if so it counts as reported from now on. */
    synchronized boolean fresh(OrderUpdate u) {
        if (u.getClientOrderId() != null) {
            orderIds.remove(u.getClientOrderId()); // re-inserted last: the most recently named are kept longest
            orderIds.put(u.getClientOrderId(), u.getExchangeOrderId());
            if (orderIds.size() > memory) {
                Iterator<String> oldest = orderIds.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
        }
        return reported.fresh(u);
    }

    /** Whether the fill of trade {@code tradeId} was reported. */
    boolean reportedTrade(String tradeId) {
        return reported.reportedTrade(tradeId);
    }

    /** The last state reported of GRVT's order {@code orderId}. */
    Optional<OrderUpdate> last(String orderId) {
        return reported.last(orderId);
    }

    /** The orders whose last reported status is open, oldest first. */
    List<OrderUpdate> open() {
        return reported.open();
    }

    /** The order GRVT's client order id last named, as far as this OMS has seen. */
    synchronized Optional<String> orderIdOf(String clientOrderId) {
        return Optional.ofNullable(orderIds.get(clientOrderId));
    }

    static boolean isOpen(OrderStatus status) {
        return ReportedOrders.isOpen(status);
    }
}
