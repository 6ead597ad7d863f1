package io.exchangebus.benchmarks.oms;

import io.exchangebus.avro.serde.AvroDeserializer;
import io.exchangebus.avro.serde.AvroSerdeConfig;
import io.exchangebus.events.AckStatus;
import io.exchangebus.events.CancelOrder;
import io.exchangebus.events.OrderAck;
import io.exchangebus.events.OrderCommand;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.sim.ReceivedOrderCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The counts of a chaos run, from the topics (read committed, from the start) and from the simulators' own record
 * of what they received: every one of {@link #problems()} must be zero for the run to pass.
 */
final class ChaosTally {
    /** What the exchange did: a received order command the simulator carried out, with the account it was for. */
    record AtExchange(String exchange, ReceivedOrderCommand command) {
    }

    final Map<String, OrderCommand> commands = new LinkedHashMap<>();
    int duplicatedCommandRecords;
    final Map<String, List<OrderAck>> acks = new HashMap<>();
    final Set<String> updatedOrders = new HashSet<>();
    final Map<AckStatus, Integer> acksByStatus = new TreeMap<>();
    final Map<String, Integer> rejectionsByCode = new TreeMap<>();
    long deadLetters;

    int commandsWithoutAck;
    int commandsWithSeveralAcks;
    int ordersPlacedTwice;
    int ordersNotAckedAccepted;
    int ordersAckedExpired;
    int cancelsNotAckedAccepted;
    int ordersWithoutUpdate;
    int placedAtExchange;
    int canceledAtExchange;
    final List<String> examples = new ArrayList<>();

    /** Reads the three order topics and the dead-letter topic to their ends. */
    static ChaosTally read(String bootstrap, String registry, String commandsTopic, String acksTopic,
                           String updatesTopic, String deadLetterTopic) {
        ChaosTally tally = new ChaosTally();
        readAll(bootstrap, registry, commandsTopic, value -> {
            OrderCommand c = (OrderCommand) value;
            if (tally.commands.putIfAbsent(c.getCommandId(), c) != null) {
                tally.duplicatedCommandRecords++;
            }
        });
        readAll(bootstrap, registry, acksTopic, value -> {
            OrderAck a = (OrderAck) value;
            tally.acks.computeIfAbsent(a.getCommandId(), id -> new ArrayList<>()).add(a);
            tally.acksByStatus.merge(a.getStatus(), 1, Integer::sum);
            if (a.getError() != null) {
                tally.rejectionsByCode.merge(a.getError().getCode() == null ? a.getError().getKind().name()
                        : a.getError().getCode(), 1, Integer::sum);
            }
        });
        readAll(bootstrap, registry, updatesTopic, value -> {
            OrderUpdate u = (OrderUpdate) value;
            tally.updatedOrders.add(u.getAccount() + "/" + u.getExchangeOrderId());
        });
        long[] letters = {0};
        readAll(bootstrap, registry, deadLetterTopic, value -> letters[0]++);
        tally.deadLetters = letters[0];
        return tally;
    }

    /** Every command on {@code topic}, from the start, to {@code each}. */
    static void readCommands(String bootstrap, String registry, String topic, Consumer<OrderCommand> each) {
        readAll(bootstrap, registry, topic, value -> each.accept((OrderCommand) value));
    }

    /** Compares the topics with what the exchanges did. */
    void compare(List<AtExchange> atExchange) {
        Map<String, String> placeCommandByOrder = new HashMap<>();
        Map<String, List<String>> cancelCommandsByOrder = new HashMap<>();
        commands.forEach((id, c) -> {
            if (c.getAction() instanceof PlaceOrder p) {
                placeCommandByOrder.put(c.getAccount() + "/" + p.getClientOrderId(), id);
            } else if (c.getAction() instanceof CancelOrder x && x.getClientOrderId() != null) {
                cancelCommandsByOrder.computeIfAbsent(c.getAccount() + "/" + x.getClientOrderId(),
                        k -> new ArrayList<>()).add(id);
            }
        });
        for (String id : commands.keySet()) {
            int n = acks.getOrDefault(id, List.of()).size();
            if (n == 0) {
                commandsWithoutAck++;
                example("no ack: command " + id);
            } else if (n > 1) {
                commandsWithSeveralAcks++;
                example(n + " acks: command " + id);
            }
        }
        Map<String, Integer> placesByClientId = new HashMap<>();
        // By exchange and order id: each simulator numbers its own orders.
        Map<String, String> clientIdByOrder = new HashMap<>();
        for (AtExchange done : atExchange) {
            ReceivedOrderCommand r = done.command();
            if (r.kind() != ReceivedOrderCommand.Kind.PLACE || r.rejectReason() != null) {
                continue;
            }
            placedAtExchange++;
            String order = r.account() + "/" + r.request().clientOrderId();
            clientIdByOrder.put(done.exchange() + "/" + r.orderId(), order);
            if (placesByClientId.merge(order, 1, Integer::sum) == 2) {
                ordersPlacedTwice++;
                example("placed twice: " + order);
            }
            String commandId = placeCommandByOrder.get(order);
            List<OrderAck> its = commandId == null ? List.of() : acks.getOrDefault(commandId, List.of());
            boolean accepted = its.stream().anyMatch(a -> a.getStatus() == AckStatus.ACCEPTED
                    && String.valueOf(r.orderId()).equals(a.getExchangeOrderId()));
            if (!accepted) {
                ordersNotAckedAccepted++;
                if (its.stream().anyMatch(a -> a.getStatus() == AckStatus.EXPIRED)) {
                    ordersAckedExpired++;
                }
                example("placed but not acked ACCEPTED: " + order + " (order " + r.orderId() + ", acks "
                        + its.stream().map(a -> a.getStatus().name()).toList() + ")");
            }
            if (!updatedOrders.contains(r.account() + "/" + r.orderId())) {
                ordersWithoutUpdate++;
                example("no update: " + order + " (order " + r.orderId() + ")");
            }
        }
        for (AtExchange done : atExchange) {
            ReceivedOrderCommand r = done.command();
            if (r.kind() != ReceivedOrderCommand.Kind.CANCEL || r.rejectReason() != null) {
                continue;
            }
            canceledAtExchange++;
            String order = clientIdByOrder.get(done.exchange() + "/" + r.orderId());
            List<String> cancelCommands = order == null ? List.of() : cancelCommandsByOrder.getOrDefault(order,
                    List.of());
            boolean accepted = cancelCommands.stream().flatMap(id -> acks.getOrDefault(id, List.of()).stream())
                    .anyMatch(a -> a.getStatus() == AckStatus.ACCEPTED);
            if (!accepted) {
                cancelsNotAckedAccepted++;
                example("canceled but no cancel acked ACCEPTED: " + order + " (order " + r.orderId() + ")");
            }
        }
    }

    /** Each count that must be zero, by name. */
    Map<String, Long> problems() {
        Map<String, Long> p = new LinkedHashMap<>();
        p.put("command records duplicated", (long) duplicatedCommandRecords);
        p.put("commands without an ack", (long) commandsWithoutAck);
        p.put("commands with more than one ack", (long) commandsWithSeveralAcks);
        p.put("orders placed twice (per client order id)", (long) ordersPlacedTwice);
        p.put("orders at the exchange not acked ACCEPTED", (long) ordersNotAckedAccepted);
        p.put("  of which acked EXPIRED", (long) ordersAckedExpired);
        p.put("cancels executed at the exchange not acked ACCEPTED", (long) cancelsNotAckedAccepted);
        p.put("orders at the exchange without an update on orders.updates.v1", (long) ordersWithoutUpdate);
        p.put("dead letters", deadLetters);
        return p;
    }

    boolean passed() {
        return problems().values().stream().allMatch(v -> v == 0);
    }

    private void example(String what) {
        if (examples.size() < 20) {
            examples.add(what);
        }
    }

    private static void readAll(String bootstrap, String registry, String topic, Consumer<Object> each) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        AvroDeserializer<Object> values = new AvroDeserializer<>();
        values.configure(Map.of(AvroSerdeConfig.REGISTRY_URL, registry), false);
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> each.accept(r.value()));
            }
        }
    }
}
