package io.exchangebus.oms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.avro.serde.AvroDeserializer;
import io.exchangebus.avro.serde.AvroSerdeConfig;
import io.exchangebus.avro.serde.AvroSerializer;
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
import io.exchangebus.service.testing.SimulatedGrvt;
import java.math.BigDecimal;
import java.math.BigInteger;
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
 * oms-service with a GRVT sub-account by configuration alone, against the real broker and registry and the GRVT
 * simulator over real sockets: commands in, EIP-712 signed orders at the simulator (checked through GRVT's own REST
 * API), acks and updates out, read back read_committed. BTC_USDT_Perp counts BTC.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrvtOmsEndToEndIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ACCOUNT = "grvt-trader";
    private static final String PERP_ID = "BTC-USDT-PERP";

    private LocalStack stack;
    private SimulatedGrvt grvt;
    private SimulatedGrvt.SubAccount sub;
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
        grvt = new SimulatedGrvt();
        sub = grvt.createAccount(ACCOUNT, new BigInteger("8289849667772468"));
        grvt.deposit(sub, "USDT", "1000000");
        Path dir = Files.createTempDirectory("oms-grvt");
        String yaml = "service:\n  instance-id: oms-grvt\n  http-port: 0\n  shutdown-timeout: 10s\n"
                + "kafka:\n  bootstrap-servers: " + stack.bootstrapServers() + "\n  schema-registry-url: "
                + stack.registryUrl() + "\n"
                + grvt.yaml(dir, ACCOUNT, sub)
                + "oms:\n  group-id: oms-grvt\n  ack-timeout: 20s\n"
                + "  topics:\n    commands: " + commands + "\n    acks: " + acks + "\n    updates: " + updates
                + "\n    books: " + books + "\n"
                + "  risk:\n    max-order-quantity: 100000\n    price-band: 0\n";
        Path config = Files.writeString(dir.resolve("oms-grvt.yaml"), yaml, StandardCharsets.UTF_8);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        AvroSerializer<GenericContainer> values = new AvroSerializer<>();
        values.configure(Map.of(AvroSerdeConfig.REGISTRY_URL, stack.registryUrl()), false);
        producer = new KafkaProducer<>(props, new StringSerializer(), values);
        runner = new ServiceRunner(OmsServiceMain.SERVICE, OmsKeys.SCHEMA, Map.of(), System.err);
        oms = new Thread(() -> runner.run(new String[] {"--config", config.toString()}, OmsService::new),
                "oms-grvt-it");
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
        if (grvt != null) {
            grvt.close();
        }
    }

    @Test
    void shouldPlaceARestingPerpetualBuyAckItWithTheExchangesIdAndCancelIt() throws Exception {
        PlaceOrder order = limit(Side.BUY, "30000", "0.01");
        OrderCommand place = command(order);

        send(place);
        OrderAck ack = ackOf(place);

        assertThat(ack.getStatus()).as("ack %s", ack).isEqualTo(AckStatus.ACCEPTED);
        assertThat(ack.getExchangeOrderId()).isNotBlank().isNotEqualTo("0x00");
        JsonNode atExchange = openOrder(ack.getExchangeOrderId());
        assertThat(atExchange).as("open at the simulator").isNotNull();
        assertThat(new BigDecimal(atExchange.get("legs").get(0).get("limit_price").asText()))
                .isEqualByComparingTo("30000");
        OrderUpdate first = updatesOf(order.getClientOrderId(), u -> true).get(0);
        assertThat(first.getStatus()).isEqualTo(OrderStatus.NEW);
        assertThat(first.getExchangeOrderId()).isEqualTo(ack.getExchangeOrderId());
        assertThat(first.getInstrumentId()).isEqualTo(PERP_ID);
        assertThat(first.getQuantity()).isEqualByComparingTo("0.01");

        OrderCommand cancel = command(new CancelOrder(SimulatedGrvt.PERPETUAL, PERP_ID,
                order.getClientOrderId(), null));
        send(cancel);

        assertThat(ackOf(cancel).getStatus()).isEqualTo(AckStatus.ACCEPTED);
        updatesOf(order.getClientOrderId(), u -> u.getStatus() == OrderStatus.CANCELED);
        assertThat(openOrder(ack.getExchangeOrderId())).as("no longer open at the simulator").isNull();
    }

    @Test
    void shouldFillAPerpetualBuyAgainstTheMakerAndReachThePosition() throws Exception {
        grvt.makerSells(SimulatedGrvt.PERPETUAL, "60000", "0.02");
        PlaceOrder order = limit(Side.BUY, "60000", "0.02");
        OrderCommand place = command(order);

        send(place);

        assertThat(ackOf(place).getStatus()).isEqualTo(AckStatus.ACCEPTED);
        OrderUpdate filled = last(updatesOf(order.getClientOrderId(), u -> u.getStatus() == OrderStatus.FILLED));
        assertThat(filled.getFilledQuantity()).isEqualByComparingTo("0.02");
        assertThat(filled.getAveragePrice()).isEqualByComparingTo("60000");
        assertThat(filled.getLastFill()).isNotNull();
        assertThat(filled.getLastFill().getFeeAsset()).isEqualTo("USDT");
        JsonNode held = grvt.subAccountCall(sub, "v1/positions");
        assertThat(held).singleElement().satisfies(p -> {
            assertThat(p.get("instrument").asText()).isEqualTo(SimulatedGrvt.PERPETUAL);
            assertThat(new BigDecimal(p.get("size").asText())).isEqualByComparingTo("0.02");
        });
    }

    /** The order among the sub-account's {@code open_orders}, or null. */
    private JsonNode openOrder(String orderId) throws Exception {
        for (JsonNode o : grvt.subAccountCall(sub, "v1/open_orders")) {
            if (o.get("order_id").asText().equals(orderId)) {
                return o;
            }
        }
        return null;
    }

    private PlaceOrder limit(Side side, String price, String quantity) {
        return PlaceOrder.newBuilder()
                .setClientOrderId("g" + UUID.randomUUID().toString().replace("-", "").substring(0, 20))
                .setSymbol(SimulatedGrvt.PERPETUAL).setInstrumentId(PERP_ID).setSide(side).setOrderType(OrderType.LIMIT)
                .setTimeInForce(TimeInForce.GTC).setQuantity(new BigDecimal(quantity)).setPrice(new BigDecimal(price))
                .setStopPrice(null).setReduceOnly(false).setGoodTillTime(null).build();
    }

    private static OrderCommand command(Object action) {
        return OrderCommand.newBuilder().setCommandId("cmd-" + UUID.randomUUID()).setExchange("grvt")
                .setAccount(ACCOUNT).setCreatedAt(Instant.now().truncatedTo(ChronoUnit.MICROS))
                .setExpiresAt(null).setAction(action).build();
    }

    private void send(OrderCommand command) {
        producer.send(new ProducerRecord<>(commands, "grvt:" + ACCOUNT, command));
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
