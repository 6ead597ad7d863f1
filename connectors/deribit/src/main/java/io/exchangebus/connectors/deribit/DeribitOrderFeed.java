package io.exchangebus.connectors.deribit;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.connection.ConnectionState;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Oms;
import io.exchangebus.connectors.deribit.http.DeribitErrors;
import io.exchangebus.connectors.deribit.mapping.PrivateContext;
import io.exchangebus.connectors.deribit.mapping.PrivateMapping;
import io.exchangebus.connectors.deribit.mapping.UnmappableMessageException;
import io.exchangebus.connectors.deribit.ws.DeribitRpc;
import io.exchangebus.events.OrderUpdate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What the Deribit OMS reports to its listener: order updates from {@code user.changes} notifications and from
 * answers, each once ({@link DeribitOrderUpdates}), with the label of each order remembered ({@link DeribitClientIds});
 * frames that cannot be mapped; and the connection's events, where a CONNECTED after a DISCONNECTED reads every
 * order last reported open again (cancels on disconnect, fills while away). Reports are made under one lock, so the
 * listener sees them in the order they were decided. Thread-safe.
 */
final class DeribitOrderFeed implements DeribitRpc.Listener {

    private final DeribitOrderUpdates updates;
    private final DeribitClientIds ids;
    private final PrivateContext live;
    private final Clock clock;
    private final Supplier<Oms.Listener> listener;
    private final BooleanSupplier closed;
    private final Supplier<DeribitOrderLookups> lookups;
    private volatile boolean disconnected;

    DeribitOrderFeed(DeribitOrderUpdates updates, DeribitClientIds ids, PrivateContext live, Clock clock,
                     Supplier<Oms.Listener> listener, BooleanSupplier closed, Supplier<DeribitOrderLookups> lookups) {
        this.updates = updates;
        this.ids = ids;
        this.live = live;
        this.clock = clock;
        this.listener = listener;
        this.closed = closed;
        this.lookups = lookups;
    }

    /** A private notification (the {@code DeribitNotificationHandler} of the OMS's subscription). */
    void onNotification(String channel, JsonNode data, String raw, Instant received) {
        try {
            PrivateMapping.Mapped mapped = PrivateMapping.map(channel, data, live, received);
            if (mapped instanceof PrivateMapping.Changes changes) {
                deliver(changes.orders());
            } else if (mapped instanceof PrivateMapping.Orders orders) {
                deliver(orders.orders());
            }
        } catch (UnmappableMessageException e) {
            malformed(channel, raw, e.getMessage());
        }
    }

    /** Reports what is new of {@code mapped}. */
    void deliver(List<OrderUpdate> mapped) {
        synchronized (updates) {
            mapped.forEach(u -> ids.seen(u.getClientOrderId(), u.getExchangeOrderId()));
            List<OrderUpdate> fresh = updates.fresh(mapped);
            Oms.Listener l = listener.get();
            if (l != null && !closed.getAsBoolean()) {
                fresh.forEach(l::onOrderUpdate);
            }
        }
    }

    void malformed(String channel, String raw, String reason) {
        Oms.Listener l = listener.get();
        if (l != null && !closed.getAsBoolean()) {
            l.onMalformedFrame(new MalformedFrame(DeribitErrors.EXCHANGE, channel, raw, reason, clock.instant()));
        }
    }

    @Override
    public void onConnectionEvent(ConnectionEvent event) {
        if (event.state() == ConnectionState.DISCONNECTED) {
            disconnected = true;
        } else if (event.state() == ConnectionState.CONNECTED && disconnected) {
            disconnected = false;
            readOpenOrdersAgain();
        }
        Oms.Listener l = listener.get();
        if (l != null) {
            l.onConnectionEvent(event);
        }
    }

    @Override
    public void onUnrouted(String raw, String reason) {
        malformed("unrouted", raw, reason);
    }

    /** Each order last reported open, read again ({@code private/get_order_state}); what changed is reported. */
    private void readOpenOrdersAgain() {
        for (OrderUpdate open : updates.open()) {
            lookups.get().byId(open.getExchangeOrderId()).thenAccept(r -> {
                if (r.isOk() && r.value().isPresent()) {
                    deliver(List.of(r.value().get()));
                }
            });
        }
    }
}
