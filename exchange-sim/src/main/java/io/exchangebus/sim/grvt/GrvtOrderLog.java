package io.exchangebus.sim.grvt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.engine.OrderState;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The orders and fills of GRVT's sub-accounts, for streams and history queries. An order is registered as pending
 * (by sub-account and client order id) just before it enters the engine, and bound to its engine id by the first
 * engine event about it, which fires within the engine command. Orders of the market-data generator are not here.
 *
 * <p>Each sub-account keeps its own orders ({@link SubAccountOrders}) and, apart, those open now: the look-ups every
 * create and cancel makes read a sub-account's open orders, never the whole history of the simulator.
 */
final class GrvtOrderLog {

    private final Map<Long, OrderRecord> byEngineId = new ConcurrentHashMap<>();
    private final Map<String, OrderRecord> pending = new ConcurrentHashMap<>();
    private final Map<BigInteger, SubAccountOrders> bySubAccount = new ConcurrentHashMap<>();
    private final Map<String, List<ObjectNode>> fills = new ConcurrentHashMap<>();

    /** Called right before the engine command that creates the order. */
    void expect(OrderRecord record, String clientOrderId) {
        pending.put(key(GrvtAccounts.ledgerId(record.subAccountId()), clientOrderId), record);
        orders(record.subAccountId()).add(record);
    }

    /** The order record of an engine event, its state updated; empty for orders not placed through GRVT's API. */
    Optional<OrderRecord> update(OrderState state) {
        OrderRecord record = byEngineId.get(state.orderId());
        if (record == null && state.clientOrderId() != null) {
            record = pending.remove(key(state.account(), state.clientOrderId()));
            if (record != null) {
                byEngineId.put(state.orderId(), record);
            }
        }
        if (record != null) {
            orders(record.subAccountId()).update(record, state);
        }
        return Optional.ofNullable(record);
    }

    /** A record that never reached the engine's book (refused before): forget it. */
    void forget(OrderRecord record, String clientOrderId) {
        pending.remove(key(GrvtAccounts.ledgerId(record.subAccountId()), clientOrderId));
        orders(record.subAccountId()).remove(record);
    }

    Optional<OrderRecord> byEngineId(long id) {
        return Optional.ofNullable(byEngineId.get(id));
    }

    /** The sub-account's open order with this client order id. */
    Optional<OrderRecord> openByClientOrderId(BigInteger subAccountId, BigInteger clientOrderId) {
        return open(subAccountId).stream()
                .filter(r -> clientOrderId.equals(r.order().clientOrderId())).findFirst();
    }

    /** The sub-account's open orders, oldest first. */
    List<OrderRecord> open(BigInteger subAccountId) {
        return orders(subAccountId).open();
    }

    /** The sub-account's orders that reached the engine, newest first. */
    List<OrderRecord> history(BigInteger subAccountId) {
        return orders(subAccountId).history();
    }

    void addFill(String ledgerId, ObjectNode fill) {
        fills.computeIfAbsent(ledgerId, k -> new CopyOnWriteArrayList<>()).add(fill);
    }

    /** The sub-account's fills, newest first. */
    List<ObjectNode> fills(BigInteger subAccountId) {
        List<ObjectNode> out = new ArrayList<>(fills.getOrDefault(GrvtAccounts.ledgerId(subAccountId), List.of()));
        java.util.Collections.reverse(out);
        return out;
    }

    private SubAccountOrders orders(BigInteger subAccountId) {
        return bySubAccount.computeIfAbsent(subAccountId, k -> new SubAccountOrders());
    }

    private static String key(String ledgerId, String clientOrderId) {
        return ledgerId + "/" + clientOrderId;
    }

    /** One sub-account's orders in the order they were created, and the open ones among them. Thread-safe. */
    private static final class SubAccountOrders {
        private final List<OrderRecord> created = new ArrayList<>();
        private final Set<OrderRecord> open = new LinkedHashSet<>();

        synchronized void add(OrderRecord record) {
            created.add(record);
        }

        synchronized void update(OrderRecord record, OrderState state) {
            record.state(state);
            if (record.isOpen()) {
                open.add(record);
            } else {
                open.remove(record);
            }
        }

        synchronized void remove(OrderRecord record) {
            for (int i = created.size() - 1; i >= 0; i--) { // the newest: it was refused right after it came
                if (created.get(i) == record) {
                    created.remove(i);
                    break;
                }
            }
            open.remove(record);
        }

        synchronized List<OrderRecord> open() {
            return List.copyOf(open);
        }

        synchronized List<OrderRecord> history() {
            List<OrderRecord> out = new ArrayList<>();
            for (int i = created.size() - 1; i >= 0; i--) {
                if (created.get(i).state() != null) {
                    out.add(created.get(i));
                }
            }
            return out;
        }
    }
}
