package io.exchangebus.connectors.core.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A clock and a scheduler that move only when the test says: scheduled tasks run when their moment is passed. */
final class ManualTime extends Clock implements Scheduler {
    private Instant now = Instant.parse("2026-12-01T00:00:00Z");
    private final List<Task> tasks = new ArrayList<>();

    private record Task(Instant at, Runnable run, boolean[] cancelled) {
    }

    void advance(Duration by) {
        Instant until = now.plus(by);
        while (true) {
            Task next = null;
            synchronized (this) {
                for (Task t : tasks) {
                    if (!t.cancelled[0] && !t.at.isAfter(until) && (next == null || t.at.isBefore(next.at))) {
                        next = t;
                    }
                }
                if (next == null) {
                    now = until;
                    return;
                }
                tasks.remove(next);
                now = next.at.isAfter(now) ? next.at : now;
            }
            next.run.run();
        }
    }

    synchronized int pending() {
        return (int) tasks.stream().filter(t -> !t.cancelled[0]).count();
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        boolean[] cancelled = {false};
        tasks.add(new Task(now.plus(delay), task, cancelled));
        return () -> cancelled[0] = true;
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
