package io.exchangebus.connectors.deribit;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which Deribit order a client order id (as Deribit sees it: the {@code label}) names, as far as this OMS has seen:
 * each order's label as it was answered or notified, and the new client order id of each replace. Deribit's
 * {@code private/edit} keeps the order's id and label, so after a replace the new client order id has no order of its
 * own on Deribit; this map makes it name the edited order (cancel, a further replace, a look-up). A label is not unique
 * on Deribit; the order last seen under it is kept. Only this process knows the replace aliases: after a restart a
 * new client order id of a replace is not found by label (see {@link DeribitOms#findOrder}).
 * Remembers the last {@code memory} ids. Thread-safe.
 */
final class DeribitClientIds {

    private final int memory;
    private final Map<String, String> orderIds = new LinkedHashMap<>();
    private final Map<String, String> aliases = new LinkedHashMap<>();

    DeribitClientIds(int memory) {
        this.memory = memory;
    }

    /** The order {@code label} was last seen on. */
    synchronized void seen(String label, String exchangeOrderId) {
        if (label != null) {
            put(orderIds, label, Objects.requireNonNull(exchangeOrderId, "exchangeOrderId"));
        }
    }

    /** From now on {@code clientOrderId} (a replace's new one) names {@code exchangeOrderId}. */
    synchronized void alias(String clientOrderId, String exchangeOrderId) {
        put(aliases, Objects.requireNonNull(clientOrderId, "clientOrderId"),
                Objects.requireNonNull(exchangeOrderId, "exchangeOrderId"));
    }

    /** The order a replace renamed to {@code clientOrderId}, if any. */
    synchronized Optional<String> aliased(String clientOrderId) {
        return Optional.ofNullable(aliases.get(clientOrderId));
    }

    /** The order {@code clientOrderId} names: a replace's alias first, else the order last seen with that label. */
    synchronized Optional<String> orderIdOf(String clientOrderId) {
        String aliased = aliases.get(clientOrderId);
        return Optional.ofNullable(aliased != null ? aliased : orderIds.get(clientOrderId));
    }

    private void put(Map<String, String> map, String key, String value) {
        map.remove(key);
        map.put(key, value);
        if (map.size() > memory) {
            Iterator<String> oldest = map.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }
}
