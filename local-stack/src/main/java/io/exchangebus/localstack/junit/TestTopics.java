package io.exchangebus.localstack.junit;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.internals.Topic;

import io.exchangebus.localstack.LocalStack;

/**
 * Topic names of one test, so that tests sharing a broker never see each other's records, and a way to create
 * them. Resolved by {@link LocalStackExtension} as a test method parameter.
 */
public final class TestTopics {

    /** Per JVM, as the broker is: a name is never handed out twice by one stack. */
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final int MAX_LABEL = 100;

    private final LocalStack stack;
    private final String label;

    TestTopics(LocalStack stack, String label) {
        this.stack = stack;
        this.label = sanitize(label);
    }

    /**
     * A new topic name for this test, derived from {@code base} (a name of the topic catalogue, such as
     * {@code market.book.v1}): {@code <base>.<test method>.<n>}, e.g. {@code market.book.v1.shouldPublishBook.7}.
     * Each call returns a different name. The topic is not created.
     *
     * @throws IllegalArgumentException if {@code base} is not a legal Kafka topic name
     */
    public String name(String base) {
        String name = base + "." + label + "." + COUNTER.incrementAndGet();
        try {
            Topic.validate(name);
        } catch (InvalidTopicException e) {
            throw new IllegalArgumentException("not a usable topic base name: '" + base + "': " + e.getMessage(), e);
        }
        return name;
    }

    /** Creates topic {@code name} with replication factor 1 and waits for it; returns {@code name}. */
    public String create(String name, int partitions) {
        return create(name, partitions, Map.of());
    }

    /**
     * Creates topic {@code name} with replication factor 1 and the given topic configs
     * (e.g. {@code cleanup.policy=compact}), waits for it, and returns {@code name}.
     */
    public String create(String name, int partitions, Map<String, String> configs) {
        stack.createTopic(name, partitions, configs);
        return name;
    }

    /**
     * Legal topic characters only, and no underscore: Kafka treats '.' and '_' as the same in metric names and
     * warns about topics that could collide.
     */
    static String sanitize(String label) {
        String clean = label.replaceAll("[^A-Za-z0-9-]", "-");
        return clean.length() <= MAX_LABEL ? clean : clean.substring(0, MAX_LABEL);
    }
}
