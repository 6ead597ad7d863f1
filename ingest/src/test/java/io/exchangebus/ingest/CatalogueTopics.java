package io.exchangebus.ingest;

import io.exchangebus.avro.topics.Topic;
import io.exchangebus.avro.topics.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates ingest's topics with the catalogue's partition counts, as deployment does; existing ones are kept. */
final class CatalogueTopics {
    private CatalogueTopics() {
    }

    static void ensure(String bootstrapServers) throws Exception {
        List<Topic> topics = List.of(Topics.MARKET_BOOK, Topics.MARKET_TRADES, Topics.MARKET_TICKERS, Topics.MARKET_RAW,
                Topics.deadLetter(IngestMain.SERVICE));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (Topic topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic.name(), topic.partitions(), (short) 1))).all()
                            .get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!haveLeaders(admin, topics)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("ingest's topics have no leaders after 30 s");
                }
                Thread.sleep(50);
            }
        }
    }

    private static boolean haveLeaders(Admin admin, List<Topic> topics) throws Exception {
        try {
            return admin.describeTopics(topics.stream().map(Topic::name).toList()).allTopicNames()
                    .get(30, TimeUnit.SECONDS).values().stream()
                    .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null));
        } catch (ExecutionException e) {
            return false; // not yet known to the broker's metadata
        }
    }
}
