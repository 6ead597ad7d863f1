package io.exchangebus.streams.dashboard;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code dashboard.push-interval}, on a thread of its own: sends what changed (latest per key) to the open
 * feeds, a snapshot to feeds that joined since, and a heartbeat comment to feeds that heard nothing for
 * {@link DashboardSettings#heartbeat()}. Encodes each event once for all feeds.
 */
final class FeedPusher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FeedPusher.class);
    private static final byte[] HEARTBEAT = ServerSentEvents.comment("heartbeat");

    private final DashboardState state;
    private final DashboardClients clients;
    private final DashboardSettings settings;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread t = new Thread(task, "exbus-dashboard-push");
        t.setDaemon(true);
        return t;
    });
    private long lastSentNanos = System.nanoTime();

    FeedPusher(DashboardState state, DashboardClients clients, DashboardSettings settings) {
        this.state = state;
        this.clients = clients;
        this.settings = settings;
    }

    void start() {
        long interval = settings.pushInterval().toNanos();
        thread.scheduleWithFixedDelay(this::pushSafely, interval, interval, TimeUnit.NANOSECONDS);
    }

    /** One push; package-private so that tests can push without waiting for the interval. */
    void push() {
        if (!clients.any()) {
            // Nobody to tell: pending changes are dropped; whoever joins later gets the snapshot, which has them.
            state.discardChanges();
            return;
        }
        boolean joining = clients.anyJoining();
        if (!joining && !state.hasChanges()) {
            heartbeatIfQuiet();
            return;
        }
        DashboardState.Batch batch = state.drain(joining);
        byte[] changes = batch.changes().isEmpty() ? null : FeedMessages.changes(state.recent(), batch.changes());
        byte[] snapshot = joining ? FeedMessages.snapshot(state.recent(), batch.snapshot()) : null;
        if (clients.push(changes, batch.changes().size(), snapshot, batch.snapshot().size()) > 0) {
            lastSentNanos = System.nanoTime();
        } else {
            heartbeatIfQuiet();
        }
    }

    private void pushSafely() {
        try {
            push();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: log and go on with the next push.
            LOG.error("dashboard push failed", e);
        }
    }

    private void heartbeatIfQuiet() {
        if (System.nanoTime() - lastSentNanos >= settings.heartbeat().toNanos()) {
            clients.heartbeat(HEARTBEAT);
            lastSentNanos = System.nanoTime();
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
