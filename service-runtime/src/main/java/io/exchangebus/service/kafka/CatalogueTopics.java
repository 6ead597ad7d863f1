package io.exchangebus.service.kafka;

import io.exchangebus.avro.topics.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Creates catalogue topics that do not exist yet, with the catalogue's cleanup policy: for {@code exbus} (module cli)
 * and the test kit (module testkit).
 */
public final class CatalogueTopics {
    private CatalogueTopics() {
    }

    /**
     * Creates the missing ones among {@code topics} with {@code partitions} partitions and replication factor
     * {@code replication} (1 on a local stack); existing topics are left as they are.
     */
    public static void ensure(String bootstrap, List<Topic> topics, int partitions, short replication) {
        create(bootstrap, topics, t -> new NewTopic(t.name(), partitions, replication), null);
    }

    /**
     * Creates the missing ones among {@code topics} with the catalogue's partition count and the broker's default
     * replication factor, failing after {@code timeout} rather than waiting for a broker that is not there;
     * existing topics are left as they are.
     */
    public static void ensure(String bootstrap, List<Topic> topics, Duration timeout) {
        create(bootstrap, topics, t -> new NewTopic(t.name(), Optional.of(t.partitions()), Optional.empty()), timeout);
    }

    private static void create(String bootstrap, List<Topic> topics, Function<Topic, NewTopic> newTopic,
                               Duration timeout) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        if (timeout != null) {
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
            props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        }
        long waitMs = timeout == null ? Long.MAX_VALUE : timeout.toMillis();
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(waitMs, TimeUnit.MILLISECONDS);
            List<NewTopic> missing = topics.stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(t -> newTopic.apply(t)
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, t.cleanupPolicy().kafkaValue())))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(waitMs, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka at " + bootstrap + " within " + waitMs + " ms", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw new IllegalStateException("cannot reach Kafka at " + bootstrap + ": " + e.getCause().getMessage(),
                        e.getCause());
            }
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw new IllegalStateException("cannot create topics at " + bootstrap + ": " + e.getCause().getMessage(),
                        e.getCause());
            }
        }
    }
}
