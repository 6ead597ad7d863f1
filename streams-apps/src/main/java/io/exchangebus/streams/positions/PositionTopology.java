package io.exchangebus.streams.positions;

import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.Instrument;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PositionState;
import io.exchangebus.events.PositionUpdate;
import io.exchangebus.events.ReconciliationAlert;
import io.exchangebus.events.RecoverySnapshot;
import io.exchangebus.streams.EventSerdes;
import io.exchangebus.streams.StreamsTopics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Positions derived from a recovery epoch plus fills, beside the exchange's own view, reconciled, and published as
 * current state:
 *
 * <pre>
 * recovery.snapshots.v1 ┐
 * orders.updates.v1     ├─ positions-source ─ positions-ledger ─┬─ state.positions.v1 (PositionState)
 * account.positions.v1  │   (co-partitioned,   (stores below)    ├─ state.balances.v1  (BalanceUpdate)
 * account.balances.v1   ┘    exchange:account)      │            └─ alerts.positions.v1 (ReconciliationAlert)
 * reference.instruments.v1 ─ positions-instrument-store (global) ┘ contract terms of fills
 * </pre>
 *
 * <p>What each part does: {@link RecoveryEpochs} (positions restart from a successful epoch; spot accounts, which
 * report no positions, start flat and so hold the net traded since the epoch, with reconciliation UNKNOWN),
 * {@link OrderFills} (fills from orders' cumulative fields, counted once), {@link ExchangeView} (the exchange's
 * positions and balances), {@link Reconciliation} and {@link NetPosition} (the arithmetic and its rounding).
 *
 * <p>The four input topics must be keyed {@code exchange:account} and have the same partition count: one source
 * reads them all, so that every store entry of an account lives in the task of its partition and no repartition
 * is needed. Every node and store is named (prefix {@code positions-}): generated names would change with the
 * topology and orphan the stores' changelogs. Stores are persistent, cached and changelogged; their values are
 * the event records in the registry's wire format, so changelogs can be read like any topic.
 */
public final class PositionTopology {
    /** Key {@code exchange:account:instrumentId}, value PositionState. */
    public static final String POSITION_STORE = "positions-store";
    /** Key {@code exchange:account:asset}, value BalanceUpdate. */
    public static final String BALANCE_STORE = "positions-balance-store";
    /** Key {@code exchange:account:itemIndex}: the POSITION and order items of epochs waiting for their marker. */
    static final String EPOCH_STORE = "positions-epoch-store";
    /** Key {@code exchange:account:exchangeOrderId}, value the order's fill baseline, timestamp when last seen. */
    static final String ORDER_STORE = "positions-order-store";
    /**
     * Global, key {@code exchange:symbol}, value Instrument: the definitions of {@code reference.instruments.v1}, for
     * the contract terms of fills ({@link InstrumentTerms}); absent when the topics name no instrument source.
     */
    public static final String INSTRUMENT_STORE = "positions-instrument-store";
    /** Key {@code exchange:account:instrumentId:LONG|SHORT}: the last report of each hedge-mode leg. */
    static final String HEDGE_LEG_STORE = "positions-hedge-leg-store";

    private PositionTopology() {
    }

    /** The positions topology on its own. */
    public static Topology buildTopology(PositionSettings settings, EventSerdes serdes, StreamsTopics topics,
                                         MeterRegistry meters) {
        StreamsBuilder builder = new StreamsBuilder();
        addTo(builder, settings, serdes, topics, meters);
        return builder.build();
    }

    /**
     * Adds the positions topology to {@code builder}, e.g. beside others in one application.
     *
     * @param meters where the topology's meters are registered ({@link PositionMetrics}); one positions topology per
     *               registry
     */
    public static void addTo(StreamsBuilder builder, PositionSettings settings, EventSerdes serdes,
                             StreamsTopics topics, MeterRegistry meters) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(serdes, "serdes");
        Objects.requireNonNull(topics, "topics");
        PositionMetrics metrics = new PositionMetrics(Objects.requireNonNull(meters, "meters"));

        builder.addStateStore(keyValueStore(POSITION_STORE, serdes, serdes.<PositionState>values()));
        builder.addStateStore(keyValueStore(BALANCE_STORE, serdes, serdes.<BalanceUpdate>values()));
        builder.addStateStore(keyValueStore(EPOCH_STORE, serdes, serdes.<RecoverySnapshot>values()));
        builder.addStateStore(keyValueStore(HEDGE_LEG_STORE, serdes, serdes.<PositionUpdate>values()));
        // Timestamped: the entry's timestamp is when the order was last seen, which its retention counts from.
        builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(
                        Stores.persistentTimestampedKeyValueStore(ORDER_STORE), serdes.keys(),
                        serdes.<OrderUpdate>values())
                .withCachingEnabled());

        // One source over the four account topics: they are co-partitioned by exchange:account, and the
        // deserializer returns whichever event class it reads, which the ledger dispatches on.
        KStream<String, SpecificRecordBase> accountEvents = builder.stream(
                List.of(topics.recoverySnapshots(), topics.ordersUpdates(), topics.accountPositions(),
                        topics.accountBalances()),
                Consumed.with(serdes.keys(), serdes.<SpecificRecordBase>values()).withName("positions-source"));

        // Instrument definitions, read whole by every instance (a few thousand small records): any task may need
        // any instrument's terms, and they change rarely.
        boolean withInstruments = topics.referenceInstruments() != null;
        if (withInstruments) {
            builder.globalTable(topics.referenceInstruments(),
                    Consumed.with(serdes.keys(), serdes.<Instrument>values()).withName("positions-instruments-source"),
                    Materialized.<String, Instrument, KeyValueStore<Bytes, byte[]>>as(INSTRUMENT_STORE)
                            .withKeySerde(serdes.keys()).withValueSerde(serdes.<Instrument>values()));
        }

        KStream<String, SpecificRecordBase> results = accountEvents.process(
                () -> new PositionLedger(settings, metrics, withInstruments), Named.as("positions-ledger"),
                POSITION_STORE, BALANCE_STORE, EPOCH_STORE, HEDGE_LEG_STORE, ORDER_STORE);

        // The ledger forwards three kinds of record: each to its topic.
        Produced<String, SpecificRecordBase> produced = Produced.with(serdes.keys(), serdes.values());
        results.split(Named.as("positions-output-"))
                .branch((key, value) -> value instanceof PositionState, Branched.withConsumer(
                        states -> states.to(topics.statePositions(), produced.withName("positions-state-sink")),
                        "state"))
                .branch((key, value) -> value instanceof BalanceUpdate, Branched.withConsumer(
                        balances -> balances.to(topics.stateBalances(), produced.withName("positions-balance-sink")),
                        "balances"))
                .branch((key, value) -> value instanceof ReconciliationAlert, Branched.withConsumer(
                        alerts -> alerts.to(topics.alertsPositions(), produced.withName("positions-alert-sink")),
                        "alerts"))
                .noDefaultBranch();
    }

    private static <V extends SpecificRecordBase> StoreBuilder<KeyValueStore<String, V>> keyValueStore(
            String name, EventSerdes serdes, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), serdes.keys(), values)
                .withCachingEnabled();
    }
}
