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
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The positions topology in a {@link TopologyTestDriver}, with the real serdes against the registry of the local
 * stack: every record in and out, and every store write (changelogs), goes through the registry's wire format.
 * Wall clock and record times start at {@link Events#T0}.
 */
final class PositionsDriver implements AutoCloseable {
    static final StreamsTopics TOPICS = StreamsTopics.catalogue();
    static final PositionSettings SETTINGS = new PositionSettings(new BigDecimal("0.001"), Duration.ofSeconds(30),
            Duration.ofSeconds(5), Duration.ofHours(1));

    final TopologyTestDriver driver;
    private final TestInputTopic<String, RecoverySnapshot> snapshots;
    private final TestInputTopic<String, OrderUpdate> orders;
    private final TestInputTopic<String, PositionUpdate> positions;
    private final TestInputTopic<String, BalanceUpdate> balances;
    private final TestInputTopic<String, Instrument> instruments;
    private final TestOutputTopic<String, PositionState> states;
    private final TestOutputTopic<String, BalanceUpdate> balanceStates;
    private final TestOutputTopic<String, ReconciliationAlert> alerts;

    PositionsDriver(EventSerdes serdes, MeterRegistry meters, Path stateDir) {
        this(serdes, meters, stateDir, SETTINGS, new Properties());
    }

    PositionsDriver(EventSerdes serdes, MeterRegistry meters, Path stateDir, PositionSettings settings,
                    Properties extra) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "positions-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.putAll(extra);
        driver = new TopologyTestDriver(PositionTopology.buildTopology(settings, serdes, TOPICS, meters), props,
                Events.T0);
        snapshots = input(serdes, TOPICS.recoverySnapshots());
        orders = input(serdes, TOPICS.ordersUpdates());
        positions = input(serdes, TOPICS.accountPositions());
        balances = input(serdes, TOPICS.accountBalances());
        instruments = input(serdes, TOPICS.referenceInstruments());
        states = output(serdes, TOPICS.statePositions());
        balanceStates = output(serdes, TOPICS.stateBalances());
        alerts = output(serdes, TOPICS.alertsPositions());
    }

    private <V extends SpecificRecordBase> TestInputTopic<String, V> input(EventSerdes serdes, String topic) {
        Serde<V> values = serdes.values();
        return driver.createInputTopic(topic, serdes.keys().serializer(), values.serializer(), Events.T0,
                Duration.ofMillis(1));
    }

    private <V extends SpecificRecordBase> TestOutputTopic<String, V> output(EventSerdes serdes, String topic) {
        Serde<V> values = serdes.values();
        return driver.createOutputTopic(topic, serdes.keys().deserializer(), values.deserializer());
    }

    void epoch(List<RecoverySnapshot> records) {
        records.forEach(record -> snapshots.pipeInput(Events.key(record.getExchange()), record));
    }

    void snapshot(String key, RecoverySnapshot record) {
        snapshots.pipeInput(key, record);
    }

    void order(OrderUpdate update) {
        orders.pipeInput(Events.key(update.getExchange()), update);
    }

    void order(String key, OrderUpdate update) {
        orders.pipeInput(key, update);
    }

    /** An instrument definition on reference.instruments.v1, keyed exchange:symbol, as recovery-job writes it. */
    void instrument(Instrument definition) {
        instruments.pipeInput(definition.getExchange() + ":" + definition.getSymbol(), definition);
    }

    void reported(PositionUpdate update) {
        positions.pipeInput(Events.key(update.getExchange()), update);
    }

    void balance(BalanceUpdate update) {
        balances.pipeInput(Events.key(update.getExchange()), update);
    }

    void balance(String key, BalanceUpdate update) {
        balances.pipeInput(key, update);
    }

    /** Moves the wall clock on, firing the punctuators that fall due. */
    void advance(Duration duration) {
        driver.advanceWallClockTime(duration);
    }


    /** The stored position, or null. */
    PositionState position(String exchange, String instrumentId) {
        KeyValueStore<String, PositionState> store = driver.getKeyValueStore(PositionTopology.POSITION_STORE);
        return store.get(Events.positionKey(exchange, instrumentId));
    }

    /** The stored balance, or null. */
    BalanceUpdate storedBalance(String exchange, String asset) {
        KeyValueStore<String, BalanceUpdate> store = driver.getKeyValueStore(PositionTopology.BALANCE_STORE);
        return store.get(Events.key(exchange) + ":" + asset);
    }

    /** The order's stored fill baseline, or null. */
    OrderUpdate orderBaseline(String exchange, String orderId) {
        ValueAndTimestamp<OrderUpdate> stored = driver.<String, OrderUpdate>getTimestampedKeyValueStore(
                PositionTopology.ORDER_STORE).get(Events.key(exchange) + ":" + orderId);
        return stored == null ? null : stored.value();
    }

    /** The PositionState records published since the last call, in order. */
    List<KeyValue<String, PositionState>> publishedStates() {
        return states.readKeyValuesToList();
    }

    /** The last PositionState published since the last call (the others are dropped). */
    PositionState lastPublished(String exchange, String instrumentId) {
        String key = Events.positionKey(exchange, instrumentId);
        List<KeyValue<String, PositionState>> published = publishedStates();
        PositionState last = null;
        for (KeyValue<String, PositionState> record : published) {
            if (record.key.equals(key)) {
                last = record.value;
            }
        }
        return last;
    }

    List<KeyValue<String, BalanceUpdate>> publishedBalances() {
        return balanceStates.readKeyValuesToList();
    }

    List<KeyValue<String, ReconciliationAlert>> publishedAlerts() {
        return alerts.readKeyValuesToList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
