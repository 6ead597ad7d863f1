package io.exchangebus.streams.positions;

import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PositionState;
import io.exchangebus.events.PositionUpdate;
import io.exchangebus.events.ReconciliationStatus;
import io.exchangebus.events.RecoverySnapshot;
import io.exchangebus.streams.InvalidEventException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The {@code positions-ledger} processor: reads the four account topics (all keyed {@code exchange:account}, so an
 * account's every store entry is in this task) and dispatches on the event's class: recovery epochs, order updates
 * (fills), the exchange's positions and balances. It forwards PositionState, BalanceUpdate and ReconciliationAlert
 * records, which the sinks after it route by class.
 *
 * <p>An event whose {@code exchange:account} is not its record key, or that cannot be applied, raises
 * {@link InvalidEventException} before anything is changed, so that the record is dead-lettered with the state
 * untouched. "Now" is always the stream time's wall clock ({@link ProcessorContext#currentSystemTimeMs()}).
 *
 * <p>Two wall-clock punctuators: every check interval, positions DIVERGING for at least the grace period are
 * ALERTED (an alert record, the new state, the counter); every purge interval, finished orders past their
 * retention are forgotten.
 */
final class PositionLedger implements Processor<String, SpecificRecordBase, String, SpecificRecordBase> {
    private final PositionSettings settings;
    private final PositionMetrics metrics;
    private ProcessorContext<String, SpecificRecordBase> context;
    private String taskId;
    /** Timestamp of the records forwarded: the input record's, or the punctuation's. */
    private long outputTimestamp;
    private PositionStates positions;
    private ExchangeView exchangeView;
    private OrderFills orders;
    private RecoveryEpochs epochs;

    private final boolean withInstruments;

    /** @param withInstruments whether the topology has the global store of instrument definitions */
    PositionLedger(PositionSettings settings, PositionMetrics metrics, boolean withInstruments) {
        this.settings = settings;
        this.metrics = metrics;
        this.withInstruments = withInstruments;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecordBase> context) {
        this.context = context;
        this.taskId = context.taskId().toString();
        LedgerOutput output = (key, value) -> context.forward(new Record<>(key, value, outputTimestamp));
        positions = new PositionStates(context.getStateStore(PositionTopology.POSITION_STORE), output,
                settings.tolerance());
        exchangeView = new ExchangeView(positions, context.getStateStore(PositionTopology.HEDGE_LEG_STORE),
                context.getStateStore(PositionTopology.BALANCE_STORE), output);
        orders = new OrderFills(context.getStateStore(PositionTopology.ORDER_STORE), positions,
                new InstrumentTerms(withInstruments ? context.getStateStore(PositionTopology.INSTRUMENT_STORE) : null));
        epochs = new RecoveryEpochs(context.getStateStore(PositionTopology.EPOCH_STORE), positions, orders,
                exchangeView);
        context.schedule(settings.checkInterval(), PunctuationType.WALL_CLOCK_TIME, this::raiseDueAlerts);
        context.schedule(settings.purgeInterval(), PunctuationType.WALL_CLOCK_TIME,
                time -> orders.purge(Instant.ofEpochMilli(time), settings.orderRetention()));
    }

    @Override
    public void process(Record<String, SpecificRecordBase> record) {
        outputTimestamp = record.timestamp();
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        String key = record.key();
        SpecificRecordBase value = record.value();
        if (value instanceof OrderUpdate order) {
            LedgerKeys.requireAccount(key, order.getExchange(), order.getAccount(), "order update");
            orders.apply(order, now);
        } else if (value instanceof PositionUpdate report) {
            LedgerKeys.requireAccount(key, report.getExchange(), report.getAccount(), "position update");
            exchangeView.report(report, now);
        } else if (value instanceof BalanceUpdate balance) {
            LedgerKeys.requireAccount(key, balance.getExchange(), balance.getAccount(), "balance update");
            exchangeView.balance(balance);
        } else if (value instanceof RecoverySnapshot snapshot) {
            LedgerKeys.requireAccount(key, snapshot.getExchange(), snapshot.getAccount(), "recovery snapshot");
            epochs.accept(snapshot, now);
        } else {
            throw new InvalidEventException("the positions topology reads RecoverySnapshot, OrderUpdate, "
                    + "PositionUpdate and BalanceUpdate, not " + (value == null ? "a record without value"
                    : value.getSchema().getFullName()) + " (key '" + key + "')");
        }
    }

    /** Raises the alert of every position DIVERGING for at least the grace period, and counts the diverging. */
    private void raiseDueAlerts(long time) {
        outputTimestamp = time;
        Instant now = Instant.ofEpochMilli(time);
        List<KeyValue<String, PositionState>> due = new ArrayList<>();
        int diverging = 0;
        for (KeyValue<String, PositionState> entry : positions.all()) {
            if (Reconciliation.diverging(entry.value)) {
                diverging++;
            }
            if (Reconciliation.alertDue(entry.value, settings.gracePeriod(), now)) {
                due.add(entry);
            }
        }
        for (KeyValue<String, PositionState> entry : due) {
            PositionState state = entry.value;
            positions.replace(entry.key, PositionState.newBuilder(state)
                    .setReconciliation(ReconciliationStatus.ALERTED)
                    .setUpdateTime(now)
                    .build());
            context.forward(new Record<>(entry.key, Reconciliation.alert(state, state.getDivergingSince(),
                    settings.tolerance(), false, now), time));
            metrics.alertRaised(state.getExchange(), state.getAccount());
        }
        metrics.diverging(taskId, diverging);
    }

    @Override
    public void close() {
        metrics.taskClosed(taskId);
    }
}
