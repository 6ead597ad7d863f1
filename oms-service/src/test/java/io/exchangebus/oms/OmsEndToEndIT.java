package io.exchangebus.oms;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.events.AckStatus;
import io.exchangebus.events.ErrorKind;
import io.exchangebus.events.CancelAll;
import io.exchangebus.events.DeadLetter;
import io.exchangebus.events.OrderAck;
import io.exchangebus.events.OrderCommand;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.junit.LocalStackExtension;
import io.exchangebus.localstack.junit.TestTopics;
import io.exchangebus.service.ServiceRunner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The OMS in this JVM against the real broker and registry and the Binance simulators (spot and USD-M) over real
 * sockets: commands in, orders at the simulator, acks and updates out, each read back read_committed.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OmsEndToEndIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private OmsTestStack env;
    private ServiceRunner runner;
    private Thread oms;

    @BeforeAll
    void startOms(LocalStack stack, TestTopics topics) throws Exception {
        env = new OmsTestStack(stack, topics, Files.createTempDirectory("oms-e2e"));
        env.publishBook(OmsTestStack.SPOT);
        env.publishBook(OmsTestStack.USDM);
        Path config = env.config("oms-e2e", "  risk:\n    max-order-quantity: 50\n    price-band: 0.05\n");
        runner = new ServiceRunner(OmsServiceMain.SERVICE, OmsKeys.SCHEMA, Map.of(), System.err);
        oms = new Thread(() -> runner.run(new String[] {"--config", config.toString()}, OmsService::new), "oms-it");
        oms.start();
        assertThat(runner.awaitStarted(Duration.ofSeconds(60))).isTrue();
        awaitReady();
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

    @AfterAll
    void stopOms() throws Exception {
        if (runner != null) {
            runner.stop();
            oms.join(20_000);
        }
        if (env != null) {
            env.close();
        }
    }

    private OrderAck ackOf(OrderCommand command) {
        List<OrderAck> acks = acksOf(command, 1);
        assertThat(acks).as("acks of %s", command.getCommandId()).hasSize(1);
        return acks.get(0);
    }

    private List<OrderAck> acksOf(OrderCommand command, int expected) {
        Predicate<OrderAck> mine = a -> a.getCommandId().equals(command.getCommandId());
        List<OrderAck> all = env.readUntil(env.acks, (List<OrderAck> read) -> read.stream().filter(mine).count()
                >= expected, WAIT, Duration.ofMillis(500));
        return all.stream().filter(mine).collect(Collectors.toList());
    }

    private String metrics() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + runner.opsPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @ParameterizedTest
    @ValueSource(strings = {OmsTestStack.SPOT, OmsTestStack.USDM})
    void shouldPlaceTheOrderAtTheExchangeAckItAcceptedAndWriteItsUpdate(String exchange) throws Exception {
        PlaceOrder order = OmsTestStack.limitBuy(OmsTestStack.SPOT.equals(exchange) ? "59000.00" : "59000.0",
                "0.002");
        OrderCommand command = OmsTestStack.command(exchange, OmsTestStack.account(exchange), order, null);

        env.send(command);
        OrderAck ack = ackOf(command);
        List<OrderUpdate> updates = env.<OrderUpdate>readUntil(env.updates, read -> read.stream()
                        .anyMatch(u -> order.getClientOrderId().equals(u.getClientOrderId())), WAIT, Duration.ZERO)
                .stream().filter(u -> order.getClientOrderId().equals(u.getClientOrderId()))
                .collect(Collectors.toList());

        assertThat(env.placesAt(exchange, order.getClientOrderId())).hasSize(1);
        assertThat(ack.getStatus()).isEqualTo(AckStatus.ACCEPTED);
        assertThat(ack.getClientOrderId()).isEqualTo(order.getClientOrderId());
        assertThat(ack.getExchangeOrderId()).isNotBlank();
        assertThat(ack.getError()).isNull();
        assertThat(updates).isNotEmpty();
        OrderUpdate first = updates.get(0);
        assertThat(first.getStatus()).isEqualTo(OrderStatus.NEW);
        assertThat(first.getExchangeOrderId()).isEqualTo(ack.getExchangeOrderId());
        assertThat(first.getAccount()).isEqualTo(OmsTestStack.account(exchange));
        assertThat(first.getQuantity()).isEqualByComparingTo(order.getQuantity());
        assertThat(first.getPrice()).isEqualByComparingTo(order.getPrice());
        assertThat(metrics()).contains("exbus_oms_command_to_exchange_seconds_count{exchange=\"" + exchange + "\"")
                .contains("exbus_oms_acks_total{");
    }

    @ParameterizedTest
    @ValueSource(strings = {OmsTestStack.SPOT, OmsTestStack.USDM})
    void shouldAckRejectedWithTheExchangesErrorWhenTheExchangeRefuses(String exchange) {
        // 10 BTC at 59,000 is far more than the account's 1,000 USDT can pay or margin.
        PlaceOrder order = OmsTestStack.limitBuy(OmsTestStack.SPOT.equals(exchange) ? "59000.00" : "59000.0", "10");
        OrderCommand command = OmsTestStack.command(exchange, OmsTestStack.account(exchange), order, null);

        env.send(command);
        OrderAck ack = ackOf(command);

        assertThat(ack.getStatus()).as("ack %s", ack).isEqualTo(AckStatus.REJECTED);
        assertThat(ack.getError().getCode()).as("ack %s", ack)
                .isEqualTo(OmsTestStack.SPOT.equals(exchange) ? "-2010" : "-2019");
        // The code is the simulator's own answer: the order went to the exchange, which refused it.
        assertThat(ack.getError().getMessage()).containsIgnoringCase("insufficient");
        assertThat(ack.getError().getKind()).as("ack %s", ack).isEqualTo(ErrorKind.INSUFFICIENT_FUNDS);
    }

    @Test
    void shouldRefuseWithoutSendingWhatBreaksARuleALimitOrItsExpiry() {
        OrderCommand farFromBook = OmsTestStack.command(OmsTestStack.SPOT, "spot",
                OmsTestStack.limitBuy("50000.00", "0.002"), null);
        OrderCommand offTick = OmsTestStack.command(OmsTestStack.SPOT, "spot",
                OmsTestStack.limitBuy("59000.005", "0.002"), null);
        OrderCommand tooBig = OmsTestStack.command(OmsTestStack.SPOT, "spot",
                OmsTestStack.limitBuy("59000.00", "51"), null);
        OrderCommand expired = OmsTestStack.command(OmsTestStack.SPOT, "spot",
                OmsTestStack.limitBuy("59000.00", "0.002"), Instant.now().minusSeconds(1));
        OrderCommand unknownAccount = OmsTestStack.command(OmsTestStack.SPOT, "nobody",
                OmsTestStack.limitBuy("59000.00", "0.002"), null);

        env.send(farFromBook, offTick, tooBig, expired, unknownAccount);

        assertRefused(farFromBook, "PRICE_BAND");
        assertRefused(offTick, "TICK_SIZE");
        assertRefused(tooBig, "MAX_ORDER_QUANTITY");
        assertRefused(unknownAccount, "UNKNOWN_ACCOUNT");
        OrderAck expiredAck = ackOf(expired);
        assertThat(expiredAck.getStatus()).isEqualTo(AckStatus.EXPIRED);
        assertThat(env.placesAt(OmsTestStack.SPOT, clientOrderId(expired))).isEmpty();
    }

    private void assertRefused(OrderCommand command, String code) {
        OrderAck ack = ackOf(command);
        assertThat(ack.getStatus()).isEqualTo(AckStatus.REJECTED);
        assertThat(ack.getError().getCode()).isEqualTo(code);
        assertThat(env.placesAt(OmsTestStack.SPOT, clientOrderId(command))).isEmpty();
    }

    private static String clientOrderId(OrderCommand command) {
        return ((PlaceOrder) command.getAction()).getClientOrderId();
    }

    @Test
    void shouldAckARepeatedCommandDuplicateAndPlaceOnce() {
        OrderCommand command = OmsTestStack.command(OmsTestStack.SPOT, "spot",
                OmsTestStack.limitBuy("59001.00", "0.002"), null);

        env.send(command, command);
        List<OrderAck> acks = acksOf(command, 2);

        assertThat(acks).extracting(OrderAck::getStatus).containsExactly(AckStatus.ACCEPTED, AckStatus.DUPLICATE);
        assertThat(env.placesAt(OmsTestStack.SPOT, clientOrderId(command))).hasSize(1);
    }

    @Test
    void shouldDeadLetterAnUndecodableCommandAndGoOn() {
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        OrderCommand next = OmsTestStack.command(OmsTestStack.SPOT, "spot",
                OmsTestStack.limitBuy("59002.00", "0.002"), null);

        env.sendRaw("binance-spot:spot".getBytes(StandardCharsets.UTF_8), garbage);
        env.send(next);
        OrderAck ack = ackOf(next);
        List<DeadLetter> letters = env.<DeadLetter>readUntil("oms-service.dlq.v1", read -> read.stream()
                        .anyMatch(l -> env.commands.equals(l.getSourceTopic())), WAIT, Duration.ZERO).stream()
                .filter(l -> env.commands.equals(l.getSourceTopic())).collect(Collectors.toList());

        assertThat(ack.getStatus()).isEqualTo(AckStatus.ACCEPTED);
        assertThat(letters).hasSize(1);
        DeadLetter letter = letters.get(0);
        assertThat(bytes(letter.getPayload())).isEqualTo(garbage);
        assertThat(letter.getErrorType()).isEqualTo("WRONG_MAGIC_BYTE");
        assertThat(letter.getReason()).isNotBlank();
        assertThat(letter.getService()).isEqualTo("oms-service");
    }

    @Test
    void shouldLetACancelAllGoFirstAndStopTheAccountsNewOrdersInItsBatch() {
        OrderCommand resting = OmsTestStack.command(OmsTestStack.USDM, "usdm",
                OmsTestStack.limitBuy("59003.0", "0.002"), null);
        env.send(resting);
        assertThat(ackOf(resting).getStatus()).isEqualTo(AckStatus.ACCEPTED);
        OrderCommand before = OmsTestStack.command(OmsTestStack.USDM, "usdm",
                OmsTestStack.limitBuy("59004.0", "0.002"), null);
        OrderCommand kill = OmsTestStack.command(OmsTestStack.USDM, "usdm", new CancelAll(null, null), null);
        OrderCommand after = OmsTestStack.command(OmsTestStack.USDM, "usdm",
                OmsTestStack.limitBuy("59005.0", "0.002"), null);

        sendInOneTransaction(before, kill, after);

        assertThat(ackOf(kill).getStatus()).isEqualTo(AckStatus.ACCEPTED);
        for (OrderCommand stopped : List.of(before, after)) {
            OrderAck ack = ackOf(stopped);
            assertThat(ack.getStatus()).isEqualTo(AckStatus.REJECTED);
            assertThat(ack.getError().getCode()).isEqualTo("KILL_SWITCH");
            assertThat(env.placesAt(OmsTestStack.USDM, clientOrderId(stopped))).isEmpty();
        }
        String restingId = clientOrderId(resting);
        List<OrderUpdate> updates = env.readUntil(env.updates, (List<OrderUpdate> read) -> read.stream()
                .anyMatch(u -> restingId.equals(u.getClientOrderId()) && u.getStatus() == OrderStatus.CANCELED),
                WAIT, Duration.ZERO);
        assertThat(updates).anyMatch(u -> restingId.equals(u.getClientOrderId())
                && u.getStatus() == OrderStatus.CANCELED);
    }

    /** Commands that become visible together, so that the OMS reads them in one poll. */
    private void sendInOneTransaction(OrderCommand... commands) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.stack.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-kill-" + commands[0].getCommandId());
        io.exchangebus.avro.serde.AvroSerializer<OrderCommand> values = new io.exchangebus.avro.serde.AvroSerializer<>();
        values.configure(Map.of(io.exchangebus.avro.serde.AvroSerdeConfig.REGISTRY_URL, env.stack.registryUrl()),
                false);
        try (KafkaProducer<String, OrderCommand> producer = new KafkaProducer<>(props, new StringSerializer(),
                values)) {
            producer.initTransactions();
            producer.beginTransaction();
            for (OrderCommand c : commands) {
                producer.send(new ProducerRecord<>(env.commands, c.getExchange() + ":" + c.getAccount(), c));
            }
            producer.commitTransaction();
        }
    }

    private static byte[] bytes(java.nio.ByteBuffer buffer) {
        java.nio.ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }

}
