package io.exchangebus.oms;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * What an OMS process may have sent to the exchanges, recorded before it sends: for each command partition, the
 * last offset of the poll in hand, written to a compacted topic (one record per group and partition) and
 * acknowledged by the brokers before the first request of the poll leaves. A process that takes a partition over
 * reads it back: only the commands from the committed offset up to that offset can have been sent without their
 * acks being committed, so only they are settled at the exchange; a backlog that arrived while no process ran is
 * handled at full speed. The cost is one produce round trip per poll.
 *
 * <p>The same round trip persists the client-order-id pairs of the poll that the exchange's id does not give back
 * (hashed under the exchange's contract), keyed {@code CLIENT_ID_KEY + exchange + '|' + theirs} with our id as
 * value; {@link #read} hands every such pair to {@link ClientOrderIds}, so a restarted OMS writes their updates
 * under our id.
 */
final class SendIntents implements AutoCloseable {
    private final String topic;
    private final String group;
    private final Producer<byte[], byte[]> producer;
    private final Consumer<byte[], byte[]> reader;
    private final Duration timeout;
    private final ClientOrderIds ids;

    /** Starts with a NUL, which no group id has, so it never meets a send-intent key. */
    static final String CLIENT_ID_KEY = "\u0000client-order-id|";

    SendIntents(String topic, String group, Producer<byte[], byte[]> producer, Consumer<byte[], byte[]> reader,
                Duration timeout, ClientOrderIds ids) {
        this.ids = ids;
        this.topic = topic;
        this.group = group;
        this.producer = producer;
        this.reader = reader;
        this.timeout = timeout;
    }

    /** Creates the topic if it is missing: compacted, one partition, the brokers' default replication. */
    static void ensureTopic(Admin admin, String topic, Duration timeout) throws InterruptedException {
        try {
            if (admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS).contains(topic)) {
                return;
            }
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the send-intent topic " + topic + ": "
                        + e.getCause().getMessage(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka to create the send-intent topic " + topic, e);
        }
    }

    /**
     * Records that the commands up to {@code lastOffsets} (inclusive) may be sent, with the client-order-id
     * {@code pairs} they need persisted; returns once the brokers have it.
     *
     * @throws RetryLaterException when it cannot be recorded: then nothing may be sent
     */
    void record(Map<TopicPartition, Long> lastOffsets, List<ClientOrderIds.Pair> pairs) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try {
            for (ClientOrderIds.Pair pair : pairs) {
                sent.add(producer.send(new ProducerRecord<>(topic, (CLIENT_ID_KEY + pair.exchange() + '|'
                        + pair.theirs()).getBytes(StandardCharsets.UTF_8),
                        pair.ours().getBytes(StandardCharsets.UTF_8))));
            }
            lastOffsets.forEach((tp, offset) -> sent.add(producer.send(new ProducerRecord<>(topic, key(tp),
                    ByteBuffer.allocate(Long.BYTES).putLong(offset).array()))));
            for (Future<RecordMetadata> f : sent) {
                f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryLaterException("interrupted while recording what may be sent");
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw new RetryLaterException("could not record what may be sent on " + topic + ": " + e);
        }
    }

    /**
     * The last offset of each of {@code partitions} that an earlier process of this group recorded it might send;
     * partitions it never recorded are absent. Every client-order-id pair on the topic goes to {@link ClientOrderIds}.
     */
    Map<TopicPartition, Long> read(Collection<TopicPartition> partitions) {
        Map<String, TopicPartition> wanted = new HashMap<>();
        partitions.forEach(tp -> wanted.put(new String(key(tp), StandardCharsets.UTF_8), tp));
        TopicPartition only = new TopicPartition(topic, 0);
        reader.assign(Set.of(only));
        reader.seekToBeginning(Set.of(only));
        long end = reader.endOffsets(Set.of(only), timeout).get(only);
        Map<TopicPartition, Long> found = new HashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (reader.position(only, timeout) < end) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + topic + " to its end within " + timeout);
            }
            for (ConsumerRecord<byte[], byte[]> r : reader.poll(Duration.ofMillis(100))) {
                String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
                if (key != null && key.startsWith(CLIENT_ID_KEY) && r.value() != null) {
                    String named = key.substring(CLIENT_ID_KEY.length());
                    int bar = named.indexOf('|');
                    ids.remember(new ClientOrderIds.Pair(named.substring(0, bar), named.substring(bar + 1),
                            new String(r.value(), StandardCharsets.UTF_8)));
                    continue;
                }
                TopicPartition tp = key == null ? null : wanted.get(key);
                if (tp != null && r.value() != null && r.value().length == Long.BYTES) {
                    found.put(tp, ByteBuffer.wrap(r.value()).getLong());
                }
            }
        }
        return found;
    }

    private byte[] key(TopicPartition tp) {
        return (group + "|" + tp.topic() + "|" + tp.partition()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        reader.close(Duration.ofSeconds(5));
    }
}
