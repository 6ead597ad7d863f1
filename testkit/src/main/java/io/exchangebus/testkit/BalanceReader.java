package io.exchangebus.testkit;

import io.exchangebus.avro.topics.Topics;
import io.exchangebus.events.BalanceUpdate;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Balances as pms-service publishes them on {@code account.balances.v1}: the latest update of an asset is the
 * account's balance of it (free, locked, total). What a spot fill changes. Thread-safe.
 */
public final class BalanceReader {
    private final AccountTopicReader<BalanceUpdate> reader;

    BalanceReader(String bootstrap, String registry) {
        this.reader = new AccountTopicReader<>(bootstrap, registry, Topics.ACCOUNT_BALANCES.name(),
                BalanceUpdate.class);
    }

    /** The latest balance update of {@code asset} in {@code account} on {@code exchange} written by now. */
    public Optional<BalanceUpdate> latest(String exchange, String account, String asset) {
        return reader.latest(exchange, account, of(asset));
    }

    /** The total of {@link #latest}, zero when there is none. */
    public BigDecimal total(String exchange, String account, String asset) {
        return latest(exchange, account, asset).map(BalanceUpdate::getTotal).orElse(BigDecimal.ZERO);
    }

    /**
     * Waits until the latest balance update of {@code asset} satisfies {@code condition} and returns it.
     *
     * @throws IllegalStateException if it does not within {@code timeout} (is pms-service running?)
     */
    public BalanceUpdate await(String exchange, String account, String asset, Predicate<BalanceUpdate> condition,
                               Duration timeout) {
        return reader.await(exchange, account, of(asset), condition, timeout, "the balance of " + asset);
    }

    private static Predicate<BalanceUpdate> of(String asset) {
        return b -> asset.equals(b.getAsset());
    }
}
