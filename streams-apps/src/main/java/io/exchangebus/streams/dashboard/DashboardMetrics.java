package io.exchangebus.streams.dashboard;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.IntSupplier;

/**
 * The dashboard's meters:
 * <ul>
 *   <li>{@value #CLIENTS} (gauge): live feeds open now;</li>
 *   <li>{@value #ITEMS_PUSHED} (counter): items (a state's value or an event) queued to clients, once per client;</li>
 *   <li>{@value #CLIENTS_DROPPED} (counter, tag {@code reason}): feeds ended by the server, {@code write-failed}
 *       (the client went away) or {@code too-slow} (it did not keep up);</li>
 *   <li>{@value #RECORDS_SKIPPED} (counter, tag {@code topic}): records the feed could not decode or that were not
 *       of the topic's event type; the topology's dead-letter topic has the real account of bad records.</li>
 * </ul>
 * Thread-safe.
 */
public final class DashboardMetrics {
    static final String CLIENTS = "exbus.dashboard.clients";
    static final String ITEMS_PUSHED = "exbus.dashboard.items.pushed";
    static final String CLIENTS_DROPPED = "exbus.dashboard.clients.dropped";
    static final String RECORDS_SKIPPED = "exbus.dashboard.records.skipped";

    private final MeterRegistry meters;
    private final Counter itemsPushed;

    public DashboardMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.itemsPushed = Counter.builder(ITEMS_PUSHED)
                .description("Dashboard items (state values and events) queued to live feeds, once per client")
                .register(meters);
    }

    /** Shows {@code clients} as the gauge of open feeds. */
    void clients(IntSupplier clients) {
        Gauge.builder(CLIENTS, clients, IntSupplier::getAsInt)
                .description("Dashboard live feeds open")
                .strongReference(true)
                .register(meters);
    }

    void pushed(int items) {
        itemsPushed.increment(items);
    }

    void dropped(String reason) {
        Counter.builder(CLIENTS_DROPPED).description("Dashboard live feeds ended by the server")
                .tag("reason", reason).register(meters).increment();
    }

    void skipped(String topic) {
        Counter.builder(RECORDS_SKIPPED).description("Records the dashboard could not show (undecodable or of "
                        + "another type)")
                .tag("topic", topic).register(meters).increment();
    }

    /** Items pushed so far. */
    public double itemsPushed() {
        return itemsPushed.count();
    }
}
