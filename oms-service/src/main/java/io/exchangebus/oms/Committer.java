package io.exchangebus.oms;

import io.exchangebus.events.AckStatus;
import io.exchangebus.events.DeadLetter;
import io.exchangebus.events.OrderAck;
import io.exchangebus.events.OrderUpdate;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that owns the transactional producer: as soon as commands are handled it writes, in one Kafka
 * transaction, their acks in offset order, the updates their handling found, the order updates the exchanges
 * reported meanwhile ({@link UpdateOutbox}), dead letters of undecodable commands, and the offsets after them
 * ({@code sendOffsetsToTransaction}). Either all of it is committed or none of it. While one transaction commits,
 * the next commands are already at the exchanges; what they finish meanwhile goes into the next transaction.
 *
 * <p>A transaction that fails is aborted, its entries go back to the {@link CommandLedger} (which halts until the
 * processing loop has rewound) and its updates back to the outbox. A fenced producer stops everything.
 */
final class Committer implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Committer.class);
    private static final long WAIT_MILLIS = 100;

    private final CommandProcessor.Wiring w;
    private final CommandLedger ledger;
    private final SeenCommands seen;
    private final AtomicReference<ConsumerGroupMetadata> group;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile KafkaException fatal;

    Committer(CommandProcessor.Wiring wiring, CommandLedger ledger, SeenCommands seen,
              AtomicReference<ConsumerGroupMetadata> group) {
        this.w = wiring;
        this.ledger = ledger;
        this.seen = seen;
        this.group = group;
    }

    @Override
    public void run() {
        try {
            while (fatal == null) {
                CommandLedger.Taken taken = ledger.take(WAIT_MILLIS);
                if (taken.entries().isEmpty() && w.outbox().isEmpty()) {
                    if (stopping) {
                        return;
                    }
                    continue;
                }
                commit(taken);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            fatal = e instanceof KafkaException k ? k : new KafkaException("committing stopped", e);
            LOG.error("committing stopped", e);
            ledger.halt(e);
        } finally {
            stopped.countDown();
        }
    }

    private void commit(CommandLedger.Taken taken) {
        long start = System.nanoTime();
        List<OrderUpdate> drained = new ArrayList<>();
        Map<AckStatus, Integer> statuses = new HashMap<>();
        List<String> ids = new ArrayList<>();
        int deadLetters = 0;
        w.producer().beginTransaction();
        try {
            for (CommandLedger.Entry entry : taken.entries()) {
                CommandLedger.Outcome outcome = entry.outcome();
                if (outcome instanceof CommandLedger.Outcome.Undecodable) {
                    w.producer().send(new ProducerRecord<>(w.deadLetterTopic(), entry.record.key(), letter(entry)));
                    deadLetters++;
                } else if (outcome instanceof CommandLedger.Outcome.Acked acked) {
                    OrderAck ack = acked.handled().ack();
                    w.producer().send(new ProducerRecord<>(w.acksTopic(), key(ack.getExchange(), ack.getAccount()),
                            ack));
                    acked.handled().updates().forEach(this::sendUpdate);
                    statuses.merge(ack.getStatus(), 1, Integer::sum);
                    ids.add(entry.command.getCommandId());
                }
            }
            drained.addAll(w.outbox().drain());
            drained.forEach(this::sendUpdate);
            if (!taken.offsets().isEmpty()) {
                w.producer().sendOffsetsToTransaction(taken.offsets(), group.get());
            }
            w.producer().commitTransaction();
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
            throw e;
        } catch (KafkaException e) {
            aborted(taken, drained, e);
            return;
        }
        ledger.committed();
        seen.committed(ids);
        w.metrics().batchPhase("commit").record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        w.metrics().batchCommands().record(taken.entries().size());
        w.metrics().shared().messagesIn(w.commandsTopic()).increment(taken.entries().size());
        statuses.forEach((status, n) -> w.metrics().acks(status).increment(n));
        w.metrics().shared().messagesOut(w.acksTopic()).increment(ids.size());
        w.metrics().shared().messagesOut(w.updatesTopic()).increment(drained.size());
        if (deadLetters > 0) {
            w.metrics().shared().deadLetters(w.deadLetterTopic(), "UNDECODABLE_COMMAND").increment(deadLetters);
        }
    }

    private void aborted(CommandLedger.Taken taken, List<OrderUpdate> drained, KafkaException cause) {
        w.metrics().shared().errors("batch-aborted").increment();
        LOG.warn("a transaction of {} commands was aborted and will be read again: {}", taken.entries().size(),
                cause.toString());
        w.producer().abortTransaction(); // if this fails too, the producer is unusable: run() stops
        w.outbox().putBack(drained);
        ledger.putBack(taken, cause);
    }

    private DeadLetter letter(CommandLedger.Entry entry) {
        ConsumerRecord<byte[], byte[]> r = entry.record;
        return DeadLetter.newBuilder().setService(w.serviceName()).setSourceTopic(r.topic())
                .setSourcePartition(r.partition()).setSourceOffset(r.offset()).setExchange(null)
                .setKey(r.key() == null ? null : ByteBuffer.wrap(r.key()))
                .setPayload(ByteBuffer.wrap(r.value() == null ? new byte[0] : r.value()))
                .setErrorType(entry.problemType).setReason(entry.problem)
                .setFailedAt(w.clock().instant().truncatedTo(ChronoUnit.MICROS)).build();
    }

    private void sendUpdate(OrderUpdate update) {
        String theirs = update.getClientOrderId();
        String id = w.ids().toOurs(update.getExchange(), theirs);
        OrderUpdate ours = Objects.equals(id, theirs) ? update : withClientOrderId(update, id);
        w.openOrders().note(ours);
        w.producer().send(new ProducerRecord<>(w.updatesTopic(), key(ours.getExchange(), ours.getAccount()), ours));
    }

    /**
     * A copy of {@code update} under another client order id. Shallow, field by field: its values are immutable, and
     * Avro's builder would deep-copy each of them (its decimals through their bytes).
     */
    static OrderUpdate withClientOrderId(OrderUpdate update, String clientOrderId) {
        OrderUpdate copy = new OrderUpdate();
        for (int i = 0; i < OrderUpdate.SCHEMA$.getFields().size(); i++) {
            copy.put(i, update.get(i));
        }
        copy.setClientOrderId(clientOrderId);
        return copy;
    }

    private static byte[] key(String exchange, String account) {
        return (exchange + ":" + account).getBytes(StandardCharsets.UTF_8);
    }

    /** Why committing stopped for good (a fenced producer), if it did. */
    KafkaException fatal() {
        return fatal;
    }

    /** Commits what is handled and waiting, then stops; returns false if it was not done within the timeout. */
    boolean finish(long timeoutMillis) throws InterruptedException {
        stopping = true;
        ledger.wake();
        return stopped.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }
}
