package io.exchangebus.oms;

import io.exchangebus.avro.serde.MalformedPayloadException;
import io.exchangebus.events.AckStatus;
import io.exchangebus.events.DeadLetter;
import io.exchangebus.events.OrderAck;
import io.exchangebus.events.OrderCommand;
import io.exchangebus.events.OrderUpdate;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-process-write loop, on one thread that owns the consumer and the transactional producer. Each poll
 * batch is one Kafka transaction: one ack per command, the updates its handling found, the order updates the
 * exchanges reported meanwhile ({@link UpdateOutbox}), dead letters of undecodable commands, and the batch's
 * offsets ({@code sendOffsetsToTransaction}). Either all of it is committed or none of it.
 *
 * <p>Within a batch, each key's commands ({@code exchange:account}, the topic's key) are handled in their order,
 * and different keys at once on {@link Wiring#parallelism()} worker threads; the acks are written in the batch's
 * order once every key is done.
 *
 * <p>What may have been sent before without its ack being committed is handled as uncertain: on assignment, the
 * commands up to the last offset an earlier process recorded it might send ({@link SendIntents}, written before
 * each batch is sent; every command below the partition's end when nothing was recorded), and every command of a
 * batch whose transaction aborted. Uncertain commands are settled at the exchange first ({@link CommandHandler}).
 *
 * <p>An aborted batch (the exchange could not be asked, the registry could not be reached, the transaction failed)
 * is read again after a pause; a fenced producer (another process took over this transactional id) stops the loop.
 */
public final class CommandProcessor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommandProcessor.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    private static final int REMEMBERED_COMMANDS = 100_000;

    /** Where the loop writes and what it needs: topics, clients, handler and bookkeeping. */
    public record Wiring(String commandsTopic, String acksTopic, String updatesTopic, String deadLetterTopic,
                         String serviceName, Consumer<byte[], byte[]> consumer,
                         Producer<byte[], SpecificRecord> producer, Deserializer<Object> decoder,
                         CommandHandler handler, UpdateOutbox outbox, OpenOrders openOrders, ClientOrderIds ids,
                         OmsMetrics metrics, Clock clock, int parallelism, SendIntents intents,
                         StuckOffsets stuckOffsets) {
    }

    private record Item(ConsumerRecord<byte[], byte[]> record, OrderCommand command, String errorType,
                        String reason) {
    }

    private final Wiring w;
    private final Uncertainty uncertainty = new Uncertainty();
    /**
     * The command ids this process has acked (the last {@value #REMEMBERED_COMMANDS}), each with the position of
     * the record it came in: the same record read again (its offsets' commit was lost) is not acked again; another
     * record with the same id is a DUPLICATE.
     */
    private final Map<String, String> acked = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED_COMMANDS;
        }
    };
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final KeyedRunner runner;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean assigned;
    private volatile boolean failed;

    public CommandProcessor(Wiring wiring) {
        this.w = wiring;
        this.thread = new Thread(this::run, "oms-commands");
        this.runner = new KeyedRunner(wiring.parallelism(), "oms-commands");
    }

    public void start() {
        thread.start();
    }

    /** Whether the loop runs and has partitions assigned (or was assigned none, in a group of several). */
    public boolean isReady() {
        return running && !failed && assigned;
    }

    private void run() {
        try {
            w.producer().initTransactions();
            w.consumer().subscribe(List.of(w.commandsTopic()), new Rebalance());
            while (running) {
                ConsumerRecords<byte[], byte[]> records = w.consumer().poll(POLL);
                if (!records.isEmpty() || !w.outbox().isEmpty()) {
                    process(records);
                }
                if (!w.stuckOffsets().check(w.consumer()).isEmpty()) {
                    w.metrics().shared().errors("unstable-offsets").increment();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
            failed = true;
            w.metrics().shared().errors("fatal").increment();
            LOG.error("order processing stopped: {}", e.toString());
        } catch (RuntimeException e) {
            failed = true;
            w.metrics().shared().errors("fatal").increment();
            LOG.error("order processing stopped", e);
        } finally {
            closeQuietly();
            stopped.countDown();
        }
    }

    private void process(ConsumerRecords<byte[], byte[]> records) {
        List<Item> items = new ArrayList<>();
        records.forEach(r -> items.add(decode(r)));
        List<OrderUpdate> drained = new ArrayList<>();
        Map<String, String> batchIds = new LinkedHashMap<>();
        Map<AckStatus, Integer> statuses = new HashMap<>();
        int deadLetters = 0;
        w.producer().beginTransaction();
        try {
            long phase = System.nanoTime();
            if (!records.isEmpty()) {
                // Before anything of this batch can reach an exchange: a successor will know what may have.
                Map<TopicPartition, Long> last = new HashMap<>();
                nextOffsets(records).forEach((tp, next) -> last.put(tp, next.offset() - 1));
                List<OrderCommand> commands = new ArrayList<>();
                items.stream().filter(i -> i.command() != null).forEach(i -> commands.add(i.command()));
                w.intents().record(last, w.handler().pairsToPersist(commands));
                phase = timed("intent", phase);
                w.metrics().batchCommands().record(records.count());
            }
            List<Item> ordered = KillSwitch.order(items, Item::command);
            Map<Item, CommandHandler.Handled> results = handleAll(ordered, KillSwitch.of(items, Item::command),
                    batchIds);
            phase = timed("handle", phase);
            for (Item item : ordered) {
                if (item.command() == null) {
                    w.producer().send(new ProducerRecord<>(w.deadLetterTopic(), item.record().key(), letter(item)));
                    deadLetters++;
                    continue;
                }
                CommandHandler.Handled handled = results.get(item);
                if (handled == null) {
                    continue; // read again, already acked in a committed transaction
                }
                w.producer().send(new ProducerRecord<>(w.acksTopic(), key(handled.ack()), handled.ack()));
                handled.updates().forEach(this::sendUpdate);
                statuses.merge(handled.ack().getStatus(), 1, Integer::sum);
            }
            drained.addAll(w.outbox().drain());
            drained.forEach(this::sendUpdate);
            if (!records.isEmpty()) {
                w.producer().sendOffsetsToTransaction(nextOffsets(records), w.consumer().groupMetadata());
            }
            w.producer().commitTransaction();
            timed("commit", phase);
        } catch (RetryLaterException | KafkaException e) {
            if (e instanceof ProducerFencedException || e instanceof OutOfOrderSequenceException
                    || e instanceof AuthorizationException) {
                throw (KafkaException) e;
            }
            abort(records, drained, e);
            return;
        }
        committed(records.count(), batchIds, statuses, deadLetters, drained.size());
    }

    /**
     * Handles the batch's commands: duplicates and exchange-wide cancel-alls first, on this thread, then the
     * commands of each key ({@code exchange:account}) in their order, different keys at once on the worker threads,
     * so that one account's slow exchange does not hold up the others' requests. Returns each command's outcome;
     * throws the first {@link RetryLaterException} (or other failure) of any key once every key is done.
     */
    private Map<Item, CommandHandler.Handled> handleAll(List<Item> ordered, KillSwitch killSwitch,
                                                        Map<String, String> batchIds) {
        Map<Item, CommandHandler.Handled> results = new IdentityHashMap<>();
        Map<String, List<Item>> byKey = new LinkedHashMap<>();
        for (Item item : ordered) {
            OrderCommand command = item.command();
            if (command == null) {
                continue;
            }
            String position = positionOf(item.record());
            String ackedAt = acked.get(command.getCommandId());
            if (position.equals(ackedAt)) {
                LOG.info("command {} at {} was acked before its offsets' commit was lost; not acked again",
                        command.getCommandId(), position);
                continue;
            }
            if (ackedAt != null || batchIds.putIfAbsent(command.getCommandId(), position) != null) {
                results.put(item, new CommandHandler.Handled(w.handler().acks().duplicate(command,
                        CommandHandler.clientOrderIdOf(command.getAction())), List.of()));
            } else if (KillSwitch.ALL_ACCOUNTS.equals(command.getAccount())) {
                results.put(item, handle(item, killSwitch));
            } else {
                byKey.computeIfAbsent(command.getExchange() + ":" + command.getAccount(), k -> new ArrayList<>())
                        .add(item);
            }
        }
        results.putAll(runner.run(byKey, item -> handle(item, killSwitch)));
        return results;
    }

    /** Records the phase that began at {@code since}; returns now, when the next one begins. */
    private long timed(String phase, long since) {
        long now = System.nanoTime();
        w.metrics().batchPhase(phase).record(now - since, TimeUnit.NANOSECONDS);
        return now;
    }

    private static String positionOf(ConsumerRecord<byte[], byte[]> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private CommandHandler.Handled handle(Item item, KillSwitch killSwitch) {
        return w.handler().handle(item.command(), uncertainty.of(item.record()), killSwitch);
    }

    private void committed(int commands, Map<String, String> batchIds, Map<AckStatus, Integer> statuses,
                           int deadLetters, int updates) {
        acked.putAll(batchIds);
        w.metrics().shared().messagesIn(w.commandsTopic()).increment(commands);
        statuses.forEach((status, n) -> w.metrics().acks(status).increment(n));
        int acks = statuses.values().stream().mapToInt(Integer::intValue).sum();
        w.metrics().shared().messagesOut(w.acksTopic()).increment(acks);
        w.metrics().shared().messagesOut(w.updatesTopic()).increment(updates);
        if (deadLetters > 0) {
            w.metrics().shared().deadLetters(w.deadLetterTopic(), "UNDECODABLE_COMMAND").increment(deadLetters);
        }
    }

    /** Aborts the batch, puts its updates back, and goes back to its first commands, now uncertain. */
    private void abort(ConsumerRecords<byte[], byte[]> records, List<OrderUpdate> drained, Exception cause) {
        w.metrics().shared().errors("batch-aborted").increment();
        LOG.warn("a batch of {} commands was aborted and will be read again: {}", records.count(), cause.toString());
        try {
            w.producer().abortTransaction();
        } catch (KafkaException e) {
            LOG.warn("aborting the transaction failed: {}", e.toString());
            throw e;
        }
        w.outbox().putBack(drained);
        uncertainty.aborted(records);
        for (TopicPartition tp : records.partitions()) {
            w.consumer().seek(tp, records.records(tp).get(0).offset());
        }
        pause(RETRY_PAUSE);
    }

    private Item decode(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return new Item(record, null, "EMPTY_COMMAND", "the record has no value");
        }
        try {
            Object value = w.decoder().deserialize(record.topic(), record.value());
            if (value instanceof OrderCommand) {
                return new Item(record, (OrderCommand) value, null, null);
            }
            return new Item(record, null, "NOT_A_COMMAND", "the record holds a "
                    + (value == null ? "null" : value.getClass().getSimpleName()) + ", not an OrderCommand");
        } catch (MalformedPayloadException e) {
            return new Item(record, null, e.problem().name(), e.getMessage());
        }
    }

    private DeadLetter letter(Item item) {
        ConsumerRecord<byte[], byte[]> r = item.record();
        return DeadLetter.newBuilder().setService(w.serviceName()).setSourceTopic(r.topic())
                .setSourcePartition(r.partition()).setSourceOffset(r.offset()).setExchange(null)
                .setKey(r.key() == null ? null : ByteBuffer.wrap(r.key()))
                .setPayload(ByteBuffer.wrap(r.value() == null ? new byte[0] : r.value()))
                .setErrorType(item.errorType()).setReason(item.reason())
                .setFailedAt(w.clock().instant().truncatedTo(ChronoUnit.MICROS)).build();
    }

    private void sendUpdate(OrderUpdate update) {
        OrderUpdate ours = update.getClientOrderId() == null ? update : OrderUpdate.newBuilder(update)
                .setClientOrderId(w.ids().toOurs(update.getExchange(), update.getClientOrderId())).build();
        w.openOrders().note(ours);
        w.producer().send(new ProducerRecord<>(w.updatesTopic(), key(ours.getExchange(), ours.getAccount()), ours));
    }

    private static byte[] key(OrderAck ack) {
        return key(ack.getExchange(), ack.getAccount());
    }

    private static byte[] key(String exchange, String account) {
        return (exchange + ":" + account).getBytes(StandardCharsets.UTF_8);
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> of = records.records(tp);
            offsets.put(tp, new OffsetAndMetadata(of.get(of.size() - 1).offset() + 1));
        }
        return offsets;
    }

    private void pause(Duration pause) {
        try {
            stopped.await(pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeQuietly() {
        runner.close();
        try {
            w.intents().close();
        } catch (RuntimeException e) {
            LOG.warn("closing the send-intent clients failed: {}", e.toString());
        }
        try {
            w.consumer().close(CloseOptions.timeout(Duration.ofSeconds(5))
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        } catch (RuntimeException e) {
            LOG.warn("closing the command consumer failed: {}", e.toString());
        }
        try {
            w.producer().close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.warn("closing the transactional producer failed: {}", e.toString());
        }
    }

    /** Stops after the batch in hand (its transaction commits or aborts) and closes the clients. */
    public void close(Duration timeout) throws InterruptedException {
        running = false;
        w.consumer().wakeup();
        if (!stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("order processing did not stop within {}", timeout);
        }
    }

    @Override
    public void close() throws InterruptedException {
        close(Duration.ofSeconds(30));
    }

    /** Marks what a partition's earlier owner may have sent as uncertain. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            uncertainty.assigned(partitions, w.intents(), w.consumer());
            assigned = true;
            w.stuckOffsets().assigned();
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // Nothing in flight: every batch is committed or aborted before the next poll.
        }
    }
}
