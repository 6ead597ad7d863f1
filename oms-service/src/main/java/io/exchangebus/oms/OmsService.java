package io.exchangebus.oms;

import io.exchangebus.avro.topics.Topics;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.service.Service;
import io.exchangebus.service.ServiceContext;
import io.exchangebus.service.config.ServiceConfig;
import io.exchangebus.service.exchange.ExchangeAccess;
import io.exchangebus.service.kafka.KafkaClients;
import io.exchangebus.service.ops.ReadinessCheck;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * oms-service: connects the served accounts while it reads the current books, then runs the {@link CommandProcessor}
 * loop. Ready when the books have caught up and the command partitions are assigned.
 */
public final class OmsService implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(OmsService.class);
    private static final Duration BOOKS_CATCH_UP = Duration.ofSeconds(60);
    private static final Duration INTENTS_TIMEOUT = Duration.ofSeconds(10);
    /** No OMS transaction open: positions missing this long after assignment are a broker's stale state. */
    private static final Duration UNSTABLE_QUICK_WAIT = Duration.ofSeconds(5);
    /** Longer than the producers' transaction timeout (60 s), by which the broker ends any open transaction. */
    private static final Duration UNSTABLE_SLOW_WAIT = Duration.ofSeconds(75);

    private final ServiceContext context;
    private final ServiceConfig config;
    private final OmsMetrics metrics;
    private AccountSessions sessions;
    private BookReader bookReader;
    private CommandProcessor processor;

    public OmsService(ServiceContext context) {
        this.context = context;
        this.config = context.config();
        this.metrics = new OmsMetrics(context.metrics());
    }

    @Override
    public void start() throws Exception {
        KafkaClients kafka = context.kafka();
        Duration ackTimeout = config.get(OmsKeys.ACK_TIMEOUT);
        ExchangeAccess access = ExchangeAccess.of(context.common());
        List<String> accounts = servedAccounts(access);
        UpdateOutbox outbox = new UpdateOutbox();
        OpenOrders openOrders = new OpenOrders();
        // The books are read while the accounts connect: a restart is ready when the slower of the two is.
        TopOfBook books = new TopOfBook();
        KafkaConsumer<String, BookUpdate> bookConsumer = kafka.avroConsumer(config.get(OmsKeys.GROUP_ID) + "-books");
        bookReader = new BookReader(bookConsumer, config.get(OmsKeys.BOOKS_TOPIC), books, context.metrics());
        bookReader.start();
        sessions = AccountSessions.start(access, accounts, outbox, openOrders, context.metrics(),
                ackTimeout.plusSeconds(15), new AccountSessions.Backoff(config.get(OmsKeys.CONNECT_BACKOFF),
                        config.get(OmsKeys.CONNECT_BACKOFF_MAX)));
        sessions.refreshInstruments(config.get(OmsKeys.INSTRUMENT_REFRESH));
        if (!sessions.awaitFirstAttempts(config.get(OmsKeys.CONNECT_WAIT))) {
            LOG.warn("accounts not connected, taking commands anyway (theirs are refused, retryable, until they "
                    + "connect on a retry): {}", sessions.connected());
        }
        if (!bookReader.awaitCaughtUp(BOOKS_CATCH_UP)) {
            LOG.warn("books did not catch up within {}; orders on unknown books are refused", BOOKS_CATCH_UP);
        }

        Clock clock = Clock.systemUTC();
        ClientOrderIds ids = new ClientOrderIds();
        CommandHandler handler = new CommandHandler(sessions,
                new RiskChecks(RiskLimits.of(config), books, openOrders), books, ids, metrics, clock, ackTimeout,
                config.get(OmsKeys.UNCERTAIN_HOLD));
        String transactionalId = config.get(OmsKeys.TRANSACTIONAL_ID_PREFIX) + context.common().instanceId();
        KafkaProducer<byte[], SpecificRecord> producer = new KafkaProducer<>(
                kafka.transactionalProducerProperties(transactionalId), new ByteArraySerializer(),
                kafka.<SpecificRecord>valueSerializer());
        processor = new CommandProcessor(new CommandProcessor.Wiring(config.get(OmsKeys.COMMANDS_TOPIC),
                config.get(OmsKeys.ACKS_TOPIC), config.get(OmsKeys.UPDATES_TOPIC),
                Topics.deadLetter(kafka.serviceName()).name(), kafka.serviceName(), commandConsumer(kafka),
                producer, kafka.valueDeserializer(), handler, outbox, openOrders, ids, metrics, clock,
                config.get(OmsKeys.PARALLELISM), sendIntents(kafka, ids), new StuckOffsets(new AdminGroup(kafka,
                config.get(OmsKeys.GROUP_ID), config.get(OmsKeys.TRANSACTIONAL_ID_PREFIX)), UNSTABLE_QUICK_WAIT,
                UNSTABLE_SLOW_WAIT)));
        processor.start();
        LOG.info("oms-service serving accounts {} with transactional id {}", accounts, transactionalId);
    }

    private SendIntents sendIntents(KafkaClients kafka, ClientOrderIds ids) throws InterruptedException {
        String topic = config.get(OmsKeys.INTENTS_TOPIC);
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            SendIntents.ensureTopic(admin, topic, INTENTS_TIMEOUT);
        }
        Properties producer = kafka.producerProperties();
        producer.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return new SendIntents(topic, config.get(OmsKeys.GROUP_ID),
                new KafkaProducer<>(producer, new ByteArraySerializer(), new ByteArraySerializer()),
                new KafkaConsumer<>(kafka.readerProperties("intents"), new ByteArrayDeserializer(),
                        new ByteArrayDeserializer()), INTENTS_TIMEOUT, ids);
    }

    private KafkaConsumer<byte[], byte[]> commandConsumer(KafkaClients kafka) {
        Properties props = kafka.consumerProperties(config.get(OmsKeys.GROUP_ID));
        // Exactly once needs both, whatever the pass-through maps say.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "100");
        // Static membership: a restarted instance (same service.instance-id) takes its partitions back at once,
        // without waiting for the dead one's session to time out or a rebalance of the others. A clean stop
        // leaves the group explicitly (CommandProcessor), so its partitions move to the others at once too.
        props.putIfAbsent(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, context.common().instanceId());
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public Map<String, ReadinessCheck> readinessChecks() {
        Map<String, ReadinessCheck> checks = new LinkedHashMap<>();
        checks.put("books", () -> bookReader != null && bookReader.isCaughtUp());
        checks.put("commands", () -> processor != null && processor.isReady());
        servedAccounts(ExchangeAccess.of(context.common())).forEach(a -> checks.put("account:" + a,
                () -> sessions != null && sessions.connected().getOrDefault(a, false)));
        return checks;
    }

    /** {@code oms.accounts}, else every configured account. */
    private List<String> servedAccounts(ExchangeAccess access) {
        return config.find(OmsKeys.ACCOUNTS)
                .orElseGet(() -> access.accounts().stream().map(ExchangeAccess.Account::id).toList());
    }

    @Override
    public void close(Duration timeout) throws Exception {
        if (processor != null) {
            processor.close(timeout);
        }
        if (bookReader != null) {
            bookReader.close();
        }
        if (sessions != null) {
            sessions.close();
        }
    }
}
