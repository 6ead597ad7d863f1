package io.exchangebus.oms;

import io.exchangebus.events.OrderCommand;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
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
 * The read-process-write loop of oms-service, as a pipeline: this loop's thread owns the consumer and hands each
 * command to the exchange as soon as it is read, a {@link Committer} thread writes the acks in transactions as soon
 * as commands are handled, and no command waits for a batch to finish.
 *
 * <ul>
 *   <li><b>Read</b>: each poll's records go into the {@link CommandLedger} in offset order. Before any of them can
 *       reach an exchange, the last offset of each partition is recorded ({@link SendIntents}): a successor will know
 *       what may have been sent.</li>
 *   <li><b>Handle</b>: each key's commands ({@code exchange:account}, the topic's key) run in their order on their own
 *       lane ({@link Lanes}), different keys at once on {@link Wiring#parallelism()} threads; an account's next
 *       command goes as soon as its previous one is answered. Kill switches go first within a poll ({@link
 *       KillSwitch}); one for every account of an exchange waits until nothing is in flight.</li>
 *   <li><b>Commit</b>: {@link Committer} takes, per partition, the handled commands at the oldest end of the ledger
 *       and commits their acks, the updates found, the exchanges' order updates, dead letters, and the offsets after
 *       them in one transaction. An ack is never committed without its command's offset, nor an offset ahead of an
 *       earlier command's ack.</li>
 * </ul>
 *
 * <p>What may have been sent without its ack being committed is handled as uncertain: on assignment, the commands
 * up to the last offset an earlier process recorded ({@link SendIntents}; every command below the partition's end
 * when nothing was recorded), and after a rewind every command that had been handed out. Uncertain commands are
 * settled at the exchange first ({@link CommandHandler}).
 *
 * <p>A rewind (the exchange could not be asked, the registry could not be reached, a transaction failed) waits until
 * nothing is in flight, reads every uncommitted command again from the oldest after a pause; a fenced producer (another
 * process took over this transactional id) stops the loop.
 */
public final class CommandProcessor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommandProcessor.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    private static final long DRAIN_MILLIS = 30_000;
    private static final int REMEMBERED_COMMANDS = 100_000;

    /** Where the loop writes and what it needs: topics, clients, handler and bookkeeping. */
    public record Wiring(String commandsTopic, String acksTopic, String updatesTopic, String deadLetterTopic,
                         String serviceName, Consumer<byte[], byte[]> consumer,
                         Producer<byte[], SpecificRecord> producer, Deserializer<Object> decoder,
                         CommandHandler handler, UpdateOutbox outbox, OpenOrders openOrders, ClientOrderIds ids,
                         OmsMetrics metrics, Clock clock, int parallelism, SendIntents intents,
                         StuckOffsets stuckOffsets) {
    }

    private final Wiring w;
    private final Uncertainty uncertainty = new Uncertainty();
    private final SeenCommands seen = new SeenCommands(REMEMBERED_COMMANDS);
    private final CommandLedger ledger = new CommandLedger();
    private final AtomicReference<ConsumerGroupMetadata> group = new AtomicReference<>();
    private final Committer committer;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Lanes lanes;
    private final Thread thread;
    private final Thread committing;
    private volatile boolean running = true;
    private volatile boolean assigned;
    private volatile boolean failed;

    public CommandProcessor(Wiring wiring) {
        this.w = wiring;
        this.thread = new Thread(this::run, "oms-commands");
        this.lanes = new Lanes(wiring.parallelism(), "oms-commands");
        this.committer = new Committer(wiring, ledger, seen, group);
        this.committing = new Thread(committer, "oms-commit");
        wiring.outbox().onAdd(ledger::wake);
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
            group.set(w.consumer().groupMetadata());
            committing.start();
            while (running) {
                ConsumerRecords<byte[], byte[]> records = w.consumer().poll(POLL);
                group.set(w.consumer().groupMetadata());
                stopIfCommittingStopped();
                if (!records.isEmpty()) {
                    read(records);
                }
                if (ledger.halted() != null) {
                    rewind();
                }
                if (!w.stuckOffsets().check(w.consumer()).isEmpty()) {
                    w.metrics().shared().errors("unstable-offsets").increment();
                }
            }
            drain();
        } catch (WakeupException e) {
            // closing
            drainQuietly();
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

    private void stopIfCommittingStopped() {
        if (committer.fatal() != null) {
            throw committer.fatal();
        }
        RuntimeException halt = ledger.halted();
        if (halt != null && !(halt instanceof RetryLaterException) && !(halt instanceof KafkaException)) {
            throw halt; // a bug in handling a command: stop rather than guess
        }
    }

    /** Puts the poll's records in the ledger, records what may be sent, and hands the commands out. */
    private void read(ConsumerRecords<byte[], byte[]> records) {
        List<CommandLedger.Entry> entries = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            CommandLedger.Entry entry = CommandLedger.Entry.decoded(record, w.decoder());
            entries.add(entry);
            ledger.add(entry);
        }
        if (ledger.halted() != null) {
            return; // read again after the rewind
        }
        long phase = System.nanoTime();
        Map<TopicPartition, Long> last = new HashMap<>();
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> of = records.records(tp);
            last.put(tp, of.get(of.size() - 1).offset());
        }
        List<OrderCommand> commands = new ArrayList<>();
        entries.stream().filter(e -> e.command != null).forEach(e -> commands.add(e.command));
        try {
            // Before anything of this poll can reach an exchange: a successor will know what may have.
            w.intents().record(last, w.handler().pairsToPersist(commands));
        } catch (RetryLaterException e) {
            ledger.halt(e);
            return;
        }
        w.metrics().batchPhase("intent").record(System.nanoTime() - phase, TimeUnit.NANOSECONDS);
        KillSwitch killSwitch = KillSwitch.of(entries, e -> e.command);
        for (CommandLedger.Entry entry : KillSwitch.order(entries, e -> e.command)) {
            handOut(entry, killSwitch);
        }
    }

    /**
     * Decides what becomes of one record: an undecodable one is a dead letter, one acked before only has its offset
     * committed, a second record of a command id is a DUPLICATE; any other command goes to its key's lane.
     */
    private void handOut(CommandLedger.Entry entry, KillSwitch killSwitch) {
        OrderCommand command = entry.command;
        if (ledger.halted() != null) {
            return; // read again after the rewind
        }
        if (command == null) {
            ledger.complete(entry, new CommandLedger.Outcome.Undecodable());
            return;
        }
        switch (seen.admit(command.getCommandId(), entry.position())) {
            case ACKED_BEFORE -> {
                LOG.info("command {} at {} was acked before its offsets' commit was lost; not acked again",
                        command.getCommandId(), entry.position());
                ledger.complete(entry, new CommandLedger.Outcome.AckedBefore());
            }
            case DUPLICATE -> ledger.complete(entry, new CommandLedger.Outcome.Acked(new CommandHandler.Handled(
                    w.handler().acks().duplicate(command, CommandHandler.clientOrderIdOf(command.getAction())),
                    List.of())));
            case NEW -> {
                if (KillSwitch.ALL_ACCOUNTS.equals(command.getAccount()) && !nothingInFlight()) {
                    // every account of the exchange stops after what is in flight
                    ledger.halt(new RetryLaterException("commands still in flight after " + DRAIN_MILLIS + " ms"));
                    return;
                }
                boolean uncertain = uncertainty.of(entry.record);
                long handedOut = System.nanoTime();
                lanes.submit(command.getExchange() + ":" + command.getAccount(), () -> {
                    if (ledger.halted() != null) {
                        // a command before it failed: nothing more of this lane goes until the rewind
                        ledger.complete(entry, new CommandLedger.Outcome.Failed(new RetryLaterException("rewinding")));
                        return;
                    }
                    ledger.handedOut(entry);
                    CommandLedger.Outcome outcome = handle(command, uncertain, killSwitch);
                    if (outcome instanceof CommandLedger.Outcome.Failed failure) {
                        ledger.halt(failure.error());
                    }
                    ledger.complete(entry, outcome);
                    w.metrics().batchPhase("handle").record(System.nanoTime() - handedOut, TimeUnit.NANOSECONDS);
                });
            }
            default -> throw new IllegalStateException("unknown verdict");
        }
    }

    private CommandLedger.Outcome handle(OrderCommand command, boolean uncertain, KillSwitch killSwitch) {
        try {
            return new CommandLedger.Outcome.Acked(w.handler().handle(command, uncertain, killSwitch));
        } catch (RuntimeException e) {
            return new CommandLedger.Outcome.Failed(e);
        }
    }

    /** Waits until no command is in flight; false if some still are after {@value #DRAIN_MILLIS} ms. */
    private boolean nothingInFlight() {
        try {
            return lanes.awaitIdle(DRAIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * After a failure: once nothing is in flight and no transaction is open, every uncommitted command is read again
     * from the oldest, those handed out before as uncertain, after a pause.
     */
    private void rewind() {
        RuntimeException cause = ledger.halted();
        if (!nothingInFlight()) {
            throw new IllegalStateException("commands still in flight " + DRAIN_MILLIS + " ms after a failure ("
                    + cause + "): a lane is stuck");
        }
        try {
            ledger.awaitNotCommitting();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryLaterException("interrupted while rewinding");
        }
        stopIfCommittingStopped();
        Map<TopicPartition, long[]> from = ledger.rewound();
        seen.rewound();
        from.forEach((tp, at) -> {
            uncertainty.sentBelow(tp, at[1]);
            w.consumer().seek(tp, at[0]);
        });
        w.metrics().shared().errors("batch-aborted").increment();
        LOG.warn("commands from {} will be read again (offset, uncertain below): {}", cause.toString(),
                describe(from));
        pause(RETRY_PAUSE);
    }

    private static String describe(Map<TopicPartition, long[]> from) {
        StringBuilder out = new StringBuilder();
        from.forEach((tp, at) -> out.append(tp).append('@').append(at[0]).append(" <").append(at[1]).append(' '));
        return out.toString().trim();
    }

    /**
     * Lets what is in flight finish and be committed. Partitions are about to go (revoked, or closing): a command
     * handed out must have its ack committed by this process, or be settled as uncertain by the next owner, never
     * both at once.
     */
    private void drain() {
        try {
            if (!lanes.awaitIdle(DRAIN_MILLIS)) {
                LOG.warn("commands still in flight after {} ms; they are uncertain for the next owner", DRAIN_MILLIS);
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
            while (!ledger.isEmpty() && ledger.halted() == null && committing.isAlive()
                    && System.nanoTime() < deadline) {
                ledger.wake();
                Thread.sleep(5);
            }
            ledger.awaitNotCommitting();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drainQuietly() {
        try {
            drain();
        } catch (RuntimeException e) {
            LOG.warn("letting the commands in flight finish failed: {}", e.toString());
        }
    }

    private void pause(Duration pause) {
        try {
            stopped.await(pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeQuietly() {
        try {
            if (committing.isAlive() && !committer.finish(5_000)) {
                LOG.warn("the committer did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lanes.close();
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

    /** Stops after what is in flight (its transaction commits or aborts) and closes the clients. */
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

    /** Marks what a partition's earlier owner may have sent as uncertain; lets what is in flight finish first. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            uncertainty.assigned(partitions, w.intents(), w.consumer());
            assigned = true;
            w.stuckOffsets().assigned();
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            drain();
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // Their offsets can no longer be committed by us: the next owner settles what was handed out.
            drain();
            forget(partitions);
        }

        private void forget(Collection<TopicPartition> partitions) {
            ledger.forget(Set.copyOf(partitions));
            seen.rewound();
        }
    }
}
