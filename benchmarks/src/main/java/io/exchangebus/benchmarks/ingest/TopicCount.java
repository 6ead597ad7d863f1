package io.exchangebus.benchmarks.ingest;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The records a topic holds, from its partitions' end offsets (an admin client's {@code listOffsets}): what the
 * broker acknowledged, read without a consumer. Each record of a producer that writes no transactions is one offset.
 */
final class TopicCount implements AutoCloseable {
    private final Admin admin;
    private final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();

    TopicCount(String bootstrapServers, String topic, int partitions) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "ingest-throughput-count");
        this.admin = Admin.create(props);
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
    }

    long records() {
        try {
            long sum = 0;
            for (ListOffsetsResult.ListOffsetsResultInfo info : admin.listOffsets(latest).all().get().values()) {
                sum += info.offset();
            }
            return sum;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("end offsets not read: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
