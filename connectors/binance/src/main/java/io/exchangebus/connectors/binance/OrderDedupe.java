package io.exchangebus.connectors.binance;

import io.exchangebus.connectors.binance.mapping.OrderMapping;
import io.exchangebus.events.OrderUpdate;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The order updates already delivered, keyed on exchange order id, status and filled quantity (the NEW of a place
 * answer and the same NEW from the user-data stream are one update). Remembers the last {@code memory} keys.
 * Thread-safe.
 */
final class OrderDedupe {
    private final int memory;
    private final Set<String> seen = new LinkedHashSet<>();

    OrderDedupe(int memory) {
        this.memory = memory;
    }

    /** True the first time this update's key is seen. */
    boolean firstTime(OrderUpdate update) {
        String key = update.getExchangeOrderId() + "|" + update.getStatus() + "|"
                + OrderMapping.plain(update.getFilledQuantity());
        synchronized (seen) {
            if (!seen.add(key)) {
                return false;
            }
            if (seen.size() > memory) {
                Iterator<String> it = seen.iterator();
                it.next();
                it.remove();
            }
        }
        return true;
    }
}
