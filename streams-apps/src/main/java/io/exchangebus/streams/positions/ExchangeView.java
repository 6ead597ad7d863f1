package io.exchangebus.streams.positions;

import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.PositionSide;
import io.exchangebus.events.PositionState;
import io.exchangebus.events.PositionUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The exchange's own view of an account: its positions (beside the derived ones, in {@code reportedQuantity} and
 * {@code reportedEntryPrice}) and its balances (stored and published as reported).
 *
 * <p>Positions, legs and balances are kept per sub-account ({@link LedgerKeys}), so that two sub-accounts reached
 * with one key never overwrite each other's.
 *
 * <p>Hedge-mode legs are kept one per store entry ({@code exchange:account:instrumentId:LONG|SHORT}), so that a
 * report of one leg is summed with the last report of the other ({@link ReportedPosition}). A NET report means the
 * account is in one-way mode for that instrument and drops any legs left from hedge mode.
 */
final class ExchangeView {
    private static final StringSerializer KEYS = new StringSerializer();

    private final PositionStates positions;
    private final KeyValueStore<String, PositionUpdate> hedgeLegs;
    private final KeyValueStore<String, BalanceUpdate> balances;
    private final LedgerOutput output;

    ExchangeView(PositionStates positions, KeyValueStore<String, PositionUpdate> hedgeLegs,
                 KeyValueStore<String, BalanceUpdate> balances, LedgerOutput output) {
        this.positions = positions;
        this.hedgeLegs = hedgeLegs;
        this.balances = balances;
        this.output = output;
    }

    /** Sets the reported position of the update's instrument and reconciles. */
    void report(PositionUpdate update, Instant now) {
        String exchange = update.getExchange();
        String account = update.getAccount();
        String subAccount = update.getSubAccount();
        String instrument = update.getInstrumentId();
        String key = LedgerKeys.position(exchange, account, subAccount, instrument);
        String longKey = LedgerKeys.hedgeLeg(exchange, account, subAccount, instrument, PositionSide.LONG);
        String shortKey = LedgerKeys.hedgeLeg(exchange, account, subAccount, instrument, PositionSide.SHORT);
        List<PositionUpdate> reports = new ArrayList<>(3);
        if (update.getPositionSide() == PositionSide.NET) {
            hedgeLegs.delete(longKey);
            hedgeLegs.delete(shortKey);
        } else {
            String otherKey = update.getPositionSide() == PositionSide.LONG ? shortKey : longKey;
            PositionUpdate other = hedgeLegs.get(otherKey);
            if (other != null) {
                reports.add(other);
            }
            hedgeLegs.put(update.getPositionSide() == PositionSide.LONG ? longKey : shortKey, update);
        }
        reports.add(update);
        ReportedPosition reported = ReportedPosition.of(reports);
        PositionState previous = positions.find(key);
        PositionState.Builder next = PositionStates.edit(previous, exchange, account, subAccount, update.getSymbol(),
                        instrument)
                .setReportedQuantity(reported.quantity())
                .setReportedEntryPrice(reported.entryPrice())
                .setUpdateTime(PositionStates.eventTime(update.getExchangeTime(), update.getReceiveTime(), now));
        positions.save(key, previous, next, now);
    }

    /** Replaces the asset's balance and publishes it keyed {@code exchange:account[/subAccount]:asset}. */
    void balance(BalanceUpdate update) {
        String key = LedgerKeys.balance(update.getExchange(), update.getAccount(), update.getSubAccount(),
                update.getAsset());
        balances.put(key, update);
        output.send(key, update);
    }

    /**
     * Replaces every hedge leg of the account and its sub-accounts with the hedge legs among {@code reports} (a
     * recovery epoch's).
     */
    void resetHedgeLegs(String exchange, String account, List<PositionUpdate> reports) {
        List<String> stale = new ArrayList<>();
        for (String prefix : List.of(LedgerKeys.accountPrefix(exchange, account),
                LedgerKeys.subAccountsPrefix(exchange, account))) {
            try (KeyValueIterator<String, PositionUpdate> it = hedgeLegs.prefixScan(prefix, KEYS)) {
                it.forEachRemaining(kv -> stale.add(kv.key));
            }
        }
        stale.forEach(hedgeLegs::delete);
        for (PositionUpdate report : reports) {
            if (report.getPositionSide() != PositionSide.NET) {
                hedgeLegs.put(LedgerKeys.hedgeLeg(exchange, account, report.getSubAccount(), report.getInstrumentId(),
                        report.getPositionSide()), report);
            }
        }
    }
}
