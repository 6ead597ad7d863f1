package io.exchangebus.streams.positions;

import io.exchangebus.events.PositionState;
import io.exchangebus.events.ReconciliationStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The position store of one task: every change goes through {@link #save}, which reconciles the position with the
 * exchange's view, stores it and publishes it, so no change is ever stored without being judged and published.
 */
final class PositionStates {
    private static final StringSerializer KEYS = new StringSerializer();

    private final KeyValueStore<String, PositionState> store;
    private final LedgerOutput output;
    private final BigDecimal tolerance;

    PositionStates(KeyValueStore<String, PositionState> store, LedgerOutput output, BigDecimal tolerance) {
        this.store = store;
        this.output = output;
        this.tolerance = tolerance;
    }

    /** The stored state, or null. */
    PositionState find(String key) {
        return store.get(key);
    }

    /** The positions of one account held here: the account's own, then its sub-accounts', each in key order. */
    List<PositionState> ofAccount(String exchange, String account) {
        List<PositionState> found = new ArrayList<>();
        for (String prefix : List.of(LedgerKeys.accountPrefix(exchange, account),
                LedgerKeys.subAccountsPrefix(exchange, account))) {
            try (KeyValueIterator<String, PositionState> it = store.prefixScan(prefix, KEYS)) {
                it.forEachRemaining(kv -> found.add(kv.value));
            }
        }
        return found;
    }

    /** Every position of this task, read before any change (changing the store while iterating it is not safe). */
    List<KeyValue<String, PositionState>> all() {
        List<KeyValue<String, PositionState>> found = new ArrayList<>();
        try (KeyValueIterator<String, PositionState> it = store.all()) {
            it.forEachRemaining(found::add);
        }
        return found;
    }

    /** {@link #edit(PositionState, String, String, String, String, String)} of the account itself. */
    static PositionState.Builder edit(PositionState existing, String exchange, String account, String symbol,
                                      String instrumentId) {
        return edit(existing, exchange, account, null, symbol, instrumentId);
    }

    /**
     * A builder holding {@code existing}, or a new flat position (nothing realised, no fees, no fill, nothing
     * reported, no epoch) when there is none.
     *
     * @param subAccount the exchange's sub-account, or null for the account itself
     */
    static PositionState.Builder edit(PositionState existing, String exchange, String account, String subAccount,
                                      String symbol, String instrumentId) {
        if (existing != null) {
            return PositionState.newBuilder(existing).setFees(new HashMap<>(existing.getFees()));
        }
        return PositionState.newBuilder()
                .setExchange(exchange).setAccount(account).setSubAccount(subAccount)
                .setSymbol(symbol).setInstrumentId(instrumentId)
                .setQuantity(BigDecimal.ZERO).setAverageEntryPrice(null).setRealizedPnl(BigDecimal.ZERO)
                .setFees(new HashMap<>()).setFillCount(0)
                .setReportedQuantity(null).setReportedEntryPrice(null)
                .setReconciliation(ReconciliationStatus.UNKNOWN).setDivergingSince(null)
                .setEpochId(null);
    }

    /**
     * Reconciles {@code next} (its status and {@code divergingSince} are set here), stores it under {@code key} and
     * publishes it; when that ends an alert, publishes the resolving alert too.
     *
     * @param previous the state before the change, or null for a new position
     * @param now      wall-clock now, for a disagreement that starts with this change
     */
    PositionState save(String key, PositionState previous, PositionState.Builder next, Instant now) {
        Reconciliation.Verdict verdict = Reconciliation.judge(previous, next.getQuantity(), next.getReportedQuantity(),
                tolerance, now);
        PositionState state = next.setReconciliation(verdict.status())
                .setDivergingSince(verdict.divergingSince())
                .build();
        store.put(key, state);
        output.send(key, state);
        if (verdict.resolved()) {
            output.send(key, Reconciliation.alert(state, verdict.alertedSince(), tolerance, true, now));
        }
        return state;
    }

    /** Stores and publishes {@code state} as it is (already judged), e.g. once it is ALERTED. */
    void replace(String key, PositionState state) {
        store.put(key, state);
        output.send(key, state);
    }

    /** The time of a change: the event's exchange time, else its receive time, else {@code now}. */
    static Instant eventTime(Instant exchangeTime, Instant receiveTime, Instant now) {
        if (exchangeTime != null) {
            return exchangeTime;
        }
        return receiveTime != null ? receiveTime : now;
    }
}
