package io.exchangebus.oms;

import io.exchangebus.service.kafka.KafkaClients;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link StuckOffsets.Group} read with a short-lived admin client, on the rare occasions it is asked. */
final class AdminGroup implements StuckOffsets.Group {
    private static final Logger LOG = LoggerFactory.getLogger(AdminGroup.class);
    private static final long TIMEOUT_SECONDS = 10;
    private static final Set<TransactionState> OPEN = Set.of(TransactionState.ONGOING,
            TransactionState.PREPARE_COMMIT, TransactionState.PREPARE_ABORT, TransactionState.PREPARE_EPOCH_FENCE);

    private final KafkaClients kafka;
    private final String groupId;
    private final String transactionalIdPrefix;

    AdminGroup(KafkaClients kafka, String groupId, String transactionalIdPrefix) {
        this.kafka = kafka;
        this.groupId = groupId;
        this.transactionalIdPrefix = transactionalIdPrefix;
    }

    @Override
    public Map<TopicPartition, Long> committed(Set<TopicPartition> partitions) {
        Map<TopicPartition, Long> out = new HashMap<>();
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            partitions.forEach(tp -> {
                OffsetAndMetadata o = offsets.get(tp);
                if (o != null) {
                    out.put(tp, o.offset());
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("the committed offsets of group {} could not be read: {}", groupId, e.toString());
        }
        return out;
    }

    @Override
    public boolean transactionOpen() {
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            for (TransactionListing t : admin.listTransactions().all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                if (t.transactionalId().startsWith(transactionalIdPrefix) && OPEN.contains(t.state())) {
                    return true;
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("open transactions could not be listed: {}", e.toString());
            return true;
        }
    }
}
