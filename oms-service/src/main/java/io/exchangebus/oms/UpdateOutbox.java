package io.exchangebus.oms;

import io.exchangebus.events.OrderUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Order updates received from the exchanges, waiting to be written to {@code orders.updates.v1} by the one thread
 * that owns the transactional producer. Connectors add from their delivery threads; the committing thread drains
 * them into its next transaction and puts them back, in order, when that transaction aborts. Thread-safe.
 */
public final class UpdateOutbox {
    private final ConcurrentLinkedDeque<OrderUpdate> pending = new ConcurrentLinkedDeque<>();
    private volatile Runnable onAdd = () -> { };

    public void add(OrderUpdate update) {
        pending.addLast(update);
        onAdd.run();
    }

    /** Called after every {@link #add}: wakes the thread that writes the updates. */
    public void onAdd(Runnable listener) {
        this.onAdd = listener;
    }

    public boolean isEmpty() {
        return pending.isEmpty();
    }

    /** Takes every pending update, oldest first. */
    public List<OrderUpdate> drain() {
        List<OrderUpdate> out = new ArrayList<>();
        OrderUpdate next;
        while ((next = pending.pollFirst()) != null) {
            out.add(next);
        }
        return out;
    }

    /** Puts back updates taken by {@link #drain()} whose transaction aborted, ahead of newer ones. */
    public void putBack(List<OrderUpdate> updates) {
        for (int i = updates.size() - 1; i >= 0; i--) {
            pending.addFirst(updates.get(i));
        }
    }
}
