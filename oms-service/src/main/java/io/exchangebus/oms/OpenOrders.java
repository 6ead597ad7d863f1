package io.exchangebus.oms;

import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderUpdate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The open orders of each account as this OMS knows them, by exchange order id: those open at start (from the
 * exchange) and every order update seen since. NEW and PARTIALLY_FILLED are open; every other status closes the
 * order. Thread-safe.
 */
public final class OpenOrders {
    private final Map<String, Set<String>> byAccount = new HashMap<>();

    /** Notes the order's state after {@code update}. */
    public synchronized void note(OrderUpdate update) {
        Set<String> open = byAccount.computeIfAbsent(update.getAccount(), a -> new HashSet<>());
        if (isOpen(update.getStatus())) {
            open.add(update.getExchangeOrderId());
        } else {
            open.remove(update.getExchangeOrderId());
        }
    }

    /** How many orders of {@code account} are open. */
    public synchronized int count(String account) {
        Set<String> open = byAccount.get(account);
        return open == null ? 0 : open.size();
    }

    static boolean isOpen(OrderStatus status) {
        return status == OrderStatus.NEW || status == OrderStatus.PARTIALLY_FILLED;
    }
}
