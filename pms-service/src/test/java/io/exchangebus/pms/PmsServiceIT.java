package io.exchangebus.pms;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.avro.topics.Topics;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.DeadLetter;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.PositionUpdate;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.junit.LocalStackExtension;
import io.exchangebus.localstack.junit.TestTopics;
import io.exchangebus.service.config.CommonKeys;
import io.exchangebus.service.config.ConfigLoader;
import io.exchangebus.service.kafka.KafkaClients;
import io.exchangebus.service.testing.RunningService;
import io.exchangebus.service.testing.SimulatedBinance;
import io.exchangebus.service.testing.TopicReader;
import io.exchangebus.sim.account.ApiKey;
import io.exchangebus.sim.binance.BinanceFamily;
import io.exchangebus.sim.engine.Fill;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * pms-service end to end: the real runner, a real broker and registry, and the Binance simulator over real sockets.
 * Orders are placed and filled at the simulator through its own API (never through the service), and what the
 * account's stream reports is read back from Kafka.
 */
@ExtendWith(LocalStackExtension.class)
class PmsServiceIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void shouldPublishSpotBalancesThatFollowAFill(LocalStack stack, TestTopics topics) throws Exception {
        PmsTopics pmsTopics = topics(topics);
        try (SimulatedBinance exchange = new SimulatedBinance(BinanceFamily.SPOT)) {
            ApiKey key = exchange.createAccount("spot-fills");
            exchange.simulator().deposit("spot-fills", "BTC", "1");
            exchange.simulator().deposit("spot-fills", "USDT", "10000");
            try (RunningService service = new RunningService(PmsServiceMain.SERVICE_NAME, PmsKeys.SCHEMA, stack, dir,
                    exchange.yaml(dir, "spot-fills", key.keyId(), key.secret()),
                    context -> PmsService.create(context, pmsTopics))) {
                assertThat(service.awaitReady(WAIT)).as("ready once the account stream is connected").isTrue();

                Fill fill = exchange.buyFromMaker("spot-fills", "60000.00", "0.01000");

                BigDecimal btc = new BigDecimal("1").add(fill.quantity()).subtract(fill.takerFee());
                BigDecimal usdt = new BigDecimal("10000").subtract(fill.price().multiply(fill.quantity()));
                assertThat(fill.takerFeeAsset()).isEqualTo("BTC");
                List<BalanceUpdate> balances = values(balancesUntil(stack, pmsTopics.balances(),
                        "binance-spot:spot-fills", Map.of("BTC", btc, "USDT", usdt)));
                BalanceUpdate lastBtc = last(balances, "BTC");
                BalanceUpdate lastUsdt = last(balances, "USDT");
                assertThat(lastBtc.getTotal()).isEqualByComparingTo(btc);
                assertThat(lastBtc.getFree()).isEqualByComparingTo(btc);
                assertThat(lastBtc.getLocked()).isEqualByComparingTo("0");
                assertThat(lastUsdt.getTotal()).isEqualByComparingTo("9400");
                assertThat(lastUsdt.getFree()).isEqualByComparingTo("9400");
                assertThat(List.of(lastBtc, lastUsdt)).allSatisfy(b -> {
                    assertThat(b.getSource()).isEqualTo(EventSource.STREAM);
                    assertThat(b.getExchange()).isEqualTo("binance-spot");
                    assertThat(b.getAccount()).isEqualTo("spot-fills");
                });
                assertThat(exchange.simulator().simulator().accounts().balance("spot-fills", "BTC").total())
                        .isEqualByComparingTo(btc);
                assertThat(service.metrics()).contains("exbus_messages_out_total{", "topic=\""
                        + pmsTopics.balances() + "\"", "exbus_end_to_end_latency_seconds_count{");
                assertThat(service.stop()).isZero();
            }
        }
    }

    @Test
    void shouldPublishTheFuturesPositionAFillOpens(LocalStack stack, TestTopics topics) throws Exception {
        PmsTopics pmsTopics = topics(topics);
        try (SimulatedBinance exchange = new SimulatedBinance(BinanceFamily.USDM)) {
            ApiKey key = exchange.createAccount("usdm-fills");
            exchange.simulator().deposit("usdm-fills", "USDT", "10000");
            try (RunningService service = new RunningService(PmsServiceMain.SERVICE_NAME, PmsKeys.SCHEMA, stack, dir,
                    exchange.yaml(dir, "usdm-fills", key.keyId(), key.secret()),
                    context -> PmsService.create(context, pmsTopics))) {
                assertThat(service.awaitReady(WAIT)).isTrue();

                Fill fill = exchange.buyFromMaker("usdm-fills", "60000.0", "0.010");

                List<ConsumerRecord<String, PositionUpdate>> read = read(stack, pmsTopics.positions(), records ->
                        records.stream().anyMatch(r -> r.key().equals("binance-usdm:usdm-fills")
                                && r.value().getQuantity().compareTo(new BigDecimal("0.01")) == 0));
                PositionUpdate position = values(read).stream()
                        .filter(p -> p.getQuantity().signum() != 0).reduce((a, b) -> b).orElseThrow();
                assertThat(position.getSymbol()).isEqualTo("BTCUSDT");
                assertThat(position.getInstrumentId()).isEqualTo("BTC-USDT-PERP");
                assertThat(position.getQuantity()).isEqualByComparingTo("0.010");
                assertThat(position.getEntryPrice()).isEqualByComparingTo("60000.0");
                assertThat(position.getSource()).isEqualTo(EventSource.STREAM);
                assertThat(position.getAccount()).isEqualTo("usdm-fills");
                BigDecimal wallet = new BigDecimal("10000").subtract(fill.takerFee());
                assertThat(fill.takerFeeAsset()).isEqualTo("USDT");
                BalanceUpdate usdt = last(values(balancesUntil(stack, pmsTopics.balances(),
                        "binance-usdm:usdm-fills", Map.of("USDT", wallet))), "USDT");
                assertThat(usdt.getTotal()).isEqualByComparingTo(wallet);
                assertThat(usdt.getSource()).isEqualTo(EventSource.STREAM);
                assertThat(service.stop()).isZero();
            }
        }
    }

    @Test
    void shouldSendAMalformedFrameToTheDeadLetterTopicAndKeepStreaming(LocalStack stack, TestTopics topics)
            throws Exception {
        PmsTopics pmsTopics = topics(topics);
        try (SimulatedBinance exchange = new SimulatedBinance(BinanceFamily.SPOT)) {
            ApiKey key = exchange.createAccount("spot-dlq");
            exchange.simulator().deposit("spot-dlq", "USDT", "100");
            try (RunningService service = new RunningService(PmsServiceMain.SERVICE_NAME, PmsKeys.SCHEMA, stack, dir,
                    exchange.yaml(dir, "spot-dlq", key.keyId(), key.secret()),
                    context -> PmsService.create(context, pmsTopics))) {
                assertThat(service.awaitReady(WAIT)).isTrue();

                // The next frame the simulator sends is cut in half: the deposit's balanceUpdate.
                exchange.simulator().faults().sendMalformedFrame();
                exchange.simulator().deposit("spot-dlq", "USDT", "5");

                String dlq = Topics.deadLetter(PmsServiceMain.SERVICE_NAME).name();
                List<ConsumerRecord<String, DeadLetter>> letters = read(stack, dlq, records -> records.stream()
                        .anyMatch(r -> "binance-spot:spot-dlq".equals(r.key())));
                DeadLetter letter = letters.stream().filter(r -> "binance-spot:spot-dlq".equals(r.key()))
                        .findFirst().orElseThrow().value();
                String payload = StandardCharsets.UTF_8.decode(letter.getPayload()).toString();
                // Spot's WebSocket API wraps the event: {"subscriptionId":0,"event":{"e":"balanceUpdate",...}}.
                assertThat(payload).contains("{\"e\":\"balanceUpdate\"").endsWith("}\u0001{");
                assertThat(letter.getErrorType()).isEqualTo(AccountStream.MALFORMED_FRAME);
                assertThat(letter.getReason()).startsWith("user-data: ").hasSizeGreaterThan("user-data: ".length());
                assertThat(letter.getExchange()).isEqualTo("binance-spot");
                assertThat(letter.getService()).isEqualTo("pms-service");
                // The stream goes on: the account position that follows the deposit is published.
                balancesUntil(stack, pmsTopics.balances(), "binance-spot:spot-dlq",
                        Map.of("USDT", new BigDecimal("105")));
                assertThat(service.metrics())
                        .containsPattern("exbus_dead_letters_total\\{[^}]*error_type=\"MALFORMED_FRAME\"[^}]*\\} 1\\.0")
                        .containsPattern("exbus_errors_total\\{[^}]*type=\"malformed-frame\"[^}]*\\} 1\\.0");
            }
        }
    }

    private static PmsTopics topics(TestTopics topics) {
        return new PmsTopics(topics.create(topics.name("account.positions.v1"), 1),
                topics.create(topics.name("account.balances.v1"), 1),
                topics.create(topics.name("account.updates.v1"), 1));
    }

    /** Balances of {@code key} read until the latest of each asset in {@code totals} has that total. */
    private static List<ConsumerRecord<String, BalanceUpdate>> balancesUntil(LocalStack stack, String topic,
                                                                           String key, Map<String, BigDecimal> totals) {
        List<ConsumerRecord<String, BalanceUpdate>> read = read(stack, topic, records -> totals.entrySet().stream()
                .allMatch(t -> latest(records, key, t.getKey())
                        .map(b -> b.getTotal().compareTo(t.getValue()) == 0).orElse(false)));
        assertThat(read).as("balances of %s reaching %s", key, totals).isNotEmpty();
        totals.forEach((asset, total) -> assertThat(latest(read, key, asset)).as(asset).isPresent()
                .get().satisfies(b -> assertThat(b.getTotal()).isEqualByComparingTo(total)));
        return read.stream().filter(r -> r.key().equals(key)).toList();
    }

    private static Optional<BalanceUpdate> latest(List<ConsumerRecord<String, BalanceUpdate>> records, String key,
                                                  String asset) {
        return records.stream().filter(r -> r.key().equals(key) && r.value().getAsset().equals(asset))
                .map(ConsumerRecord::value).reduce((a, b) -> b);
    }

    private static BalanceUpdate last(List<BalanceUpdate> balances, String asset) {
        return balances.stream().filter(b -> b.getAsset().equals(asset)).reduce((a, b) -> b).orElseThrow();
    }

    private static <V> List<V> values(List<ConsumerRecord<String, V>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }

    private static <V> List<ConsumerRecord<String, V>> read(LocalStack stack, String topic,
                                                          java.util.function.Predicate<List<ConsumerRecord<String, V>>> done) {
        KafkaClients clients = new KafkaClients(new ConfigLoader("pms-it-reader", CommonKeys.SCHEMA, Map.of(
                "EXBUS_KAFKA__BOOTSTRAP_SERVERS", stack.bootstrapServers(),
                "EXBUS_KAFKA__SCHEMA_REGISTRY_URL", stack.registryUrl())).loadYaml(""));
        KafkaConsumer<String, V> consumer = clients.consumer("pms-it-reader", new StringDeserializer(),
                clients.<V>valueDeserializer());
        try (TopicReader<String, V> reader = new TopicReader<>(consumer, topic)) {
            return reader.readUntil(done, WAIT);
        }
    }
}
