package io.exchangebus.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PositionUpdate;
import io.exchangebus.events.RecoveryItemKind;
import io.exchangebus.events.RecoverySnapshot;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.junit.LocalStackExtension;
import io.exchangebus.localstack.junit.TestTopics;
import io.exchangebus.service.config.CommonKeys;
import io.exchangebus.service.config.ConfigLoader;
import io.exchangebus.service.kafka.KafkaClients;
import io.exchangebus.service.testing.SimulatedBinance;
import io.exchangebus.service.testing.TopicReader;
import io.exchangebus.sim.account.ApiKey;
import io.exchangebus.sim.account.Balance;
import io.exchangebus.sim.account.Position;
import io.exchangebus.sim.binance.BinanceFamily;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * recovery-job against a real broker and registry and two Binance simulators (spot and USD-M) over real sockets:
 * state set up at the simulators, the job run as {@code main} runs it, and the epoch read back read_committed.
 */
@ExtendWith(LocalStackExtension.class)
class RecoveryJobIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private SimulatedBinance spot;
    private SimulatedBinance usdm;
    private ApiKey spotKey;
    private ApiKey usdmKey;
    private long spotFilledOrder;
    private long spotOpenOrder;
    private long usdmOpenOrder;

    /**
     * Each account: a deposit, a buy filled against the maker's resting sell, and a resting buy far below the
     * market; on USD-M the fill opens a long position.
     */
    @BeforeEach
    void setUpState() throws Exception {
        spot = new SimulatedBinance(BinanceFamily.SPOT);
        spotKey = spot.createAccount("rec-spot");
        spot.simulator().deposit("rec-spot", "BTC", "1");
        spot.simulator().deposit("rec-spot", "USDT", "10000");
        spot.makerSells("60000.00", "0.01000");
        try (OrderEntry orders = new OrderEntry(spot, dir, "rec-spot", spotKey)) {
            spotFilledOrder = orders.limitBuy("60000.00", "0.01000");
            spotOpenOrder = orders.limitBuy("30000.00", "0.01000");
        }

        usdm = new SimulatedBinance(BinanceFamily.USDM);
        usdmKey = usdm.createAccount("rec-usdm");
        usdm.simulator().deposit("rec-usdm", "USDT", "10000");
        usdm.makerSells("60000.0", "0.010");
        try (OrderEntry orders = new OrderEntry(usdm, dir, "rec-usdm", usdmKey)) {
            orders.limitBuy("60000.0", "0.010");
            usdmOpenOrder = orders.limitBuy("30000.0", "0.010");
        }
    }

    @AfterEach
    void stopSimulators() {
        spot.close();
        usdm.close();
    }

    @Test
    void shouldPublishEachAccountsStateAsOneEpochEqualToTheExchanges(LocalStack stack, TestTopics topics)
            throws Exception {
        String topic = topics.create(topics.name("recovery.snapshots.v1"), 1);
        Run run = run(stack, topic, config(usdmKey.secret()));

        assertThat(run.exitCode).as(run.out).isZero();
        Map<String, List<RecoverySnapshot>> epoch = readEpoch(stack, topic, 2);

        List<RecoverySnapshot> spotEpoch = epoch.get("binance-spot:rec-spot");
        assertThat(kinds(spotEpoch)).containsExactly(RecoveryItemKind.BALANCE, RecoveryItemKind.BALANCE,
                RecoveryItemKind.OPEN_ORDER, RecoveryItemKind.ORDER_HISTORY, RecoveryItemKind.ORDER_HISTORY, null);
        assertIndexedAndClosed(spotEpoch, 2, 0, 1, 2);
        assertBalancesEqualTheSimulators(spotEpoch, spot, "rec-spot");
        OrderUpdate open = (OrderUpdate) spotEpoch.get(2).getItem();
        assertThat(open.getExchangeOrderId()).isEqualTo(Long.toString(spotOpenOrder));
        assertThat(open.getStatus()).isEqualTo(OrderStatus.NEW);
        assertThat(open.getPrice()).isEqualByComparingTo("30000.00");
        assertThat(open.getQuantity()).isEqualByComparingTo("0.01");
        assertThat(open.getSource()).isEqualTo(EventSource.RECOVERY);
        OrderUpdate filled = (OrderUpdate) spotEpoch.get(3).getItem();
        assertThat(filled.getExchangeOrderId()).isEqualTo(Long.toString(spotFilledOrder));
        assertThat(filled.getStatus()).isEqualTo(OrderStatus.FILLED);
        assertThat(filled.getFilledQuantity()).isEqualByComparingTo("0.01");
        assertThat(filled.getAveragePrice()).isEqualByComparingTo("60000");
        assertThat(((OrderUpdate) spotEpoch.get(4).getItem()).getExchangeOrderId())
                .isEqualTo(Long.toString(spotOpenOrder));

        List<RecoverySnapshot> usdmEpoch = epoch.get("binance-usdm:rec-usdm");
        assertThat(kinds(usdmEpoch)).containsExactly(RecoveryItemKind.BALANCE, RecoveryItemKind.POSITION,
                RecoveryItemKind.OPEN_ORDER, RecoveryItemKind.ORDER_HISTORY, RecoveryItemKind.ORDER_HISTORY, null);
        assertIndexedAndClosed(usdmEpoch, 1, 1, 1, 2);
        Balance wallet = usdm.simulator().simulator().accounts().balance("rec-usdm", "USDT");
        BalanceUpdate usdt = (BalanceUpdate) usdmEpoch.get(0).getItem();
        assertThat(usdt.getAsset()).isEqualTo("USDT");
        assertThat(usdt.getTotal()).isEqualByComparingTo(wallet.total());
        Position held = usdm.simulator().simulator().accounts().position("rec-usdm", "BTCUSDT");
        PositionUpdate position = (PositionUpdate) usdmEpoch.get(1).getItem();
        assertThat(position.getInstrumentId()).isEqualTo("BTC-USDT-PERP");
        assertThat(position.getQuantity()).isEqualByComparingTo(held.quantity()).isEqualByComparingTo("0.01");
        assertThat(position.getEntryPrice()).isEqualByComparingTo(held.averageEntryPrice())
                .isEqualByComparingTo("60000");
        assertThat(((OrderUpdate) usdmEpoch.get(2).getItem()).getExchangeOrderId())
                .isEqualTo(Long.toString(usdmOpenOrder));
        assertThat(spotEpoch.get(0).getEpochId()).isEqualTo(usdmEpoch.get(0).getEpochId());

        assertThat(run.out).contains(
                "recovery: binance-spot/rec-spot balances 2, positions n/a, open orders 1, history page 1 (2 orders)",
                "recovery: binance-usdm/rec-usdm balances 1, positions 1, open orders 1, history page 1 (2 orders)",
                "2 of 2 account(s) recovered");
    }

    @Test
    void shouldPublishTheSameItemSequenceWhenRunTwice(LocalStack stack, TestTopics topics) throws Exception {
        String topic = topics.create(topics.name("recovery.snapshots.v1"), 1);
        String config = config(usdmKey.secret());

        assertThat(run(stack, topic, config).exitCode).isZero();
        assertThat(run(stack, topic, config).exitCode).isZero();
        List<ConsumerRecord<String, RecoverySnapshot>> records = read(stack, topic, 4);

        Map<String, List<ConsumerRecord<String, RecoverySnapshot>>> byEpoch = records.stream().collect(
                Collectors.groupingBy(r -> r.value().getEpochId(), LinkedHashMap::new, Collectors.toList()));
        assertThat(byEpoch).hasSize(2);
        List<List<String>> sequences = new ArrayList<>();
        byEpoch.values().forEach(epoch -> sequences.add(epoch.stream()
                .map(r -> r.key() + "#" + r.value().getItemIndex() + " " + r.value().getItemKind() + " "
                        + withoutAnswerTimes(r.value().getItem()) + " count " + r.value().getItemCount())
                .toList()));
        assertThat(sequences.get(0)).hasSize(12).isEqualTo(sequences.get(1));
    }

    @Test
    void shouldRecordAFailedAccountInItsMarkerAndStillPublishTheOthers(LocalStack stack, TestTopics topics)
            throws Exception {
        String topic = topics.create(topics.name("recovery.snapshots.v1"), 1);
        String wrongSecret = "not-the-secret-0123456789abcdef";
        Run run = run(stack, topic, config(wrongSecret));

        assertThat(run.exitCode).isEqualTo(RecoveryJobMain.EXIT_FAILED);
        Map<String, List<RecoverySnapshot>> epoch = readEpoch(stack, topic, 2);
        List<RecoverySnapshot> spotEpoch = epoch.get("binance-spot:rec-spot");
        assertIndexedAndClosed(spotEpoch, 2, 0, 1, 2);
        assertThat(spotEpoch.get(spotEpoch.size() - 1).getFailureKind()).isNull();
        List<RecoverySnapshot> failed = epoch.get("binance-usdm:rec-usdm");
        assertThat(failed).hasSize(1);
        RecoverySnapshot marker = failed.get(0);
        assertThat(marker.getItem()).isNull();
        assertThat(marker.getItemCount()).isZero();
        assertThat(marker.getFailureKind()).isEqualTo("AUTH");
        assertThat(marker.getFailureMessage()).startsWith("balances: ").doesNotContain(wrongSecret);
        assertThat(run.out).contains("binance-usdm/rec-usdm FAILED", "1 of 2 account(s) recovered, failed: "
                + "binance-usdm/rec-usdm").doesNotContain(wrongSecret);
    }

    private String config(String usdmSecret) throws Exception {
        return "exchanges:\n" + spot.exchangeYaml() + usdm.exchangeYaml()
                + "accounts:\n" + spot.accountYaml(dir, "rec-spot", spotKey.keyId(), spotKey.secret())
                + usdm.accountYaml(dir, "rec-usdm", usdmKey.keyId(), usdmSecret)
                + "recovery:\n  history-window: 1h\n  page-size: 100\n  call-timeout: 10s\n";
    }

    private record Run(int exitCode, String out) {
    }

    private Run run(LocalStack stack, String topic, String yaml) throws Exception {
        Path config = Files.writeString(dir.resolve("recovery-job.yaml"), yaml);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = RecoveryJobMain.run(new String[] {"--config", config.toString()}, Map.of(
                        "EXBUS_KAFKA__BOOTSTRAP_SERVERS", stack.bootstrapServers(),
                        "EXBUS_KAFKA__SCHEMA_REGISTRY_URL", stack.registryUrl(),
                        "EXBUS_SERVICE__INSTANCE_ID", "recovery-it"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                topic);
        return new Run(code, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
    }

    private static void assertIndexedAndClosed(List<RecoverySnapshot> epoch, long assets, long positions,
                                               long openOrders, long history) {
        for (int i = 0; i < epoch.size(); i++) {
            assertThat(epoch.get(i).getItemIndex()).isEqualTo(i);
        }
        RecoverySnapshot marker = epoch.get(epoch.size() - 1);
        assertThat(marker.getItem()).isNull();
        assertThat(marker.getItemCount()).isEqualTo(epoch.size() - 1);
        assertThat(List.of(marker.getAssetCount(), marker.getPositionCount(), marker.getOpenOrderCount(),
                marker.getOrderHistoryCount())).containsExactly(assets, positions, openOrders, history);
    }

    private static void assertBalancesEqualTheSimulators(List<RecoverySnapshot> epoch, SimulatedBinance exchange,
                                                         String account) {
        List<Balance> expected = exchange.simulator().simulator().accounts().snapshot(account).balances().values()
                .stream().filter(b -> b.total().signum() != 0).sorted(Comparator.comparing(Balance::asset)).toList();
        List<BalanceUpdate> actual = epoch.stream().filter(s -> s.getItemKind() == RecoveryItemKind.BALANCE)
                .map(s -> (BalanceUpdate) s.getItem()).toList();
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).getAsset()).isEqualTo(expected.get(i).asset());
            assertThat(actual.get(i).getFree()).isEqualByComparingTo(expected.get(i).free());
            assertThat(actual.get(i).getLocked()).isEqualByComparingTo(expected.get(i).locked());
            assertThat(actual.get(i).getSource()).isEqualTo(EventSource.RECOVERY);
        }
    }

    private static List<RecoveryItemKind> kinds(List<RecoverySnapshot> epoch) {
        return epoch.stream().map(RecoverySnapshot::getItemKind).collect(Collectors.toList());
    }

    /**
     * The item as text with the times of the answer blanked: our receipt time, and the exchange time of balances and
     * positions, which the exchange stamps with the time of its answer. Orders keep their exchange times.
     */
    private static String withoutAnswerTimes(Object item) {
        if (item == null) {
            return "null";
        }
        SpecificRecordBase record = (SpecificRecordBase) item;
        SpecificRecordBase copy = (SpecificRecordBase) record.getSpecificData().deepCopy(record.getSchema(), item);
        copy.put("receiveTime", Instant.EPOCH);
        if (!(copy instanceof OrderUpdate)) {
            copy.put("exchangeTime", null);
        }
        return copy.toString();
    }

    /** The committed records of one epoch per key, read until {@code markers} end markers came. */
    private static Map<String, List<RecoverySnapshot>> readEpoch(LocalStack stack, String topic, int markers) {
        return read(stack, topic, markers).stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                LinkedHashMap::new, Collectors.mapping(ConsumerRecord::value, Collectors.toList())));
    }

    private static List<ConsumerRecord<String, RecoverySnapshot>> read(LocalStack stack, String topic, int markers) {
        KafkaClients clients = new KafkaClients(new ConfigLoader("recovery-it-reader", CommonKeys.SCHEMA, Map.of(
                "EXBUS_KAFKA__BOOTSTRAP_SERVERS", stack.bootstrapServers(),
                "EXBUS_KAFKA__SCHEMA_REGISTRY_URL", stack.registryUrl())).loadYaml(""));
        // KafkaClients' consumers read committed records only: an epoch is seen whole or not at all.
        assertThat(clients.consumerProperties("x")).containsEntry("isolation.level", "read_committed");
        try (TopicReader<String, RecoverySnapshot> reader = new TopicReader<>(
                clients.<RecoverySnapshot>avroConsumer("recovery-it-reader"), topic)) {
            List<ConsumerRecord<String, RecoverySnapshot>> read = reader.readUntil(records -> records.stream()
                    .filter(r -> r.value().getItem() == null).count() >= markers, WAIT);
            assertThat(read.stream().filter(r -> r.value().getItem() == null)).hasSize(markers);
            return read;
        }
    }
}
