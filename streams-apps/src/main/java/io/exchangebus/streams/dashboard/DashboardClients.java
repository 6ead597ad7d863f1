package io.exchangebus.streams.dashboard;

import com.sun.net.httpserver.HttpExchange;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open live feeds, at most {@code maxClients}. A feed joins in two steps: the HTTP handler reserves a place
 * ({@link #tryReserve()}, or answers 503) and hands the exchange over ({@link #join}); the pusher then sends it a
 * snapshot and from then on the changes ({@link #push}). A feed that ends, for whatever reason, frees its place.
 * Thread-safe.
 */
final class DashboardClients {
    private final int maxClients;
    private final DashboardMetrics metrics;
    private final AtomicInteger places = new AtomicInteger();
    private final AtomicInteger names = new AtomicInteger();
    private final Queue<DashboardClient> joining = new ConcurrentLinkedQueue<>();
    private final Set<DashboardClient> fed = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    DashboardClients(int maxClients, DashboardMetrics metrics) {
        this.maxClients = maxClients;
        this.metrics = metrics;
        metrics.clients(this::size);
    }

    /** Takes a place for one more feed; false when all {@code maxClients} are taken or the feed is closed. */
    boolean tryReserve() {
        while (!closed) {
            int now = places.get();
            if (now >= maxClients) {
                return false;
            }
            if (places.compareAndSet(now, now + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Gives back a place taken by {@link #tryReserve()} whose feed never started. */
    void release() {
        places.decrementAndGet();
    }

    /**
     * Feeds {@code exchange} (a reserved place, its headers sent) from now on, on a thread of its own; the caller
     * returns and its thread is free again.
     */
    void join(HttpExchange exchange) {
        DashboardClient client = new DashboardClient(exchange, "exbus-dashboard-client-" + names.incrementAndGet(),
                this::ended);
        joining.add(client);
        client.start();
        if (closed) {
            client.close("closed");
        }
    }

    /** Whether a feed waits for its snapshot. */
    boolean anyJoining() {
        return !joining.isEmpty();
    }

    /** Whether any feed is open. */
    boolean any() {
        return places.get() > 0;
    }

    /**
     * Queues {@code changes} to every feed already fed and {@code snapshot} to those joining, who are fed from then
     * on. Either may be null: nothing of it to send. Returns the feeds written to.
     */
    int push(byte[] changes, int changeItems, byte[] snapshot, int snapshotItems) {
        int written = 0;
        if (changes != null) {
            for (DashboardClient client : fed) {
                if (client.offer(changes)) {
                    written++;
                    metrics.pushed(changeItems);
                }
            }
        }
        DashboardClient next;
        while (snapshot != null && (next = joining.poll()) != null) {
            if (next.offer(snapshot)) {
                fed.add(next);
                written++;
                metrics.pushed(snapshotItems);
                if (next.isClosed()) {
                    fed.remove(next);
                }
            }
        }
        return written;
    }

    /** Queues a heartbeat to every feed already fed. */
    void heartbeat(byte[] comment) {
        for (DashboardClient client : fed) {
            client.offer(comment);
        }
    }

    /** Open feeds, joining ones included. */
    int size() {
        return places.get();
    }

    /** Ends every feed, and refuses new ones. */
    void closeAll() {
        closed = true;
        List.copyOf(fed).forEach(client -> client.close("closed"));
        DashboardClient next;
        while ((next = joining.poll()) != null) {
            next.close("closed");
        }
    }

    private void ended(DashboardClient client, String reason) {
        fed.remove(client);
        joining.remove(client);
        places.decrementAndGet();
        if (!reason.equals("closed")) {
            metrics.dropped(reason);
        }
    }
}
