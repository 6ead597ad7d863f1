package io.exchangebus.cli;

import io.exchangebus.avro.topics.TopicKey;
import io.exchangebus.avro.topics.Topics;
import io.exchangebus.events.AckStatus;
import io.exchangebus.events.OrderAck;
import io.exchangebus.events.OrderCommand;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.service.kafka.CatalogueTopics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Sends one command and reports what became of it: the command to {@code orders.commands.v1}, its ack from
 * {@code orders.acks.v1} (matched by command id), then the order's updates from {@code orders.updates.v1}.
 *
 * <p>The account's ack and update partitions are positioned at their ends <em>before</em> the command is sent, so
 * nothing the OMS writes about it can be missed; updates read before the ack are kept until the ack names the
 * exchange's order id. Both are read {@code read_committed}: the OMS writes acks and updates in transactions, and
 * an aborted batch is written again.
 */
final class OrderRoundTrip {
    /** Statuses after which an order changes no more. */
    static final Set<OrderStatus> FINISHED = EnumSet.of(OrderStatus.FILLED, OrderStatus.CANCELED,
            OrderStatus.PARTIALLY_CANCELED, OrderStatus.EXPIRED, OrderStatus.REJECTED);

    /**
     * Which order's updates to print after an ACCEPTED ack: matched by our client order id or the exchange's order
     * id (either may be null; the ack's order id is added), for at most {@code follow}.
     */
    record Tracking(String clientOrderId, String exchangeOrderId, Duration follow) {
    }

    private final OrderAccountOptions target;
    private final PrintWriter out;
    private final PrintWriter err;
    private final OrderPrinter printer;

    OrderRoundTrip(OrderAccountOptions target, PrintWriter out, PrintWriter err) {
        this.target = target;
        this.out = out;
        this.err = err;
        this.printer = new OrderPrinter(target.json);
    }

    /** Sends {@code command}, prints its ack and the tracked order's updates; the exit code. */
    int submit(OrderCommand command, Tracking tracking) {
        String bootstrap = target.connection.bootstrap();
        String registry = target.connection.registry();
        String key = TopicKey.exchangeAccount(command.getExchange(), command.getAccount());
        CatalogueTopics.ensure(bootstrap, List.of(Topics.ORDER_COMMANDS, Topics.ORDER_ACKS, Topics.ORDER_UPDATES),
                target.timeout);
        try (KafkaConsumer<String, Object> consumer = OrderClients.consumer(bootstrap, registry, target.timeout);
             KafkaProducer<String, OrderCommand> producer = OrderClients.producer(bootstrap, registry,
                     target.timeout)) {
            TopicPartition acks = partition(consumer, Topics.ORDER_ACKS.name(), key);
            TopicPartition updates = partition(consumer, Topics.ORDER_UPDATES.name(), key);
            consumer.assign(List.of(acks, updates));
            consumer.seekToEnd(List.of(acks, updates));
            consumer.position(acks); // seeks are lazy: fix both ends now, before the command exists
            consumer.position(updates);
            send(producer, command, key);
            return await(consumer, command, tracking);
        }
    }

    private TopicPartition partition(KafkaConsumer<String, Object> consumer, String topic, String key) {
        return OrderClients.partitionOf(consumer, topic, key, target.timeout).orElseThrow(() ->
                new IllegalStateException("topic " + topic + " does not exist at " + target.connection.bootstrap()));
    }

    private void send(KafkaProducer<String, OrderCommand> producer, OrderCommand command, String key) {
        try {
            producer.send(new ProducerRecord<>(Topics.ORDER_COMMANDS.name(), key, command))
                    .get(target.timeout.toMillis() + 31_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not send the command to " + Topics.ORDER_COMMANDS.name() + " at "
                    + target.connection.bootstrap() + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("could not send the command to " + Topics.ORDER_COMMANDS.name() + " at "
                    + target.connection.bootstrap() + " in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending the command", e);
        }
    }

    private int await(KafkaConsumer<String, Object> consumer, OrderCommand command, Tracking tracking) {
        List<OrderUpdate> early = new ArrayList<>();
        OrderAck ack = null;
        long deadline = System.nanoTime() + target.timeout.toNanos();
        while (ack == null && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, Object> record : OrderClients.poll(consumer, err, "order")) {
                Object value = record.value();
                if (value instanceof OrderAck && ((OrderAck) value).getCommandId().equals(command.getCommandId())) {
                    ack = (OrderAck) value;
                } else if (value instanceof OrderUpdate) {
                    early.add((OrderUpdate) value);
                }
            }
        }
        if (ack == null) {
            err.println("exbus order: no ack of command " + command.getCommandId() + " within "
                    + target.timeout.toMillis() + " ms: is oms-service running and serving " + command.getExchange()
                    + ":" + command.getAccount() + "? The command expires at " + command.getExpiresAt()
                    + "; an OMS that reads it later acks it EXPIRED without sending it.");
            err.flush();
            return ExitCodes.NOT_FOUND;
        }
        out.println(printer.ack(ack));
        out.flush();
        if (ack.getStatus() == AckStatus.ACCEPTED && tracking != null && !tracking.follow().isZero()) {
            follow(consumer, ack, tracking, early);
        }
        return exitCode(ack);
    }

    /** Prints the tracked order's updates until it finishes or {@code tracking.follow()} has passed. */
    private void follow(KafkaConsumer<String, Object> consumer, OrderAck ack, Tracking tracking,
                        List<OrderUpdate> early) {
        String ours = tracking.clientOrderId() != null ? tracking.clientOrderId() : ack.getClientOrderId();
        String theirs = tracking.exchangeOrderId() != null ? tracking.exchangeOrderId() : ack.getExchangeOrderId();
        long deadline = System.nanoTime() + tracking.follow().toNanos();
        List<OrderUpdate> pending = early;
        while (true) {
            for (OrderUpdate update : pending) {
                if (update.getExchange().equals(ack.getExchange()) && update.getAccount().equals(ack.getAccount())
                        && ((ours != null && ours.equals(update.getClientOrderId()))
                        || (theirs != null && theirs.equals(update.getExchangeOrderId())))) {
                    out.println(printer.update(update));
                    out.flush();
                    if (FINISHED.contains(update.getStatus())) {
                        return;
                    }
                }
            }
            if (System.nanoTime() >= deadline) {
                return;
            }
            pending = new ArrayList<>();
            for (ConsumerRecord<String, Object> record : OrderClients.poll(consumer, err, "order")) {
                if (record.value() instanceof OrderUpdate) {
                    pending.add((OrderUpdate) record.value());
                }
            }
        }
    }

    /** 0 ACCEPTED; 4 REJECTED or EXPIRED (not carried out); 1 DUPLICATE, which a fresh command id never is. */
    static int exitCode(OrderAck ack) {
        switch (ack.getStatus()) {
            case ACCEPTED:
                return ExitCodes.OK;
            case REJECTED:
            case EXPIRED:
                return ExitCodes.REFUSED;
            default:
                return ExitCodes.FAILED;
        }
    }
}
