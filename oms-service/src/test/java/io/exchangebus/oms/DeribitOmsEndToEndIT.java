package io.exchangebus.oms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.avro.serde.AvroDeserializer;
import io.exchangebus.avro.serde.AvroSerdeConfig;
import io.exchangebus.avro.serde.AvroSerializer;
import io.exchangebus.connectors.core.spi.ExchangeConnectors;
import io.exchangebus.events.AckStatus;
import io.exchangebus.events.CancelOrder;
import io.exchangebus.events.OrderAck;
import io.exchangebus.events.OrderCommand;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.Side;
import io.exchangebus.events.TimeInForce;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.junit.LocalStackExtension;
import io.exchangebus.localstack.junit.TestTopics;
import io.exchangebus.service.ServiceRunner;
import io.exchangebus.service.testing.SimulatedDeribit;
import io.exchangebus.sim.account.ApiKey;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * oms-service with a Deribit account by configuration alone, against the real broker and registry and the Deribit
 * simulator over real sockets: commands in, orders at the simulator (checked through Deribit's own API), acks and
 * updates out, read back read_committed. BTC-PERPETUAL counts USD; an option counts BTC.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeribitOmsEndToEndIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ACCOUNT = "deribit-trader";
    private static final String PERP_ID = "BTC-USD-PERP";

    private LocalStack stack;
    private SimulatedDeribit deribit;
    private ApiKey key;
    private String commands;
    private String acks;
    private String updates;
    private KafkaProducer<String, GenericContainer> producer;
    private ServiceRunner runner;
    private Thread oms;

    @BeforeAll
    void startOms(LocalStack stack, TestTopics topics) throws Exception {
        this.stack = stack;
        commands = topics.create(topics.name("orders.commands.v1"), 1);
        acks = topics.create(topics.name("orders.acks.v1"), 1);
        updates = topics.create(topics.name("orders.updates.v1"), 1);
        String books = topics.create(topics.name("market.book.v1"), 1);
        deribit = new SimulatedDeribit();
        key = deribit.createAccount(ACCOUNT);
        deribit.simulator().deposit(ACCOUNT, "BTC", "10");
        Path dir = Files.createTempDirectory("oms-deribit");
        String yaml = "service:\n  instance-id: oms-deribit\n  http-port: 0\n  shutdown-timeout: 10s\n"
                + "kafka:\n  bootstrap-servers: " + stack.bootstrapServers() + "\n  schema-registry-url: "
                + stack.registryUrl() + "\n"
                + deribit.yaml(dir, ACCOUNT, key)
                + "oms:\n  group-id: oms-deribit\n  ack-timeout: 20s\n"
                + "  topics:\n    commands: " + commands + "\n    acks: " + acks + "\n    updates: " + updates
                + "\n    books: " + books + "\n"
                + "  risk:\n    max-order-quantity: 100000\n    price-band: 0\n";
        Path config = Files.writeString(dir.resolve("oms-deribit.yaml"), yaml, StandardCharsets.UTF_8);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        AvroSerializer<GenericContainer> values = new AvroSerializer<>();
        values.configure(Map.of(AvroSerdeConfig.REGISTRY_URL, stack.registryUrl()), false);
        producer = new KafkaProducer<>(props, new StringSerializer(), values);
        runner = new ServiceRunner(OmsServiceMain.SERVICE, OmsKeys.SCHEMA, Map.of(), System.err);
        oms = new Thread(() -> runner.run(new String[] {"--config", config.toString()}, OmsService::new),
                "oms-deribit-it");
        oms.start();
        assertThat(runner.awaitStarted(Duration.ofSeconds(60))).isTrue();
        awaitReady();
    }

    @AfterAll
    void stopOms() throws Exception {
        if (runner != null) {
            runner.stop();
            oms.join(20_000);
        }
        if (producer != null) {
            producer.close();
        }
        if (deribit != null) {
            deribit.close();
        }
    }

    @Test
    void shouldPlaceARestingInversePerpetualBuyAckItAndCancelIt() throws Exception {
        PlaceOrder order = limit(SimulatedDeribit.PERPETUAL, PERP_ID, Side.BUY, "50000", "100");
        OrderCommand place = command(order);

        send(place);
        OrderAck ack = ackOf(place);

        assertThat(ack.getStatus()).as("ack %s", ack).isEqualTo(AckStatus.ACCEPTED);
        assertThat(ack.getExchangeOrderId()).isNotBlank();
        JsonNode atExchange = deribit.privateCall(key, "get_order_state", Map.of("order_id",
                ack.getExchangeOrderId()));
        assertThat(atExchange.get("order_state").asText()).isEqualTo("open");
        assertThat(atExchange.get("price").decimalValue()).isEqualByComparingTo("50000");
        assertThat(atExchange.get("amount").decimalValue()).isEqualByComparingTo("100");
        OrderUpdate first = updatesOf(order.getClientOrderId(), u -> true).get(0);
        assertThat(first.getStatus()).isEqualTo(OrderStatus.NEW);
        assertThat(first.getExchangeOrderId()).isEqualTo(ack.getExchangeOrderId());
        assertThat(first.getInstrumentId()).isEqualTo(PERP_ID);
        assertThat(first.getQuantity()).isEqualByComparingTo("100");

        OrderCommand cancel = command(new CancelOrder(SimulatedDeribit.PERPETUAL, PERP_ID,
                order.getClientOrderId(), null));
        send(cancel);

        assertThat(ackOf(cancel).getStatus()).isEqualTo(AckStatus.ACCEPTED);
        updatesOf(order.getClientOrderId(), u -> u.getStatus() == OrderStatus.CANCELED);
        assertThat(deribit.privateCall(key, "get_order_state", Map.of("order_id", ack.getExchangeOrderId()))
                .get("order_state").asText()).isEqualTo("cancelled");
    }

    @Test
    void shouldFillAnOptionBuyAgainstTheMakerAndReportTheFill() throws Exception {
        String option = deribit.option();
        deribit.makerSells(option, "0.05", "1");
        // Our id of the option, as the connector reads it from Deribit's name (the OMS checks it against the list).
        String optionId = ExchangeConnectors.load().require("deribit").instrumentIdOf(option).orElseThrow().toString();
        PlaceOrder order = limit(option, optionId, Side.BUY, "0.05", "1");
        OrderCommand place = command(order);

        send(place);

        assertThat(ackOf(place).getStatus()).isEqualTo(AckStatus.ACCEPTED);
        OrderUpdate filled = last(updatesOf(order.getClientOrderId(), u -> u.getStatus() == OrderStatus.FILLED));
        assertThat(filled.getFilledQuantity()).isEqualByComparingTo("1");
        assertThat(filled.getAveragePrice()).isEqualByComparingTo("0.05");
        assertThat(filled.getLastFill()).isNotNull();
        assertThat(filled.getLastFill().getFeeAsset()).isEqualTo("BTC");
        JsonNode held = deribit.privateCall(key, "get_position", Map.of("instrument_name", option));
        assertThat(held.get("size").decimalValue()).isEqualByComparingTo("1");
    }

    private PlaceOrder limit(String symbol, String instrumentId, Side side, String price, String quantity) {
        return PlaceOrder.newBuilder()
                .setClientOrderId("d" + UUID.randomUUID().toString().replace("-", "").substring(0, 20))
                .setSymbol(symbol).setInstrumentId(instrumentId).setSide(side).setOrderType(OrderType.LIMIT)
                .setTimeInForce(TimeInForce.GTC).setQuantity(new BigDecimal(quantity)).setPrice(new BigDecimal(price))
                .setStopPrice(null).setReduceOnly(false).setGoodTillTime(null).build();
    }

    private static OrderCommand command(Object action) {
        return OrderCommand.newBuilder().setCommandId("cmd-" + UUID.randomUUID()).setExchange("deribit")
                .setAccount(ACCOUNT).setCreatedAt(Instant.now().truncatedTo(ChronoUnit.MICROS))
                .setExpiresAt(null).setAction(action).build();
    }

    private void send(OrderCommand command) {
        producer.send(new ProducerRecord<>(commands, "deribit:" + ACCOUNT, command));
        producer.flush();
    }

    private OrderAck ackOf(OrderCommand command) {
        Predicate<OrderAck> mine = a -> a.getCommandId().equals(command.getCommandId());
        List<OrderAck> read = this.<OrderAck>readUntil(acks, all -> all.stream().anyMatch(mine)).stream()
                .filter(mine).toList();
        assertThat(read).as("acks of %s", command.getCommandId()).hasSize(1);
        return read.get(0);
    }

    /** The updates of the order, read until one matches {@code until}. */
    private List<OrderUpdate> updatesOf(String clientOrderId, Predicate<OrderUpdate> until) {
        Predicate<OrderUpdate> mine = u -> clientOrderId.equals(u.getClientOrderId());
        List<OrderUpdate> read = this.<OrderUpdate>readUntil(updates, all -> all.stream()
                .anyMatch(mine.and(until))).stream().filter(mine).toList();
        assertThat(read).as("updates of %s", clientOrderId).anyMatch(until);
        return read;
    }

    private static OrderUpdate last(List<OrderUpdate> updates) {
        return updates.get(updates.size() - 1);
    }

    private <V> List<V> readUntil(String topic, Predicate<List<V>> done) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        AvroDeserializer<V> values = new AvroDeserializer<>();
        values.configure(Map.of(AvroSerdeConfig.REGISTRY_URL, stack.registryUrl()), false);
        List<V> read = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            consumer.seekToBeginning(consumer.assignment());
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!done.test(read) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> read.add(r.value()));
            }
        }
        return read;
    }

    private void awaitReady() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + WAIT.toNanos();
        int status = 0;
        while (status != 200 && System.nanoTime() < deadline) {
            status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runner.opsPort()
                    + "/health/ready")).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                Thread.sleep(100);
            }
        }
        assertThat(status).as("ready").isEqualTo(200);
    }
}
