package io.exchangebus.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.avro.topics.Topics;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.Instrument;
import io.exchangebus.events.InstrumentKind;
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
import io.exchangebus.service.testing.SimulatedDeribit;
import io.exchangebus.service.testing.TopicReader;
import io.exchangebus.sim.account.ApiKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * recovery-job with a Deribit account by configuration alone, against the real broker and registry and the Deribit
 * simulator: the account holds an inverse perpetual and an option bought through the exchange's API and rests a
 * buy; the epoch's balances, positions, open orders and order history equal what the simulator answers for them.
 */
@ExtendWith(LocalStackExtension.class)
class DeribitRecoveryJobIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ACCOUNT = "rec-deribit";

    @TempDir
    Path dir;

    private SimulatedDeribit deribit;
    private ApiKey key;
    private String perpOrder;
    private String optionOrder;
    private String openOrder;

    /** A 10 BTC deposit; 1000 USD of the perpetual at 80000 and 1 option bought from the maker; a buy resting far below. */
    @BeforeEach
    void setUpState() throws Exception {
        deribit = new SimulatedDeribit();
        key = deribit.createAccount(ACCOUNT);
        deribit.simulator().deposit(ACCOUNT, "BTC", "10");
        String perp = SimulatedDeribit.PERPETUAL;
        String option = deribit.option();
        // 1000 USD at 80000 is 0.0125 BTC, its fee exact in BTC: the simulator does not yet round an inverse fee
        // to Deribit's 8 decimals (deribit-pms fixes that), and a fee with more than 18 places cannot be mapped.
        deribit.makerSells(perp, "80000", "1000");
        perpOrder = deribit.order(key, "buy", "instrument_name", perp, "amount", "1000", "type", "limit",
                "price", "80000").get("order").get("order_id").asText();
        deribit.makerSells(option, "0.05", "1");
        optionOrder = deribit.order(key, "buy", "instrument_name", option, "amount", "1", "type", "limit",
                "price", "0.05").get("order").get("order_id").asText();
        openOrder = deribit.order(key, "buy", "instrument_name", perp, "amount", "100", "type", "limit",
                "price", "50000", "label", "resting").get("order").get("order_id").asText();
    }

    @AfterEach
    void stopSimulator() {
        deribit.close();
    }

    @Test
    void shouldPublishTheDeribitAccountsStateAsTheSimulatorAnswersIt(LocalStack stack, TestTopics topics)
            throws Exception {
        String topic = topics.create(topics.name("recovery.snapshots.v1"), 1);
        String option = deribit.option();
        String yaml = deribit.yaml(dir, ACCOUNT, key) + "recovery:\n  history-window: 1h\n  page-size: 100\n"
                + "  history-symbols: [" + SimulatedDeribit.PERPETUAL + ", " + option + "]\n  call-timeout: 10s\n";

        Run run = run(stack, topic, yaml);

        assertThat(run.exitCode).as(run.out).isZero();
        List<RecoverySnapshot> epoch = read(stack, topic).stream().map(ConsumerRecord::value).toList();
        assertThat(read(stack, topic).get(0).key()).isEqualTo("deribit:" + ACCOUNT);
        RecoverySnapshot marker = epoch.get(epoch.size() - 1);
        assertThat(marker.getItem()).isNull();
        assertThat(marker.getFailureKind()).isNull();
        assertThat(marker.getItemCount()).isEqualTo(epoch.size() - 1);

        List<BalanceUpdate> balances = items(epoch, RecoveryItemKind.BALANCE, BalanceUpdate.class);
        assertThat(balances).extracting(BalanceUpdate::getAsset).contains("BTC");
        for (BalanceUpdate balance : balances) {
            JsonNode summary = deribit.privateCall(key, "get_account_summary", Map.of("currency",
                    balance.getAsset()));
            assertThat(balance.getTotal()).as(balance.getAsset()).isEqualByComparingTo(
                    summary.get("balance").decimalValue());
            assertThat(balance.getFree()).isEqualByComparingTo(summary.get("available_withdrawal_funds")
                    .decimalValue());
            assertThat(balance.getSource()).isEqualTo(EventSource.RECOVERY);
        }
        assertThat(marker.getAssetCount()).isEqualTo(balances.size());

        Map<String, JsonNode> held = new HashMap<>();
        deribit.privateCall(key, "get_positions", Map.of("currency", "BTC"))
                .forEach(p -> {
                    if (p.get("size").decimalValue().signum() != 0) {
                        held.put(p.get("instrument_name").asText(), p);
                    }
                });
        assertThat(held).containsOnlyKeys(SimulatedDeribit.PERPETUAL, option);
        List<PositionUpdate> positions = items(epoch, RecoveryItemKind.POSITION, PositionUpdate.class);
        assertThat(positions).extracting(PositionUpdate::getSymbol)
                .containsExactlyInAnyOrder(SimulatedDeribit.PERPETUAL, option);
        for (PositionUpdate position : positions) {
            JsonNode truth = held.get(position.getSymbol());
            assertThat(position.getQuantity()).as(position.getSymbol())
                    .isEqualByComparingTo(truth.get("size").decimalValue());
            assertThat(position.getEntryPrice()).isEqualByComparingTo(truth.get("average_price").decimalValue());
            assertThat(position.getSource()).isEqualTo(EventSource.RECOVERY);
        }
        PositionUpdate perp = positions.stream().filter(p -> p.getSymbol().equals(SimulatedDeribit.PERPETUAL))
                .findFirst().orElseThrow();
        assertThat(perp.getInstrumentId()).isEqualTo("BTC-USD-PERP");
        assertThat(perp.getQuantity()).isEqualByComparingTo("1000");

        List<OrderUpdate> open = items(epoch, RecoveryItemKind.OPEN_ORDER, OrderUpdate.class);
        JsonNode openAtExchange = deribit.privateCall(key, "get_open_orders_by_currency", Map.of("currency", "BTC"));
        assertThat(openAtExchange).hasSize(1);
        assertThat(open).singleElement().satisfies(o -> {
            assertThat(o.getExchangeOrderId()).isEqualTo(openOrder)
                    .isEqualTo(openAtExchange.get(0).get("order_id").asText());
            assertThat(o.getStatus()).isEqualTo(OrderStatus.NEW);
            assertThat(o.getPrice()).isEqualByComparingTo("50000");
            assertThat(o.getQuantity()).isEqualByComparingTo("100");
        });

        List<OrderUpdate> history = items(epoch, RecoveryItemKind.ORDER_HISTORY, OrderUpdate.class);
        // Deribit's order history holds finished orders only; the resting buy is an open order above.
        assertThat(history).extracting(OrderUpdate::getExchangeOrderId)
                .containsExactlyInAnyOrder(perpOrder, optionOrder);
        assertThat(marker.getOrderHistoryCount()).isEqualTo(2);
        assertThat(marker.getPositionCount()).isEqualTo(2);
        assertThat(marker.getOpenOrderCount()).isEqualTo(1);
        OrderUpdate filled = history.stream().filter(o -> o.getExchangeOrderId().equals(optionOrder)).findFirst()
                .orElseThrow();
        assertThat(filled.getStatus()).isEqualTo(OrderStatus.FILLED);
        assertThat(filled.getFilledQuantity()).isEqualByComparingTo("1");
        assertThat(filled.getAveragePrice()).isEqualByComparingTo("0.05");
        assertThat(run.out).contains("recovery: deribit/" + ACCOUNT, "1 of 1 account(s) recovered");

        Instrument perpetual = instrument(stack, "deribit:" + SimulatedDeribit.PERPETUAL);
        assertThat(perpetual.getInverse()).as("BTC-PERPETUAL is inverse").isTrue();
        assertThat(perpetual.getInstrumentId()).isEqualTo("BTC-USD-PERP");
        Instrument call = instrument(stack, "deribit:" + option);
        assertThat(call.getKind()).isEqualTo(InstrumentKind.OPTION);
        assertThat(call.getInverse()).isFalse();
    }

    /** The latest definition under {@code key} on reference.instruments.v1, which the run wrote. */
    private static Instrument instrument(LocalStack stack, String key) {
        KafkaClients clients = new KafkaClients(new ConfigLoader("recovery-deribit-it-instruments", CommonKeys.SCHEMA,
                Map.of("EXBUS_KAFKA__BOOTSTRAP_SERVERS", stack.bootstrapServers(),
                        "EXBUS_KAFKA__SCHEMA_REGISTRY_URL", stack.registryUrl())).loadYaml(""));
        try (TopicReader<String, Instrument> reader = new TopicReader<>(
                clients.<Instrument>avroConsumer("recovery-deribit-it-instruments"),
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
                        "EXBUS_SERVICE__INSTANCE_ID", "recovery-deribit-it"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8),
                topic);
        return new Run(code, out.toString(StandardCharsets.UTF_8));
    }

    /** The committed records of the run, read until its end marker came. */
    private static List<ConsumerRecord<String, RecoverySnapshot>> read(LocalStack stack, String topic) {
        KafkaClients clients = new KafkaClients(new ConfigLoader("recovery-deribit-it-reader", CommonKeys.SCHEMA,
                Map.of("EXBUS_KAFKA__BOOTSTRAP_SERVERS", stack.bootstrapServers(),
                        "EXBUS_KAFKA__SCHEMA_REGISTRY_URL", stack.registryUrl())).loadYaml(""));
        try (TopicReader<String, RecoverySnapshot> reader = new TopicReader<>(
                clients.<RecoverySnapshot>avroConsumer("recovery-deribit-it-reader"), topic)) {
            return reader.readUntil(records -> records.stream().anyMatch(r -> r.value().getItem() == null), WAIT);
        }
    }

    private record Run(int exitCode, String out) {
    }
}
