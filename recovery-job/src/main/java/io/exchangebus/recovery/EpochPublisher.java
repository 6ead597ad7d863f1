package io.exchangebus.recovery;

import io.exchangebus.avro.topics.TopicKey;
import io.exchangebus.events.RecoveryItemKind;
import io.exchangebus.events.RecoverySnapshot;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes each account's part of an epoch to the snapshot topic in one Kafka transaction: its items with indexes from
 * 0, then the end marker (no item; {@code itemCount}, the counts per kind, and the failure if the account failed).
 * A {@code read_committed} consumer thus sees an account's epoch whole or not at all. Records are keyed
 * {@code exchange:account}, so that an account's epoch is contiguous in one partition.
 */
final class EpochPublisher implements AutoCloseable {
    private final Producer<String, RecoverySnapshot> producer;
    private final String topic;
    private final String epochId;
    private final Instant startedAt;

    /** @param producer a transactional producer; {@code initTransactions} is called here */
    EpochPublisher(Producer<String, RecoverySnapshot> producer, String topic, String epochId, Instant startedAt) {
        this.producer = producer;
        this.topic = topic;
        this.epochId = epochId;
        this.startedAt = startedAt;
        producer.initTransactions();
    }

    /**
     * Publishes {@code account}'s items and marker and commits them.
     *
     * @throws org.apache.kafka.common.KafkaException if the transaction could not be committed (it is aborted)
     */
    void publish(RecoveredAccount account) {
        String key = TopicKey.exchangeAccount(account.exchange(), account.account());
        List<RecoveredItem> items = account.items();
        producer.beginTransaction();
        try {
            for (int i = 0; i < items.size(); i++) {
                producer.send(new ProducerRecord<>(topic, key, item(account, i, items.get(i))));
            }
            producer.send(new ProducerRecord<>(topic, key, marker(account)));
            producer.commitTransaction();
        } catch (RuntimeException e) {
            abortQuietly(e);
            throw e;
        }
    }

    private RecoverySnapshot item(RecoveredAccount account, long index, RecoveredItem item) {
        return base(account, index).setItem(item.event()).setItemKind(item.kind()).build();
    }

    private RecoverySnapshot marker(RecoveredAccount account) {
        RecoverySnapshot.Builder marker = base(account, account.items().size())
                .setItem(null)
                .setItemKind(null)
                .setItemCount((long) account.items().size())
                .setAssetCount(account.count(RecoveryItemKind.BALANCE))
                .setPositionCount(account.count(RecoveryItemKind.POSITION))
                .setOpenOrderCount(account.count(RecoveryItemKind.OPEN_ORDER))
                .setOrderHistoryCount(account.count(RecoveryItemKind.ORDER_HISTORY));
        account.failure().ifPresent(f -> marker.setFailureKind(f.kind()).setFailureMessage(f.message()));
        return marker.build();
    }

    private RecoverySnapshot.Builder base(RecoveredAccount account, long index) {
        return RecoverySnapshot.newBuilder()
                .setEpochId(epochId)
                .setExchange(account.exchange())
                .setAccount(account.account())
                .setItemIndex(index)
                .setStartedAt(startedAt);
    }

    private void abortQuietly(RuntimeException cause) {
        try {
            producer.abortTransaction();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
