package io.exchangebus.cli;

import io.exchangebus.avro.topics.TopicKey;
import io.exchangebus.avro.topics.Topics;
import io.exchangebus.events.OrderUpdate;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Finds the latest update of one order on {@code orders.updates.v1}: reads the account's partition (key
 * {@code exchange:account}) from its beginning to its end as it is when the read starts, {@code read_committed},
 * and keeps the last update of the order, in the order the OMS wrote them. Bounded by the options' timeout.
 */
final class OrderUpdatesReader {
    private final OrderAccountOptions target;
    private final PrintWriter err;

    OrderUpdatesReader(OrderAccountOptions target, PrintWriter err) {
        this.target = target;
        this.err = err;
    }

    /**
     * The order's latest update, matched by our client order id or the exchange's order id (either may be null);
     * empty when there is none (or no updates topic at all).
     *
     * @throws IllegalStateException when the partition cannot be read to its end within the timeout
     */
    Optional<OrderUpdate> latest(String clientOrderId, String exchangeOrderId) {
        String key = TopicKey.exchangeAccount(target.exchange, target.account);
        try (KafkaConsumer<String, Object> consumer = OrderClients.consumer(target.connection.bootstrap(),
                target.connection.registry(), target.timeout)) {
            Optional<TopicPartition> partition = OrderClients.partitionOf(consumer, Topics.ORDER_UPDATES.name(), key,
                    target.timeout);
            if (partition.isEmpty()) {
                return Optional.empty();
            }
            TopicPartition tp = partition.get();
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp), target.timeout).get(tp);
            long deadline = System.nanoTime() + target.timeout.toNanos();
            OrderUpdate latest = null;
            while (consumer.position(tp) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("read " + tp + " only to offset " + consumer.position(tp) + " of "
                            + end + " within " + target.timeout.toMillis() + " ms; try a longer --timeout");
                }
                for (ConsumerRecord<String, Object> record : OrderClients.poll(consumer, err, "order status")) {
                    if (record.value() instanceof OrderUpdate
                            && matches((OrderUpdate) record.value(), clientOrderId, exchangeOrderId)) {
                        latest = (OrderUpdate) record.value();
                    }
                }
            }
            return Optional.ofNullable(latest);
        }
    }

    private boolean matches(OrderUpdate update, String clientOrderId, String exchangeOrderId) {
        return update.getExchange().equals(target.exchange) && update.getAccount().equals(target.account)
                && ((clientOrderId != null && clientOrderId.equals(update.getClientOrderId()))
                || (exchangeOrderId != null && exchangeOrderId.equals(update.getExchangeOrderId())));
    }
}
