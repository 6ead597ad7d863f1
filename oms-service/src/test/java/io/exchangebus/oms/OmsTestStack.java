package io.exchangebus.oms;

import io.exchangebus.avro.serde.AvroDeserializer;
import io.exchangebus.avro.serde.AvroSerdeConfig;
import io.exchangebus.avro.serde.AvroSerializer;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.OrderAck;
import io.exchangebus.events.OrderCommand;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.PriceLevel;
import io.exchangebus.events.Side;
import io.exchangebus.events.TimeInForce;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.junit.TestTopics;
import io.exchangebus.sim.ReceivedOrderCommand;
import io.exchangebus.sim.account.ApiKey;
import io.exchangebus.sim.binance.BinanceFamily;
import io.exchangebus.sim.binance.BinanceSimulator;
import io.exchangebus.sim.binance.BinanceSymbol;
import java.io.IOException;
import java.math.BigDecimal;
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
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the OMS tests share: Binance simulators (spot and USD-M, one funded account each), a configuration file for
 * the OMS pointing at them and at the local stack with topics of the test's own, and clients to send commands and
 * read what the OMS wrote (read_committed, from the start).
 */
final class OmsTestStack implements AutoCloseable {
    static final String SPOT = "binance-spot";
    static final String USDM = "binance-usdm";
    static final String SIM_ACCOUNT = "trader";

    final LocalStack stack;
    /** The broker the OMS and these clients use: the stack's, or one of the test's own. */
    final String bootstrap;
    final Path dir;
    final BinanceSimulator spot;
    final BinanceSimulator usdm;
    final String commands;
    final String acks;
    final String updates;
    final String books;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final KafkaProducer<String, GenericContainer> producer;
    private final KafkaProducer<byte[], byte[]> rawProducer;

    OmsTestStack(LocalStack stack, TestTopics topics, Path dir) throws IOException {
        this(stack, stack.bootstrapServers(), dir, topics.create(topics.name("orders.commands.v1"), 1),
                topics.create(topics.name("orders.acks.v1"), 1), topics.create(topics.name("orders.updates.v1"), 1),
                topics.create(topics.name("market.book.v1"), 1));
    }

    /**
     * The same on a broker of the test's own ({@code bootstrap}, one the test can kill and restart), with the
     * stack's schema registry: the topics are created there, one partition each.
     */
    static OmsTestStack onBroker(LocalStack stack, String bootstrap, Path dir) throws Exception {
        List<String> names = List.of("orders.commands.v1", "orders.acks.v1", "orders.updates.v1", "market.book.v1");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(names.stream().map(n -> new NewTopic(n, 1, (short) 1)).toList()).all()
                    .get(30, TimeUnit.SECONDS);
        }
        return new OmsTestStack(stack, bootstrap, dir, names.get(0), names.get(1), names.get(2), names.get(3));
    }

    private OmsTestStack(LocalStack stack, String bootstrap, Path dir, String commands, String acks,
                         String updates, String books) throws IOException {
        this.stack = stack;
        this.bootstrap = bootstrap;
        this.dir = dir;
        this.commands = commands;
        this.acks = acks;
        this.updates = updates;
        this.books = books;
        this.spot = BinanceSimulator.builder(BinanceFamily.SPOT).seed(42).build();
        opened.add(spot);
        this.usdm = BinanceSimulator.builder(BinanceFamily.USDM).seed(43).build();
        opened.add(usdm);
        writeKey("spot", spot.createAccount(SIM_ACCOUNT));
        spot.deposit(SIM_ACCOUNT, "USDT", "1000");
        spot.deposit(SIM_ACCOUNT, "BTC", "1");
        writeKey("usdm", usdm.createAccount(SIM_ACCOUNT));
        usdm.deposit(SIM_ACCOUNT, "USDT", "1000");
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        AvroSerializer<GenericContainer> values = new AvroSerializer<>();
        values.configure(Map.of(AvroSerdeConfig.REGISTRY_URL, stack.registryUrl()), false);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), values);
        opened.add(producer);
        this.rawProducer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        opened.add(rawProducer);
    }

    private void writeKey(String name, ApiKey key) throws IOException {
        Files.writeString(dir.resolve(name + ".key"), key.keyId(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(name + ".secret"), key.secret(), StandardCharsets.UTF_8);
    }

    /**
     * The OMS's configuration file: both exchanges, accounts {@code spot} and {@code usdm}, the test's topics, plus
     * {@code extra} under {@code oms}. A short consumer session, so that a killed OMS leaves its group quickly.
     */
    Path config(String instanceId, String extra) throws IOException {
        return config(instanceId, extra, true);
    }

    /** {@link #config(String, String)}, with the consumer's default session timeout unless {@code shortSession}. */
    Path config(String instanceId, String extra, boolean shortSession) throws IOException {
        String yaml = "service:\n  instance-id: " + instanceId + "\n  http-port: 0\n  shutdown-timeout: 10s\n"
                + "kafka:\n" + (shortSession ? "  consumer:\n    session.timeout.ms: 6000\n" : "")
                + "  bootstrap-servers: " + bootstrap + "\n  schema-registry-url: "
                + stack.registryUrl() + "\n"
                + "exchanges:\n" + exchange(SPOT, spot) + exchange(USDM, usdm)
                + "accounts:\n" + account("spot", SPOT) + account("usdm", USDM)
                + "oms:\n  group-id: oms-" + instanceId + "\n  ack-timeout: 20s\n"
                + "  topics:\n    commands: " + commands + "\n    acks: " + acks + "\n    updates: " + updates
                + "\n    books: " + books + "\n" + extra;
        Path file = dir.resolve(instanceId + ".yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    private static String exchange(String id, BinanceSimulator sim) {
        return "  " + id + ":\n    environment: custom\n    rest-url: " + sim.restBaseUri() + "\n    stream-url: "
                + sim.streamBaseUri() + "\n    ws-api-url: " + sim.wsApiUri() + "\n";
    }

    private String account(String id, String exchange) {
        return "  " + id + ":\n    exchange: " + exchange + "\n    api-key: file:" + dir.resolve(id + ".key")
                + "\n    secret: file:" + dir.resolve(id + ".secret") + "\n";
    }

    BinanceSimulator sim(String exchange) {
        return SPOT.equals(exchange) ? spot : usdm;
    }

    static String account(String exchange) {
        return SPOT.equals(exchange) ? "spot" : "usdm";
    }

    /** A book snapshot of the simulator's BTCUSDT around its starting mid, one tick each side. */
    void publishBook(String exchange) {
        BinanceSymbol s = sim(exchange).symbols().get(0);
        BookUpdate book = BookUpdate.newBuilder().setExchange(exchange).setSymbol(s.symbol())
                .setInstrumentId(instrumentId(exchange)).setKind(BookUpdateKind.SNAPSHOT).setDepth(1).setSequence(1)
                .setPreviousSequence(null)
                .setBids(List.of(new PriceLevel(s.startMid().subtract(s.tickSize()), BigDecimal.ONE)))
                .setAsks(List.of(new PriceLevel(s.startMid().add(s.tickSize()), BigDecimal.ONE)))
                .setExchangeTime(null).setReceiveTime(Instant.now().truncatedTo(ChronoUnit.MICROS)).build();
        producer.send(new ProducerRecord<>(books, exchange + ":" + s.symbol(), book));
        producer.flush();
    }

    static String instrumentId(String exchange) {
        return SPOT.equals(exchange) ? "BTC-USDT" : "BTC-USDT-PERP";
    }

    /** A limit buy of BTCUSDT at {@code price} for {@code quantity}, with a fresh client order id. */
    static PlaceOrder limitBuy(String price, String quantity) {
        return PlaceOrder.newBuilder()
                .setClientOrderId("t" + UUID.randomUUID().toString().replace("-", "").substring(0, 20))
                .setSymbol("BTCUSDT").setInstrumentId("").setSide(Side.BUY).setOrderType(OrderType.LIMIT)
                .setTimeInForce(TimeInForce.GTC).setQuantity(new BigDecimal(quantity)).setPrice(new BigDecimal(price))
                .setStopPrice(null).setReduceOnly(false).setGoodTillTime(null).build();
    }

    static OrderCommand command(String exchange, String account, Object action, Instant expiresAt) {
        if (action instanceof PlaceOrder) {
            action = PlaceOrder.newBuilder((PlaceOrder) action).setInstrumentId(instrumentId(exchange)).build();
        }
        return OrderCommand.newBuilder().setCommandId("cmd-" + UUID.randomUUID()).setExchange(exchange)
                .setAccount(account).setCreatedAt(Instant.now().truncatedTo(ChronoUnit.MICROS))
                .setExpiresAt(expiresAt).setAction(action).build();
    }

    void send(OrderCommand... commandsToSend) {
        for (OrderCommand c : commandsToSend) {
            producer.send(new ProducerRecord<>(commands, c.getExchange() + ":" + c.getAccount(), c));
        }
        producer.flush();
    }

    /**
     * Sends the commands as one record batch (one append to the log), so that the OMS reads them in one poll: a
     * producer of its own that lingers until flushed.
     */
    void sendInOneBatch(OrderCommand... commandsToSend) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 10_000);
        AvroSerializer<GenericContainer> values = new AvroSerializer<>();
        values.configure(Map.of(AvroSerdeConfig.REGISTRY_URL, stack.registryUrl()), false);
        try (KafkaProducer<String, GenericContainer> batching = new KafkaProducer<>(props, new StringSerializer(),
                values)) {
            for (OrderCommand c : commandsToSend) {
                batching.send(new ProducerRecord<>(commands, c.getExchange() + ":" + c.getAccount(), c));
            }
            batching.flush();
        }
    }

    /** The acks of {@code command} on the acks topic, once at least one is there (or {@code wait} passed). */
    List<OrderAck> acksOf(OrderCommand command, Duration wait) {
        return this.<OrderAck>readUntil(acks, read -> read.stream()
                        .anyMatch(a -> a.getCommandId().equals(command.getCommandId())), wait, Duration.ofMillis(500))
                .stream().filter(a -> a.getCommandId().equals(command.getCommandId())).collect(Collectors.toList());
    }

    void sendRaw(byte[] key, byte[] value) {
        rawProducer.send(new ProducerRecord<>(commands, key, value));
        rawProducer.flush();
    }

    /** Places the simulator received for its account with this exchange client order id. */
    List<ReceivedOrderCommand> placesAt(String exchange, String clientOrderId) {
        return sim(exchange).simulator().receivedOrders().stream()
                .filter(o -> o.kind() == ReceivedOrderCommand.Kind.PLACE)
                .filter(o -> clientOrderId.equals(o.request().clientOrderId()))
                .collect(Collectors.toList());
    }

    /**
     * Reads {@code topic} read_committed from the start until {@code done} holds for what was read, or the
     * deadline passes; then reads on for {@code settle} more to catch anything that should not be there.
     */
    <V> List<V> readUntil(String topic, Predicate<List<V>> done, Duration timeout, Duration settle) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        AvroDeserializer<V> values = new AvroDeserializer<>();
        values.configure(Map.of(AvroSerdeConfig.REGISTRY_URL, stack.registryUrl()), false);
        List<V> read = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            consumer.seekToBeginning(consumer.assignment());
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(read) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> read.add(r.value()));
            }
            long settled = System.nanoTime() + settle.toNanos();
            while (System.nanoTime() < settled) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> read.add(r.value()));
            }
        }
        return read;
    }

    @Override
    public void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }
}
