package io.exchangebus.streams.positions;

import static io.exchangebus.streams.positions.Events.BTC_PERP;
import static io.exchangebus.streams.positions.Events.USDM;
import static io.exchangebus.streams.positions.Events.balance;
import static io.exchangebus.streams.positions.Events.epoch;
import static io.exchangebus.streams.positions.Events.fill;
import static io.exchangebus.streams.positions.Events.order;
import static io.exchangebus.streams.positions.Events.usdmPosition;
import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PositionState;
import io.exchangebus.events.RecoverySnapshot;
import io.exchangebus.events.Side;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.junit.LocalStackExtension;
import io.exchangebus.localstack.junit.TestTopics;
import io.exchangebus.streams.EventSerdes;
import io.exchangebus.streams.StreamsTopics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology in a real Kafka Streams instance against the local broker: its stores answer
 * {@link PositionQueries}, and a restarted instance goes on from its state directory and changelogs (a
 * TopologyTestDriver deletes its state directory on close, so a restart can only be shown here).
 */
@ExtendWith(LocalStackExtension.class)
class PositionStreamsIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int PARTITIONS = 2;

    @Test
    void shouldAnswerQueriesFromLocalStoresAndGoOnAfterARestart(LocalStack stack, TestTopics names,
                                                                @TempDir Path stateDir) throws Exception {
        StreamsTopics topics = topics(names);
        EventSerdes serdes = EventSerdes.forRegistry(stack.registryUrl());
        OrderUpdate partly = order(USDM, "9", Side.BUY, OrderStatus.PARTIALLY_FILLED, "0.010", "0.004", "61000",
                fill("t1", "61000", "0.004", "0.0976", "USDT"));
        Properties props = streamsProps(stack, stateDir, names.name("positions-app"));

        try (KafkaProducer<String, SpecificRecordBase> producer = producer(stack, serdes)) {
            epoch("e1", USDM, null, usdmPosition("0.010", "60000"), balance(USDM, "USDT", "5000", "0"))
                    .forEach(record -> send(producer, topics.recoverySnapshots(), record));
            send(producer, topics.ordersUpdates(), partly);

            PositionState before;
            KafkaStreams first = new KafkaStreams(PositionTopology.buildTopology(PositionsDriver.SETTINGS, serdes,
                    topics, new SimpleMeterRegistry()), props);
            try {
                assertThat(PositionQueries.localPositions(first, USDM, Events.ACCOUNT)).as("not started").isEmpty();
                first.start();
                List<PositionState> positions = await(() -> PositionQueries.localPositions(first, USDM,
                        Events.ACCOUNT), found -> found.size() == 1 && found.get(0).getFillCount() == 1);
                before = positions.get(0);
                assertThat(before.getInstrumentId()).isEqualTo(BTC_PERP);
                assertThat(before.getQuantity()).isEqualByComparingTo("0.014");
                List<BalanceUpdate> balances = PositionQueries.localBalances(first, USDM, Events.ACCOUNT);
                assertThat(balances).extracting(BalanceUpdate::getAsset).containsExactly("USDT");
                assertThat(PositionQueries.localPositions(first, USDM, "other")).isEmpty();
                assertThat(PositionQueries.localPositions(first, "binance-usdm2", Events.ACCOUNT)).isEmpty();
            } finally {
                // Leaving the group lets the restarted instance take the partitions at once, not after the session
                // timeout.
                first.close(CloseOptions.groupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(Duration.ofSeconds(30)));
            }

            KafkaStreams second = new KafkaStreams(PositionTopology.buildTopology(PositionsDriver.SETTINGS, serdes,
                    topics, new SimpleMeterRegistry()), props);
            try {
                second.start();
                // A replay of the update the first instance applied, then the rest of the order.
                send(producer, topics.ordersUpdates(), partly);
                send(producer, topics.ordersUpdates(), order(USDM, "9", Side.BUY, OrderStatus.FILLED, "0.010",
                        "0.010", "61000", fill("t2", "61000", "0.006", "0.1464", "USDT")));

                PositionState after = await(() -> PositionQueries.localPositions(second, USDM, Events.ACCOUNT),
                        found -> found.size() == 1 && found.get(0).getFillCount() >= 2).get(0);
                assertThat(after.getQuantity()).as("the replay not counted again").isEqualByComparingTo("0.020");
                assertThat(after.getFillCount()).isEqualTo(2);
                assertThat(after.getAverageEntryPrice()).isEqualByComparingTo("60500");
                assertThat(after.getEpochId()).isEqualTo(before.getEpochId());
                assertThat(after.getDivergingSince()).as("diverging since before the restart")
                        .isEqualTo(before.getDivergingSince());
            } finally {
                second.close(CloseOptions.groupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(Duration.ofSeconds(30)));
            }
        }
    }

    private static StreamsTopics topics(TestTopics names) {
        StreamsTopics catalogue = StreamsTopics.catalogue();
        return new StreamsTopics(names.name(catalogue.marketBook()), names.name(catalogue.stateBooks()),
                names.name(catalogue.stateBbo()),
                names.create(names.name(catalogue.ordersUpdates()), PARTITIONS),
                names.create(names.name(catalogue.accountPositions()), PARTITIONS),
                names.create(names.name(catalogue.accountBalances()), PARTITIONS),
                names.create(names.name(catalogue.recoverySnapshots()), PARTITIONS),
                names.create(names.name(catalogue.statePositions()), 1),
                names.create(names.name(catalogue.stateBalances()), 1),
                names.create(names.name(catalogue.alertsPositions()), 1));
    }

    private static Properties streamsProps(LocalStack stack, Path stateDir, String applicationId) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        return props;
    }

    private static KafkaProducer<String, SpecificRecordBase> producer(LocalStack stack, EventSerdes serdes) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        return new KafkaProducer<>(props, new StringSerializer(), serdes.<SpecificRecordBase>values().serializer());
    }

    private static void send(KafkaProducer<String, SpecificRecordBase> producer, String topic,
                             SpecificRecordBase value) {
        String key = value instanceof OrderUpdate order ? Events.key(order.getExchange())
                : Events.key(((RecoverySnapshot) value).getExchange());
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new AssertionError("cannot send to " + topic, e);
        }
    }

    private static <T> T await(Supplier<T> query, Predicate<T> done) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        T last = query.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + WAIT + "; last answer: " + last);
            }
            Thread.sleep(100);
            last = query.get();
        }
        return last;
    }
}
