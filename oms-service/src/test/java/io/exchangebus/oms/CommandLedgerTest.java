package io.exchangebus.oms;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.events.OrderCommand;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class CommandLedgerTest {
    private static final TopicPartition P0 = new TopicPartition("orders.commands.v1", 0);
    private static final TopicPartition P1 = new TopicPartition("orders.commands.v1", 1);
    private static final CommandLedger.Outcome DONE = new CommandLedger.Outcome.AckedBefore();

    private final CommandLedger ledger = new CommandLedger();

    private CommandLedger.Entry add(TopicPartition tp, long offset) {
        OrderCommand command = OmsTestStack.command("binance-spot", "a", OmsTestStack.limitBuy("1.00", "1"), null);
        CommandLedger.Entry entry = new CommandLedger.Entry(new ConsumerRecord<>(tp.topic(), tp.partition(), offset,
                new byte[0], new byte[0]), command, null, null);
        ledger.add(entry);
        return entry;
    }

    @Test
    void shouldHoldALaterCommandsAckUntilEveryEarlierCommandOfItsPartitionIsHandled() throws Exception {
        CommandLedger.Entry first = add(P0, 10);
        CommandLedger.Entry second = add(P0, 11);
        CommandLedger.Entry other = add(P1, 5);
        ledger.complete(second, DONE);
        ledger.complete(other, DONE);

        CommandLedger.Taken taken = ledger.take(0);
        assertThat(taken.entries()).containsExactly(other);
        assertThat(taken.offsets()).isEqualTo(Map.of(P1, new OffsetAndMetadata(6)));
        ledger.committed();

        ledger.complete(first, DONE);
        taken = ledger.take(0);
        assertThat(taken.entries()).containsExactly(first, second);
        assertThat(taken.offsets()).isEqualTo(Map.of(P0, new OffsetAndMetadata(12)));
        ledger.committed();
        assertThat(ledger.isEmpty()).isTrue();
    }

    @Test
    void shouldWaitForAnOutcomeAndWakeWhenOneArrives() throws Exception {
        CommandLedger.Entry entry = add(P0, 0);
        assertThat(ledger.take(20).isEmpty()).isTrue();
        Thread completer = new Thread(() -> {
            sleep(50);
            ledger.complete(entry, DONE);
        });
        completer.start();
        long start = System.nanoTime();
        CommandLedger.Taken taken = ledger.take(10_000);
        assertThat(taken.entries()).containsExactly(entry);
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
        completer.join();
    }

    @Test
    void shouldCommitWhatCameBeforeAFailureThenHaltUntilRewound() throws Exception {
        CommandLedger.Entry ok = add(P0, 0);
        CommandLedger.Entry failed = add(P0, 1);
        CommandLedger.Entry after = add(P0, 2);
        ledger.handedOut(ok);
        ledger.handedOut(failed);
        ledger.handedOut(after);
        ledger.complete(ok, DONE);
        RetryLaterException cause = new RetryLaterException("exchange unreachable");
        ledger.complete(failed, new CommandLedger.Outcome.Failed(cause));
        ledger.complete(after, DONE);

        CommandLedger.Taken taken = ledger.take(0);
        assertThat(taken.entries()).containsExactly(ok);
        assertThat(taken.failure()).isSameAs(cause);
        assertThat(ledger.halted()).isSameAs(cause);
        ledger.committed();
        assertThat(ledger.take(0).isEmpty()).as("nothing is taken while halted").isTrue();

        Map<TopicPartition, long[]> from = ledger.rewound();
        assertThat(from.get(P0)).containsExactly(1, 3); // read again from 1; 1 and 2 may have been sent
        assertThat(ledger.halted()).isNull();
        assertThat(ledger.isEmpty()).isTrue();
    }

    @Test
    void shouldPutAnAbortedTransactionsEntriesBackInFrontInTheirOrder() throws Exception {
        CommandLedger.Entry a = add(P0, 7);
        CommandLedger.Entry b = add(P0, 8);
        ledger.complete(a, DONE);
        ledger.complete(b, DONE);
        CommandLedger.Taken taken = ledger.take(0);
        CommandLedger.Entry c = add(P0, 9);
        ledger.handedOut(c);

        ledger.putBack(taken, new KafkaException("the coordinator is not aware of this member"));

        assertThat(ledger.halted()).isInstanceOf(KafkaException.class);
        ledger.awaitNotCommitting();
        assertThat(ledger.rewound().get(P0)).containsExactly(7, 10);
    }

    @Test
    void shouldForgetTheRecordsOfRevokedPartitions() {
        add(P0, 1);
        CommandLedger.Entry kept = add(P1, 2);
        ledger.forget(java.util.Set.of(P0));
        ledger.complete(kept, DONE);
        assertThat(ledger.rewound().keySet()).isEqualTo(java.util.Set.of(P1));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
