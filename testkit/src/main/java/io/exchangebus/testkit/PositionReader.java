package io.exchangebus.testkit;

import io.exchangebus.avro.topics.Topics;
import io.exchangebus.events.PositionUpdate;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Positions as pms-service publishes them on {@code account.positions.v1}: the latest update of an instrument is
 * the account's position in it. Thread-safe.
 */
public final class PositionReader {
    private final AccountTopicReader<PositionUpdate> reader;

    PositionReader(String bootstrap, String registry) {
        this.reader = new AccountTopicReader<>(bootstrap, registry, Topics.ACCOUNT_POSITIONS.name(),
                PositionUpdate.class);
    }

    /**
     * The latest position update of {@code instrumentId} in {@code account} on {@code exchange} written by now;
     * empty when pms-service has published none.
     */
    public Optional<PositionUpdate> latest(String exchange, String account, String instrumentId) {
        return reader.latest(exchange, account, of(instrumentId));
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
        return reader.await(exchange, account, of(instrumentId), condition, timeout, "the position in " + instrumentId);
    }

    private static Predicate<PositionUpdate> of(String instrumentId) {
        return p -> instrumentId.equals(p.getInstrumentId());
    }
}
