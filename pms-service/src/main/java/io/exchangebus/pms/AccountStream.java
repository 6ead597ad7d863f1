package io.exchangebus.pms;

import io.exchangebus.avro.topics.TopicKey;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.connection.ConnectionState;
import io.exchangebus.connectors.core.connection.FramesDropped;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Pms;
import io.exchangebus.events.AccountUpdate;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.PositionUpdate;
import io.exchangebus.service.kafka.DeadLetters;
import io.exchangebus.service.ops.ServiceMetrics;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One account's PMS stream: what the exchange's {@link Pms} role reports, published keyed {@code exchange:account}
 * as the role marked it ({@code STREAM}, or {@code RECOVERY} for what it re-read after a gap). Frames the role could
 * not map go to the dead-letter topic with their raw text and the reason. Callbacks run on the connector's thread
 * and only hand records to the producer.
 */
final class AccountStream implements Pms.Listener, AutoCloseable {
    static final String MALFORMED_FRAME = "MALFORMED_FRAME";
    private static final Logger LOG = LoggerFactory.getLogger(AccountStream.class);

    private final String exchange;
    private final String account;
    private final String key;
    private final Pms pms;
    private final PmsTopics topics;
    private final AccountEventPublisher publisher;
    private final DeadLetters deadLetters;
    private final ServiceMetrics metrics;
    private final AtomicBoolean connected = new AtomicBoolean();
    private final AtomicBoolean everConnected = new AtomicBoolean();

    AccountStream(String exchange, String account, Pms pms, PmsTopics topics, AccountEventPublisher publisher,
                  DeadLetters deadLetters, ServiceMetrics metrics) {
        this.exchange = exchange;
        this.account = account;
        this.key = TopicKey.exchangeAccount(exchange, account);
        this.pms = pms;
        this.topics = topics;
        this.publisher = publisher;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    /** {@code exchange:account}, the key of its records. */
    String key() {
        return key;
    }

    /** Connects the role; completes when the account stream is live, or with the exchange's error. */
    CompletableFuture<Result<Void>> connect() {
        return pms.connect(this);
    }

    /** Whether the account's stream is connected now (its readiness). */
    boolean isConnected() {
        return connected.get();
    }

    @Override
    public void onPosition(PositionUpdate position) {
        publisher.publish(topics.positions(), key, position, position.getExchangeTime());
    }

    @Override
    public void onBalance(BalanceUpdate balance) {
        publisher.publish(topics.balances(), key, balance, balance.getExchangeTime());
    }

    @Override
    public void onAccount(AccountUpdate update) {
        publisher.publish(topics.accounts(), key, update, update.getExchangeTime());
    }

    @Override
    public void onMalformedFrame(MalformedFrame frame) {
        metrics.errors("malformed-frame").increment();
        LOG.warn("{}: a frame on {} could not be mapped; sent to the dead-letter topic", key, frame.channel());
        deadLetters.frameFailed(exchange, key.getBytes(StandardCharsets.UTF_8),
                frame.payload() == null ? new byte[0] : frame.payload().getBytes(StandardCharsets.UTF_8),
                MALFORMED_FRAME, frame.channel() + ": " + frame.reason());
    }

    @Override
    public void onConnectionEvent(ConnectionEvent event) {
        if (event.state() == ConnectionState.CONNECTED) {
            connected.set(true);
            if (everConnected.getAndSet(true)) {
                metrics.reconnects(exchange).increment();
                LOG.info("{}: account stream connected again", key);
            }
        } else if (event.state() != ConnectionState.CONNECTING) {
            if (connected.getAndSet(false)) {
                LOG.warn("{}: account stream {}: {}", key, event.state(), event.reason());
            }
        }
    }

    /** The connector re-reads the account by itself (marked RECOVERY); the drop is counted here. */
    @Override
    public void onFramesDropped(FramesDropped event) {
        metrics.wsFramesDropped(exchange, event.connection()).increment(event.dropped());
        LOG.warn("{}: {} frames dropped on {}; the account is re-read", key, event.dropped(), event.connection());
    }

    @Override
    public void close() {
        connected.set(false);
        pms.close();
    }
}
