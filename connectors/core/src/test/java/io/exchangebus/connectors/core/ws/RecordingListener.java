package io.exchangebus.connectors.core.ws;

import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.connection.ConnectionListener;
import io.exchangebus.connectors.core.connection.ConnectionState;
import io.exchangebus.connectors.core.connection.FramesDropped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/** Records connection events, with their times, and dropped-frame reports, for assertions. */
final class RecordingListener implements ConnectionListener {

    private final List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
    private final List<FramesDropped> drops = new CopyOnWriteArrayList<>();

    @Override
    public void onConnectionEvent(ConnectionEvent event) {
        events.add(event);
    }

    @Override
    public void onFramesDropped(FramesDropped event) {
        drops.add(event);
    }

    List<FramesDropped> drops() {
        return List.copyOf(drops);
    }

    /** The frames the drop reports add up to. */
    long dropped() {
        return drops.stream().mapToLong(FramesDropped::dropped).sum();
    }

    List<ConnectionEvent> events() {
        return List.copyOf(events);
    }

    List<ConnectionState> states() {
        return events.stream().map(ConnectionEvent::state).toList();
    }

    List<ConnectionEvent> of(ConnectionState state) {
        return events.stream().filter(e -> e.state() == state).toList();
    }

    long count(ConnectionState state) {
        return of(state).size();
    }

    /** Waits until {@code count} events of {@code state} have been seen; fails after {@code within}. */
    void awaitCount(ConnectionState state, int count, Duration within) {
        await(() -> count(state) >= count, within, count + " x " + state + ", saw " + states());
    }

    static void await(BooleanSupplier condition, Duration within, String what) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + within.toMillis() + " ms waiting for " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
