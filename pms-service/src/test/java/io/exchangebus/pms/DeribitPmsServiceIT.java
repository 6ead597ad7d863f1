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
import io.exchangebus.service.testing.SimulatedDeribit;
import io.exchangebus.service.testing.TopicReader;
import io.exchangebus.sim.account.ApiKey;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
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
 * pms-service with a Deribit account by configuration alone: the real runner, a real broker and registry, and the
 * Deribit simulator over real sockets. The account trades at the simulator through Deribit's own API (never through
 * the service); the positions and PnL of an inverse perpetual and an option, and the BTC balance, read back from
 * Kafka equal what the simulator answers ({@code private/get_positions}, {@code private/get_account_summary}).
 */
@ExtendWith(LocalStackExtension.class)
class DeribitPmsServiceIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ACCOUNT = "pms-deribit";
    private static final String KEY = "deribit:" + ACCOUNT;

    @TempDir
    Path dir;

    @Test
    void shouldPublishTheInversePerpetualAndOptionPositionsAndPnlAsTheSimulatorHasThem(LocalStack stack,
                                                                                      TestTopics topics)
            throws Exception {
        PmsTopics pmsTopics = new PmsTopics(topics.create(topics.name("account.positions.v1"), 1),
                topics.create(topics.name("account.balances.v1"), 1),
                topics.create(topics.name("account.updates.v1"), 1));
        try (SimulatedDeribit deribit = new SimulatedDeribit()) {
            ApiKey key = deribit.createAccount(ACCOUNT);
            deribit.simulator().deposit(ACCOUNT, "BTC", "10");
            String perp = SimulatedDeribit.PERPETUAL;
            String option = deribit.option();
            try (RunningService service = new RunningService(PmsServiceMain.SERVICE_NAME, PmsKeys.SCHEMA, stack, dir,
                    deribit.yaml(dir, ACCOUNT, key), context -> PmsService.create(context, pmsTopics))) {
                assertThat(service.awaitReady(WAIT)).isTrue();

                // 1000 USD long at 80000, half closed at 100000: 500 × (1/80000 − 1/100000) = 0.00125 BTC realised.
                deribit.makerSells(perp, "80000", "1000");
                deribit.order(key, "buy", "instrument_name", perp, "amount", "1000", "type", "limit",
                        "price", "80000");
                deribit.makerBuys(perp, "100000", "500");
                deribit.order(key, "sell", "instrument_name", perp, "amount", "500", "type", "limit",
                        "price", "100000");
                deribit.makerSells(option, "0.05", "1");
                deribit.order(key, "buy", "instrument_name", option, "amount", "1", "type", "limit",
                        "price", "0.05");

                List<PositionUpdate> positions = values(read(stack, pmsTopics.positions(), records ->
                        latest(records, perp).filter(p -> p.getQuantity().compareTo(new BigDecimal("500")) == 0)
                                .isPresent()
                                && latest(records, option).filter(p -> p.getQuantity().signum() > 0).isPresent()));
                Map<String, JsonNode> truth = new HashMap<>();
                deribit.privateCall(key, "get_positions", Map.of("currency", "BTC"))
                        .forEach(p -> truth.put(p.get("instrument_name").asText(), p));

                PositionUpdate perpetual = last(positions, perp);
                JsonNode perpTruth = truth.get(perp);
                assertThat(perpetual.getInstrumentId()).isEqualTo("BTC-USD-PERP");
                assertThat(perpetual.getQuantity()).isEqualByComparingTo(perpTruth.get("size").decimalValue())
                        .isEqualByComparingTo("500");
                assertThat(perpetual.getEntryPrice()).isEqualByComparingTo(perpTruth.get("average_price")
                        .decimalValue());
                assertThat(perpetual.getRealizedPnl()).isEqualByComparingTo(perpTruth.get("realized_profit_loss")
                        .decimalValue());
                assertThat(perpetual.getRealizedPnl()).isEqualByComparingTo("0.00125");
                assertThat(perpetual.getUnrealizedPnl()).isEqualByComparingTo(perpTruth.get("floating_profit_loss")
                        .decimalValue());

                PositionUpdate call = last(positions, option);
                JsonNode callTruth = truth.get(option);
                assertThat(call.getQuantity()).isEqualByComparingTo(callTruth.get("size").decimalValue())
                        .isEqualByComparingTo("1");
                assertThat(call.getEntryPrice()).isEqualByComparingTo(callTruth.get("average_price").decimalValue())
                        .isEqualByComparingTo("0.05");
                assertThat(call.getMarkPrice()).isPositive();

                BigDecimal balance = deribit.privateCall(key, "get_account_summary", Map.of("currency", "BTC"))
                        .get("balance").decimalValue();
                List<BalanceUpdate> balances = values(read(stack, pmsTopics.balances(), records -> records.stream()
                        .filter(r -> r.key().equals(KEY) && r.value().getAsset().equals("BTC"))
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

    private static PositionUpdate last(List<PositionUpdate> positions, String symbol) {
        return positions.stream().filter(p -> p.getSymbol().equals(symbol)).reduce((a, b) -> b).orElseThrow();
    }

    private static <V> List<V> values(List<ConsumerRecord<String, V>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }

    private static <V> List<ConsumerRecord<String, V>> read(LocalStack stack, String topic,
                                                          Predicate<List<ConsumerRecord<String, V>>> done) {
        KafkaClients clients = new KafkaClients(new ConfigLoader("pms-deribit-it-reader", CommonKeys.SCHEMA, Map.of(
                "EXBUS_KAFKA__BOOTSTRAP_SERVERS", stack.bootstrapServers(),
                "EXBUS_KAFKA__SCHEMA_REGISTRY_URL", stack.registryUrl())).loadYaml(""));
        KafkaConsumer<String, V> consumer = clients.consumer("pms-deribit-it-reader", new StringDeserializer(),
                clients.<V>valueDeserializer());
        try (TopicReader<String, V> reader = new TopicReader<>(consumer, topic)) {
            List<ConsumerRecord<String, V>> read = reader.readUntil(done, WAIT);
            assertThat(done.test(read)).as("read from %s: %s", topic, read).isTrue();
            return read;
        }
    }
}
