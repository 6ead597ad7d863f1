package io.exchangebus.streams.positions;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The positions topology's meters. Thread-safe: the tasks of every stream thread of the instance share it.
 *
 * <ul>
 *   <li>{@value #ALERTS} (counter, tags {@code exchange}, {@code account}): reconciliation alerts raised.</li>
 *   <li>{@value #DIVERGING} (gauge): positions of this instance DIVERGING or ALERTED, as counted by each task's
 *       last periodic check (so up to one check interval old).</li>
 * </ul>
 */
final class PositionMetrics {
    static final String ALERTS = "exbus.positions.reconciliation.alerts";
    static final String DIVERGING = "exbus.positions.diverging";

    private final MeterRegistry meters;
    private final Map<String, Integer> divergingByTask = new ConcurrentHashMap<>();

    /** Registers the gauge, replacing one left in {@code meters} by an earlier build of the topology. */
    PositionMetrics(MeterRegistry meters) {
        this.meters = meters;
        Gauge earlier = meters.find(DIVERGING).gauge();
        if (earlier != null) {
            meters.remove(earlier);
        }
        Gauge.builder(DIVERGING, divergingByTask, counts -> counts.values().stream().mapToInt(Integer::intValue).sum())
                .description("Positions whose derived and reported quantities disagree beyond the tolerance")
                .strongReference(true)
                .register(meters);
    }

    void alertRaised(String exchange, String account) {
        Counter.builder(ALERTS)
                .description("Reconciliation alerts raised: derived and reported positions disagreed beyond the "
                        + "tolerance for longer than the grace period")
                .tag("exchange", exchange)
                .tag("account", account)
                .register(meters)
                .increment();
    }

    /** What the task {@code taskId} counted at its last check. */
    void diverging(String taskId, int positions) {
        divergingByTask.put(taskId, positions);
    }

    /** The task moved away or closed: its positions are no longer this instance's. */
    void taskClosed(String taskId) {
        divergingByTask.remove(taskId);
    }
}
