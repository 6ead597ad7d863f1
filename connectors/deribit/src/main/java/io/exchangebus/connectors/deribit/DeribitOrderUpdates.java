package io.exchangebus.connectors.deribit;

import io.exchangebus.connectors.core.role.ReportedOrders;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which Deribit order updates are new, so that each is reported once although Deribit tells the same thing twice: the
 * answer to {@code private/buy}/{@code sell}/{@code edit}/{@code cancel} and the {@code user.changes} notification
 * both carry the order's state and its trades, in either order (the notification often comes first: deribit.md §8,
 * NautilusTrader PR #3436). The rule is {@link ReportedOrders}'s (a fill once by trade id; a state once, never one
 * older than the last reported), with Deribit's exchange times ordering an order's updates: a state stamped before
 * the last reported one is a late answer. Remembers the last {@code memory} orders and {@code 2 × memory} trade
 * ids. Thread-safe.
 */
final class DeribitOrderUpdates {

    private final ReportedOrders reported;

    DeribitOrderUpdates(int memory) {
        this.reported = new ReportedOrders(memory, ReportedOrders.Ids.EXCHANGE_WIDE, true);
    }

    /** The updates of {@code updates} not reported before, in their order; they count as reported from now on. */
    synchronized List<OrderUpdate> fresh(List<OrderUpdate> updates) {
        List<OrderUpdate> out = new ArrayList<>(updates.size());
        for (OrderUpdate u : updates) {
            if (reported.fresh(u)) {
                out.add(u);
            }
        }
        return out;
    }

    /** The last update reported for this exchange order id. */
    Optional<OrderUpdate> last(String exchangeOrderId) {
        return reported.last(exchangeOrderId);
    }

    /** The orders whose last reported status is open (NEW or PARTIALLY_FILLED), oldest first. */
    List<OrderUpdate> open() {
        return reported.open();
    }

    static boolean isOpen(OrderStatus status) {
        return ReportedOrders.isOpen(status);
    }
}
