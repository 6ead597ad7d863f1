package io.exchangebus.streams.positions;

import io.exchangebus.events.PositionState;
import io.exchangebus.events.ReconciliationAlert;
import io.exchangebus.events.ReconciliationStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * How the derived and the reported position compare, judged after every change of a position; raising the alert
 * once the grace period has passed is the periodic check's ({@link #alertDue}). Pure functions.
 */
final class Reconciliation {

    /**
     * @param status         the status after the change
     * @param divergingSince since when the views disagree, or null while they agree or nothing is reported
     * @param resolved       whether the change ends an alert: the position was ALERTED and now agrees
     * @param alertedSince   when {@code resolved}: since when the views had disagreed, for the resolving record
     */
    record Verdict(ReconciliationStatus status, Instant divergingSince, boolean resolved, Instant alertedSince) {
    }

    private Reconciliation() {
    }

    /**
     * The status of {@code next} given the status it had before the change.
     *
     * <p>No reported quantity: UNKNOWN. Within {@code tolerance}: AGREED. Beyond it: DIVERGING since {@code now},
     * unless it already diverged (DIVERGING or ALERTED), which keeps its status and start: an alert is raised once
     * per disagreement, however the quantities move while it lasts.
     *
     * @param previous the state before the change, or null for a new position
     */
    static Verdict judge(PositionState previous, BigDecimal quantity, BigDecimal reported, BigDecimal tolerance,
                         Instant now) {
        ReconciliationStatus before = previous == null ? ReconciliationStatus.UNKNOWN : previous.getReconciliation();
        Instant since = previous == null ? null : previous.getDivergingSince();
        boolean wasDiverging = before == ReconciliationStatus.DIVERGING || before == ReconciliationStatus.ALERTED;
        if (reported == null) {
            // Only reachable for a position that never had a reported quantity: nothing was alerted.
            return new Verdict(ReconciliationStatus.UNKNOWN, null, false, null);
        }
        if (quantity.subtract(reported).abs().compareTo(tolerance) <= 0) {
            boolean resolved = before == ReconciliationStatus.ALERTED && since != null;
            return new Verdict(ReconciliationStatus.AGREED, null, resolved, resolved ? since : null);
        }
        if (wasDiverging && since != null) {
            return new Verdict(before, since, false, null);
        }
        return new Verdict(ReconciliationStatus.DIVERGING, now, false, null);
    }

    /** Whether {@code state} has been DIVERGING (not yet alerted) for at least {@code gracePeriod} at {@code now}. */
    static boolean alertDue(PositionState state, Duration gracePeriod, Instant now) {
        return state.getReconciliation() == ReconciliationStatus.DIVERGING
                && state.getDivergingSince() != null
                && !state.getDivergingSince().plus(gracePeriod).isAfter(now);
    }

    /** Whether {@code state} counts as diverging for the gauge: DIVERGING or ALERTED. */
    static boolean diverging(PositionState state) {
        return state.getReconciliation() == ReconciliationStatus.DIVERGING
                || state.getReconciliation() == ReconciliationStatus.ALERTED;
    }

    /**
     * The alert record for {@code state}: raised ({@code resolved} false) or ended ({@code resolved} true).
     *
     * @param since since when the views disagree(d)
     */
    static ReconciliationAlert alert(PositionState state, Instant since, BigDecimal tolerance, boolean resolved,
                                     Instant now) {
        return ReconciliationAlert.newBuilder()
                .setExchange(state.getExchange())
                .setAccount(state.getAccount())
                .setSymbol(state.getSymbol())
                .setInstrumentId(state.getInstrumentId())
                .setDerivedQuantity(state.getQuantity())
                .setReportedQuantity(state.getReportedQuantity())
                .setDifference(state.getQuantity().subtract(state.getReportedQuantity()))
                .setTolerance(tolerance)
                .setDivergingSince(since)
                .setResolved(resolved)
                .setAlertTime(now)
                .build();
    }
}
