package io.exchangebus.pms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.PositionUpdate;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.junit.LocalStackExtension;
import io.exchangebus.localstack.junit.TestTopics;
import io.exchangebus.service.config.CommonKeys;
import io.exchangebus.service.config.ConfigLoader;
import io.exchangebus.service.kafka.KafkaClients;
import io.exchangebus.service.testing.RunningService;
import io.exchangebus.service.testing.SimulatedGrvt;
import io.exchangebus.service.testing.TopicReader;
import io.exchangebus.sim.engine.Side;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * pms-service with a GRVT sub-account by configuration alone: the real runner, a real broker and registry, and the
 * GRVT simulator over real sockets. The sub-account trades at the simulator through GRVT's API (signed orders, never
 * through the service); the linear perpetual's position (size, entry, realised and unrealised PnL) streamed on
 * {@code v1.position}, and the USDT balance polled from {@code account_summary}, read back from Kafka equal what the
 * simulator answers ({@code full/v1/positions}, {@code full/v1/account_summary}).
 */
@ExtendWith(LocalStackExtension.class)
class GrvtPmsServiceIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ACCOUNT = "pms-grvt";
    private static final String KEY = "grvt:" + ACCOUNT;

    @TempDir
    Path dir;

    @Test
    void shouldPublishThePerpetualPositionPnlAndUsdtBalanceAsTheSimulatorHasThem(LocalStack stack, TestTopics topics)
            throws Exception {
        PmsTopics pmsTopics = new PmsTopics(topics.create(topics.name("account.positions.v1"), 1),
                topics.create(topics.name("account.balances.v1"), 1),
                topics.create(topics.name("account.updates.v1"), 1));
        try (SimulatedGrvt grvt = new SimulatedGrvt()) {
            SimulatedGrvt.SubAccount sub = grvt.createAccount(ACCOUNT, new BigInteger("8289849667772468"));
            grvt.deposit(sub, "USDT", "100000");
            String perp = SimulatedGrvt.PERPETUAL;
            try (RunningService service = new RunningService(PmsServiceMain.SERVICE_NAME, PmsKeys.SCHEMA, stack, dir,
                    grvt.yaml(dir, ACCOUNT, sub), context -> PmsService.create(context, pmsTopics))) {
                assertThat(service.awaitReady(WAIT)).isTrue();

                // 1 BTC long at 60000, half closed at 70000: 0.5 × 10000 = 5000 USDT realised (fees aside).
                grvt.makerSells(perp, "60000", "1");
                grvt.trade(sub, perp, Side.BUY, "60000", "1");
                grvt.makerBuys(perp, "70000", "0.5");
                grvt.trade(sub, perp, Side.SELL, "70000", "0.5");

                List<PositionUpdate> positions = values(read(stack, pmsTopics.positions(), records ->
                        latest(records, perp).filter(p -> p.getQuantity().compareTo(new BigDecimal("0.5")) == 0)
                                .isPresent()));
                JsonNode truth = null;
                for (JsonNode p : grvt.subAccountCall(sub, "v1/positions")) {
                    if (p.get("instrument").asText().equals(perp)) {
                        truth = p;
                    }
                }
                assertThat(truth).as("the simulator's position").isNotNull();

                PositionUpdate position = positions.stream().filter(p -> p.getSymbol().equals(perp))
                        .reduce((a, b) -> b).orElseThrow();
                assertThat(position.getInstrumentId()).isEqualTo("BTC-USDT-PERP");
                assertThat(position.getQuantity()).isEqualByComparingTo(new BigDecimal(truth.get("size").asText()))
                        .isEqualByComparingTo("0.5");
                assertThat(position.getEntryPrice()).isEqualByComparingTo(
                        new BigDecimal(truth.get("entry_price").asText())).isEqualByComparingTo("60000");
                assertThat(position.getRealizedPnl()).isEqualByComparingTo(
                        new BigDecimal(truth.get("realized_pnl").asText()));
                assertThat(position.getUnrealizedPnl()).isEqualByComparingTo(
                        new BigDecimal(truth.get("unrealized_pnl").asText()));

                BigDecimal usdt = null;
                for (JsonNode b : grvt.subAccountCall(sub, "v1/account_summary").get("spot_balances")) {
                    if (b.get("currency").asText().equals("USDT")) {
                        usdt = new BigDecimal(b.get("balance").asText());
                    }
                }
                BigDecimal balance = usdt;
                assertThat(balance).as("the simulator's USDT balance").isNotNull();
                List<BalanceUpdate> balances = values(read(stack, pmsTopics.balances(), records -> records.stream()
                        .filter(r -> r.key().equals(KEY) && r.value().getAsset().equals("USDT"))
                        .reduce((a, b) -> b).map(r -> r.value().getTotal().compareTo(balance) == 0).orElse(false)));
                assertThat(balances).isNotEmpty();
                assertThat(service.stop()).isZero();
            }
        }
    }

    private static Optional<PositionUpdate> latest(List<ConsumerRecord<String, PositionUpdate>> records,
                                                   String symbol) {
        return records.stream().filter(r -> r.key().equals(KEY) && r.value().getSymbol().equals(symbol))
                .map(ConsumerRecord::value).reduce((a, b) -> b);
    }

    private static <V> List<V> values(List<ConsumerRecord<String, V>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }

    private static <V> List<ConsumerRecord<String, V>> read(LocalStack stack, String topic,
                                                          Predicate<List<ConsumerRecord<String, V>>> done) {
        KafkaClients clients = new KafkaClients(new ConfigLoader("pms-grvt-it-reader", CommonKeys.SCHEMA, Map.of(
                "EXBUS_KAFKA__BOOTSTRAP_SERVERS", stack.bootstrapServers(),
                "EXBUS_KAFKA__SCHEMA_REGISTRY_URL", stack.registryUrl())).loadYaml(""));
        KafkaConsumer<String, V> consumer = clients.consumer("pms-grvt-it-reader", new StringDeserializer(),
                clients.<V>valueDeserializer());
        try (TopicReader<String, V> reader = new TopicReader<>(consumer, topic)) {
            List<ConsumerRecord<String, V>> read = reader.readUntil(done, WAIT);
            assertThat(done.test(read)).as("read from %s: %s", topic, read).isTrue();
            return read;
        }
    }
}
