package io.exchangebus.testkit;

import io.exchangebus.avro.topics.TopicKey;
import io.exchangebus.avro.topics.Topics;
import io.exchangebus.events.OrderAck;
import io.exchangebus.events.OrderCommand;
import io.exchangebus.events.OrderUpdate;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Order commands to {@code orders.commands.v1}, keyed {@code exchange:account} as oms-service expects, and what
 * oms-service answers on {@code orders.acks.v1} and {@code orders.updates.v1}. Thread-safe.
 */
public final class OrderGateway {
    private final KafkaProducer<String, OrderCommand> producer;
    private final String bootstrap;
    private final String registry;

    OrderGateway(KafkaProducer<String, OrderCommand> producer, String bootstrap, String registry) {
        this.producer = producer;
        this.bootstrap = bootstrap;
        this.registry = registry;
    }

    /**
     * Sends {@code command} and returns its ack (ACCEPTED, REJECTED with the exchange's error, EXPIRED, DUPLICATE).
     *
     * @throws IllegalStateException if it cannot be sent, or no ack comes within {@code timeout}
     */
    public OrderAck sendAndAwaitAck(OrderCommand command, Duration timeout) {
        String key = TopicKey.exchangeAccount(command.getExchange(), command.getAccount());
        try (TopicScan acks = new TopicScan(bootstrap, registry, Topics.ORDER_ACKS.name(), key)) {
            // The ack cannot come before the command is written: read from the partition's end as it is now.
            long from = acks.end();
            send(command, timeout);
            return findAck(acks, from, command.getCommandId(), timeout);
        }
    }

    /**
     * The ack of the command {@code commandId} that someone else sent (e.g. the application under test) for
     * {@code account} on {@code exchange}, reading {@code orders.acks.v1} from its beginning.
     *
     * @throws IllegalStateException if there is none within {@code timeout}
     */
    public OrderAck awaitAck(String exchange, String account, String commandId, Duration timeout) {
        String key = TopicKey.exchangeAccount(exchange, account);
        try (TopicScan acks = new TopicScan(bootstrap, registry, Topics.ORDER_ACKS.name(), key)) {
            return findAck(acks, acks.beginning(), commandId, timeout);
        }
    }

    private static OrderAck findAck(TopicScan acks, long from, String commandId, Duration timeout) {
        AtomicReference<OrderAck> found = new AtomicReference<>();
        acks.readFrom(from, r -> r.value() instanceof OrderAck ack && ack.getCommandId().equals(commandId)
                && found.compareAndSet(null, ack), timeout);
        if (found.get() == null) {
            throw new IllegalStateException("no ack of command " + commandId + " on " + Topics.ORDER_ACKS.name()
                    + " within " + timeout.toSeconds() + " s (is oms-service running?)");
        }
        return found.get();
    }

    /**
     * Sends {@code command} to {@code orders.commands.v1} and waits until the broker has it.
     *
     * @throws IllegalStateException if the broker does not take it within {@code timeout}
     */
    public void send(OrderCommand command, Duration timeout) {
        String key = TopicKey.exchangeAccount(command.getExchange(), command.getAccount());
        try {
            producer.send(new ProducerRecord<>(Topics.ORDER_COMMANDS.name(), key, command))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending command " + command.getCommandId(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("command " + command.getCommandId() + " not sent: " + e, e);
        }
    }

    /**
     * The first update of {@code clientOrderId} of {@code account} on {@code exchange} that satisfies
     * {@code condition} (e.g. {@code u -> u.getStatus() == OrderStatus.FILLED}), reading
     * {@code orders.updates.v1} from its beginning.
     *
     * @throws IllegalStateException if there is none within {@code timeout}
     */
    public OrderUpdate awaitUpdate(String exchange, String account, String clientOrderId,
                                   Predicate<OrderUpdate> condition, Duration timeout) {
        String key = TopicKey.exchangeAccount(exchange, account);
        AtomicReference<OrderUpdate> found = new AtomicReference<>();
        try (TopicScan updates = new TopicScan(bootstrap, registry, Topics.ORDER_UPDATES.name(), key)) {
            updates.readFrom(updates.beginning(), r -> r.value() instanceof OrderUpdate u
                    && clientOrderId.equals(u.getClientOrderId()) && condition.test(u)
                    && found.compareAndSet(null, u), timeout);
        }
        if (found.get() == null) {
            throw new IllegalStateException("no update of order " + clientOrderId + " of " + key
                    + " as awaited within " + timeout.toSeconds() + " s");
        }
        return found.get();
    }
}
