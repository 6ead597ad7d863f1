package io.exchangebus.testkit;

import io.exchangebus.avro.topics.TopicKey;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * The latest event of one thing (an instrument's position, an asset's balance) of an account on a topic keyed
 * {@code exchange:account}, as pms-service writes them: the latest event of the thing is its state. Thread-safe.
 *
 * @param <V> the event class
 */
final class AccountTopicReader<V> {
    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    private final String bootstrap;
    private final String registry;
    private final String topic;
    private final Class<V> type;

    AccountTopicReader(String bootstrap, String registry, String topic, Class<V> type) {
        this.bootstrap = bootstrap;
        this.registry = registry;
        this.topic = topic;
        this.type = type;
    }

    /** The latest event of {@code account} on {@code exchange} that is {@code which}, written by now. */
    Optional<V> latest(String exchange, String account, Predicate<V> which) {
        String key = TopicKey.exchangeAccount(exchange, account);
        AtomicReference<V> latest = new AtomicReference<>();
        try (TopicScan scan = new TopicScan(bootstrap, registry, topic, key)) {
            boolean read = scan.readUpTo(scan.beginning(), scan.end(), r -> {
                if (key.equals(r.key()) && type.isInstance(r.value()) && which.test(type.cast(r.value()))) {
                    latest.set(type.cast(r.value()));
                }
            }, CATCH_UP);
            if (!read) {
                throw new IllegalStateException("cannot read " + topic + " up to its end within "
                        + CATCH_UP.toSeconds() + " s");
            }
        }
        return Optional.ofNullable(latest.get());
    }

    /**
     * Waits until the latest event that is {@code which} satisfies {@code condition}, and returns it.
     *
     * @param what names the thing in the failure's message
     * @throws IllegalStateException if it does not within {@code timeout}
     */
    V await(String exchange, String account, Predicate<V> which, Predicate<V> condition, Duration timeout,
            String what) {
        String key = TopicKey.exchangeAccount(exchange, account);
        AtomicReference<V> latest = new AtomicReference<>();
        try (TopicScan scan = new TopicScan(bootstrap, registry, topic, key)) {
            boolean met = scan.readFrom(scan.beginning(), r -> {
                if (key.equals(r.key()) && type.isInstance(r.value()) && which.test(type.cast(r.value()))) {
                    latest.set(type.cast(r.value()));
                }
                return latest.get() != null && condition.test(latest.get());
            }, timeout);
            if (!met) {
                throw new IllegalStateException(what + " of " + key + " on " + topic + " is not as awaited within "
                        + timeout.toSeconds() + " s; latest: " + latest.get());
            }
        }
        return latest.get();
    }
}
