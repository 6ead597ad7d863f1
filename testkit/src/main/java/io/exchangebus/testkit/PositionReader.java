package io.exchangebus.testkit;

import io.exchangebus.avro.topics.TopicKey;
import io.exchangebus.avro.topics.Topics;
import io.exchangebus.events.PositionUpdate;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Positions as pms-service publishes them on {@code account.positions.v1}: the latest update of an instrument is
 * the account's position in it. Thread-safe.
 */
public final class PositionReader {
    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    private final String bootstrap;
    private final String registry;

    PositionReader(String bootstrap, String registry) {
        this.bootstrap = bootstrap;
        this.registry = registry;
    }

    /**
     * The latest position update of {@code instrumentId} in {@code account} on {@code exchange} written by now;
     * empty when pms-service has published none.
     */
    public Optional<PositionUpdate> latest(String exchange, String account, String instrumentId) {
        String key = TopicKey.exchangeAccount(exchange, account);
        AtomicReference<PositionUpdate> latest = new AtomicReference<>();
        try (TopicScan positions = new TopicScan(bootstrap, registry, Topics.ACCOUNT_POSITIONS.name(), key)) {
            boolean read = positions.readUpTo(positions.beginning(), positions.end(), r -> {
                if (r.value() instanceof PositionUpdate p && matches(p, key, instrumentId)) {
                    latest.set(p);
                }
            }, CATCH_UP);
            if (!read) {
                throw new IllegalStateException("cannot read " + Topics.ACCOUNT_POSITIONS.name() + " up to its end "
                        + "within " + CATCH_UP.toSeconds() + " s");
            }
        }
        return Optional.ofNullable(latest.get());
    }

    /** The signed quantity of {@link #latest}, zero when there is none. */
    public BigDecimal quantity(String exchange, String account, String instrumentId) {
        return latest(exchange, account, instrumentId).map(PositionUpdate::getQuantity).orElse(BigDecimal.ZERO);
    }

    /**
     * Waits until the latest position update of {@code instrumentId} satisfies {@code condition} (e.g. its quantity
     * is what a fill made it) and returns it.
     *
     * @throws IllegalStateException if it does not within {@code timeout} (is pms-service running?)
     */
    public PositionUpdate await(String exchange, String account, String instrumentId,
                                Predicate<PositionUpdate> condition, Duration timeout) {
        String key = TopicKey.exchangeAccount(exchange, account);
        AtomicReference<PositionUpdate> latest = new AtomicReference<>();
        try (TopicScan positions = new TopicScan(bootstrap, registry, Topics.ACCOUNT_POSITIONS.name(), key)) {
            boolean met = positions.readFrom(positions.beginning(), r -> {
                if (r.value() instanceof PositionUpdate p && matches(p, key, instrumentId)) {
                    latest.set(p);
                }
                return latest.get() != null && condition.test(latest.get());
            }, timeout);
            if (!met) {
                throw new IllegalStateException("the position in " + instrumentId + " of " + key + " on "
                        + Topics.ACCOUNT_POSITIONS.name() + " is not as awaited within " + timeout.toSeconds()
                        + " s; latest: " + latest.get());
            }
        }
        return latest.get();
    }

    private static boolean matches(PositionUpdate p, String key, String instrumentId) {
        return key.equals(TopicKey.exchangeAccount(p.getExchange(), p.getAccount()))
                && instrumentId.equals(p.getInstrumentId());
    }
}
