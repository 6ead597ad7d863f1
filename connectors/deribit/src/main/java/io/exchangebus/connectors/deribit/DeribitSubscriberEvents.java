package io.exchangebus.connectors.deribit;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.connection.ConnectionState;
import io.exchangebus.connectors.core.connection.FramesDropped;
import io.exchangebus.connectors.core.role.Subscriber;
import io.exchangebus.connectors.deribit.ws.DeribitRpc;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The market-data connection's events for the Subscriber: states forwarded to its listener, and every book told
 * of a lost socket (invalid until the new socket's snapshot), a new connection, or lost frames (resubscribe);
 * frames no channel takes are reported as malformed.
 */
final class DeribitSubscriberEvents implements DeribitRpc.Listener {

    private final Map<String, DeribitStreamState> states;
    private final DeribitMarketFrames frames;
    private final Supplier<Subscriber.Listener> listener;
    private final BooleanSupplier closed;

    DeribitSubscriberEvents(Map<String, DeribitStreamState> states, DeribitMarketFrames frames,
                            Supplier<Subscriber.Listener> listener, BooleanSupplier closed) {
        this.states = states;
        this.frames = frames;
        this.listener = listener;
        this.closed = closed;
    }

    @Override
    public void onConnectionEvent(ConnectionEvent event) {
        ConnectionState state = event.state();
        if (state == ConnectionState.DISCONNECTED || state == ConnectionState.RECONNECTING) {
            states.values().forEach(DeribitStreamState::onDisconnected);
        } else if (state == ConnectionState.CONNECTED) {
            states.values().forEach(DeribitStreamState::onConnected);
        }
        Subscriber.Listener l = listener.get();
        if (l != null && (!closed.getAsBoolean() || state == ConnectionState.CLOSED)) {
            l.onConnectionEvent(event);
        }
    }

    @Override
    public void onFramesDropped(FramesDropped event) {
        Subscriber.Listener l = listener.get();
        if (l != null && !closed.getAsBoolean()) {
            l.onFramesDropped(event);
        }
    }

    @Override
    public void onOverflow(long dropped) {
        states.values().forEach(DeribitStreamState::onGap);
    }

    @Override
    public void onUnrouted(String raw, String reason) {
        frames.malformed("deribit-md", raw, reason, Instant.now());
    }

    @Override
    public void onResubscribed(Result<List<String>> answer) {
        // Channels Deribit did not take again are forgotten by the connection; their books stay invalid.
    }
}
