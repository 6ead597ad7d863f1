package io.exchangebus.connectors.grvt;

import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.connection.ConnectionListener;
import io.exchangebus.connectors.core.connection.ConnectionState;
import io.exchangebus.connectors.core.connection.FramesDropped;
import io.exchangebus.events.OrderUpdate;
import java.util.function.Supplier;

/**
 * What the OMS does about frames it may have missed: after a reconnect (a CONNECTED after a DISCONNECTED) or a
 * hand-off overflow, each order last reported open is read again by id ({@link GrvtOrderLookups#byOrderId}) and what
 * changed is reported through the feed (so only what is new; a cancel or fill made while away shows as the order's
 * new state, without the fill's detail, which {@code fill_history} has). Passes every event on to the listener.
 * Thread-safe.
 */
final class GrvtOrderRecovery implements ConnectionListener {

    private final GrvtOrderUpdates updates;
    private final GrvtOrderFeed feed;
    private final GrvtOrderLookups lookups;
    private final Supplier<? extends ConnectionListener> listener;
    private volatile boolean disconnected;

    GrvtOrderRecovery(GrvtOrderUpdates updates, GrvtOrderFeed feed, GrvtOrderLookups lookups,
                      Supplier<? extends ConnectionListener> listener) {
        this.updates = updates;
        this.feed = feed;
        this.lookups = lookups;
        this.listener = listener;
    }

    @Override
    public void onConnectionEvent(ConnectionEvent event) {
        if (event.state() == ConnectionState.DISCONNECTED) {
            disconnected = true;
        } else if (event.state() == ConnectionState.CONNECTED && disconnected) {
            disconnected = false;
            readOpenOrdersAgain();
        }
        ConnectionListener l = listener.get();
        if (l != null) {
            l.onConnectionEvent(event);
        }
    }

    @Override
    public void onFramesDropped(FramesDropped event) {
        readOpenOrdersAgain();
        ConnectionListener l = listener.get();
        if (l != null) {
            l.onFramesDropped(event);
        }
    }

    void readOpenOrdersAgain() {
        for (OrderUpdate open : updates.open()) {
            lookups.byOrderId(open.getExchangeOrderId()).whenComplete((found, bug) -> {
                if (bug != null) { // a bug: said, not swallowed by the future
                    feed.malformed(GrvtOrderLookups.HISTORY, open.getExchangeOrderId(), "re-reading failed: " + bug);
                } else if (found.isOk() && found.value().isPresent()) {
                    feed.deliver(found.value().get());
                }
            });
        }
    }
}
