package io.exchangebus.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.avro.topics.Topics;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.Instrument;
import io.exchangebus.events.InstrumentKind;
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
import io.exchangebus.service.testing.SimulatedGrvt;
import io.exchangebus.service.testing.TopicReader;
import io.exchangebus.sim.engine.Side;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * recovery-job with a GRVT sub-account by configuration alone, against the real broker and registry and the GRVT
 * simulator: the sub-account holds a linear perpetual bought from the maker and rests a buy (both signed orders
 * through GRVT's API); the epoch's balances, positions, open orders and order history equal what the simulator
 * answers for them ({@code account_summary}, {@code positions}, {@code open_orders}, {@code order_history}), and
 * GRVT's instruments reach {@code reference.instruments.v1} under our ids ({@code BTC_USDT_Perp} is
 * {@code BTC-USDT-PERP}).
 */
@ExtendWith(LocalStackExtension.class)
class GrvtRecoveryJobIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ACCOUNT = "rec-grvt";
    private static final String PERP = SimulatedGrvt.PERPETUAL;

    @TempDir
    Path dir;

    private SimulatedGrvt grvt;
    private SimulatedGrvt.SubAccount sub;

    /** A 100 000 USDT deposit; 1 BTC of the perpetual at 60000 bought from the maker; a buy resting far below. */
    @BeforeEach
    void setUpState() throws Exception {
        grvt = new SimulatedGrvt();
        sub = grvt.createAccount(ACCOUNT, new BigInteger("8289849667772468"));
        grvt.deposit(sub, "USDT", "100000");
        grvt.makerSells(PERP, "60000", "1");
        grvt.trade(sub, PERP, Side.BUY, "60000", "1");
        grvt.trade(sub, PERP, Side.BUY, "30000", "0.1");
    }

    @AfterEach
    void stopSimulator() {
        grvt.close();
    }

    @Test
    void shouldPublishTheGrvtSubAccountsStateAsTheSimulatorAnswersIt(LocalStack stack, TestTopics topics)
            throws Exception {
        String topic = topics.create(topics.name("recovery.snapshots.v1"), 1);
        String yaml = grvt.yaml(dir, ACCOUNT, sub) + "recovery:\n  history-window: 1h\n  page-size: 100\n"
                + "  history-symbols: [" + PERP + "]\n  call-timeout: 10s\n";

        Run run = run(stack, topic, yaml);

        assertThat(run.exitCode).as(run.out).isZero();
        List<ConsumerRecord<String, RecoverySnapshot>> records = read(stack, topic);
        List<RecoverySnapshot> epoch = records.stream().map(ConsumerRecord::value).toList();
        assertThat(records.get(0).key()).isEqualTo("grvt:" + ACCOUNT);
        RecoverySnapshot marker = epoch.get(epoch.size() - 1);
        assertThat(marker.getItem()).isNull();
        assertThat(marker.getFailureKind()).isNull();
        assertThat(marker.getItemCount()).isEqualTo(epoch.size() - 1);

        JsonNode summary = grvt.subAccountCall(sub, "v1/account_summary");
        List<BalanceUpdate> balances = items(epoch, RecoveryItemKind.BALANCE, BalanceUpdate.class);
        assertThat(balances).extracting(BalanceUpdate::getAsset).contains("USDT");
        for (JsonNode spot : summary.get("spot_balances")) {
            BalanceUpdate balance = balances.stream().filter(b -> b.getAsset().equals(spot.get("currency").asText()))
                    .findFirst().orElseThrow();
            assertThat(balance.getTotal()).as(balance.getAsset())
                    .isEqualByComparingTo(new BigDecimal(spot.get("balance").asText()));
            assertThat(balance.getSource()).isEqualTo(EventSource.RECOVERY);
        }

        JsonNode held = grvt.subAccountCall(sub, "v1/positions");
        assertThat(held).hasSize(1);
        List<PositionUpdate> positions = items(epoch, RecoveryItemKind.POSITION, PositionUpdate.class);
        assertThat(positions).singleElement().satisfies(p -> {
            assertThat(p.getSymbol()).isEqualTo(PERP).isEqualTo(held.get(0).get("instrument").asText());
            assertThat(p.getInstrumentId()).isEqualTo("BTC-USDT-PERP");
            assertThat(p.getQuantity()).isEqualByComparingTo(new BigDecimal(held.get(0).get("size").asText()))
                    .isEqualByComparingTo("1");
            assertThat(p.getEntryPrice()).isEqualByComparingTo(new BigDecimal(held.get(0).get("entry_price")
                    .asText())).isEqualByComparingTo("60000");
            assertThat(p.getSource()).isEqualTo(EventSource.RECOVERY);
        });

        JsonNode openAtExchange = grvt.subAccountCall(sub, "v1/open_orders");
        assertThat(openAtExchange).hasSize(1);
        List<OrderUpdate> open = items(epoch, RecoveryItemKind.OPEN_ORDER, OrderUpdate.class);
        assertThat(open).singleElement().satisfies(o -> {
            assertThat(o.getExchangeOrderId()).isEqualTo(openAtExchange.get(0).get("order_id").asText());
            assertThat(o.getStatus()).isEqualTo(OrderStatus.NEW);
            assertThat(o.getPrice()).isEqualByComparingTo("30000");
            assertThat(o.getQuantity()).isEqualByComparingTo("0.1");
        });

        List<String> historyAtExchange = new ArrayList<>();
        grvt.subAccountCall(sub, "v1/order_history").forEach(o -> historyAtExchange.add(o.get("order_id").asText()));
        List<OrderUpdate> history = items(epoch, RecoveryItemKind.ORDER_HISTORY, OrderUpdate.class);
        assertThat(history).extracting(OrderUpdate::getExchangeOrderId)
                .containsExactlyInAnyOrderElementsOf(historyAtExchange);
        assertThat(history).anySatisfy(o -> {
            assertThat(o.getStatus()).isEqualTo(OrderStatus.FILLED);
            assertThat(o.getFilledQuantity()).isEqualByComparingTo("1");
            assertThat(o.getAveragePrice()).isEqualByComparingTo("60000");
        });
        assertThat(run.out).contains("recovery: grvt/" + ACCOUNT, "1 of 1 account(s) recovered");

        Instrument perpetual = instrument(stack, "grvt:" + PERP);
        assertThat(perpetual.getInstrumentId()).isEqualTo("BTC-USDT-PERP");
        assertThat(perpetual.getKind()).isEqualTo(InstrumentKind.PERPETUAL);
        assertThat(perpetual.getInverse()).isFalse();
    }

    /** The latest definition under {@code key} on reference.instruments.v1, which the run wrote. */
    private static Instrument instrument(LocalStack stack, String key) {
        KafkaClients clients = new KafkaClients(new ConfigLoader("recovery-grvt-it-instruments", CommonKeys.SCHEMA,
                Map.of("EXBUS_KAFKA__BOOTSTRAP_SERVERS", stack.bootstrapServers(),
                        "EXBUS_KAFKA__SCHEMA_REGISTRY_URL", stack.registryUrl())).loadYaml(""));
        try (TopicReader<String, Instrument> reader = new TopicReader<>(
                clients.<Instrument>avroConsumer("recovery-grvt-it-instruments"),
                Topics.REFERENCE_INSTRUMENTS.name())) {
            List<ConsumerRecord<String, Instrument>> read = reader.readUntil(records -> records.stream()
                    .anyMatch(r -> key.equals(r.key())), WAIT);
            return read.stream().filter(r -> key.equals(r.key())).reduce((a, b) -> b).orElseThrow().value();
        }
    }

    private static <T> List<T> items(List<RecoverySnapshot> epoch, RecoveryItemKind kind, Class<T> type) {
        return epoch.stream().filter(s -> s.getItemKind() == kind).map(s -> type.cast(s.getItem())).toList();
    }

    private Run run(LocalStack stack, String topic, String yaml) throws Exception {
        Path config = Files.writeString(dir.resolve("recovery-job.yaml"), yaml);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = RecoveryJobMain.run(new String[] {"--config", config.toString()}, Map.of(
                        "EXBUS_KAFKA__BOOTSTRAP_SERVERS", stack.bootstrapServers(),
                        "EXBUS_KAFKA__SCHEMA_REGISTRY_URL", stack.registryUrl(),
                        "EXBUS_SERVICE__INSTANCE_ID", "recovery-grvt-it"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8),
                topic);
        return new Run(code, out.toString(StandardCharsets.UTF_8));
    }

    /** The committed records of the run, read until its end marker came. */
    private static List<ConsumerRecord<String, RecoverySnapshot>> read(LocalStack stack, String topic) {
        KafkaClients clients = new KafkaClients(new ConfigLoader("recovery-grvt-it-reader", CommonKeys.SCHEMA,
                Map.of("EXBUS_KAFKA__BOOTSTRAP_SERVERS", stack.bootstrapServers(),
                        "EXBUS_KAFKA__SCHEMA_REGISTRY_URL", stack.registryUrl())).loadYaml(""));
        try (TopicReader<String, RecoverySnapshot> reader = new TopicReader<>(
                clients.<RecoverySnapshot>avroConsumer("recovery-grvt-it-reader"), topic)) {
            return reader.readUntil(records -> records.stream().anyMatch(r -> r.value().getItem() == null), WAIT);
        }
    }

    private record Run(int exitCode, String out) {
    }
}
