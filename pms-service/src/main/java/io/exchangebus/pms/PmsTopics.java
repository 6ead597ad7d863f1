package io.exchangebus.pms;

import io.exchangebus.avro.topics.Topics;

/**
 * Where the service publishes: the catalogue's topics in production ({@link #CATALOGUE}); tests may pass their own.
 *
 * @param positions {@code PositionUpdate}s, keyed {@code exchange:account}
 * @param balances {@code BalanceUpdate}s, keyed {@code exchange:account}
 * @param accounts {@code AccountUpdate}s, keyed {@code exchange:account}
 */
public record PmsTopics(String positions, String balances, String accounts) {
    /** {@code account.positions.v1}, {@code account.balances.v1}, {@code account.updates.v1}. */
    public static final PmsTopics CATALOGUE = new PmsTopics(Topics.ACCOUNT_POSITIONS.name(),
            Topics.ACCOUNT_BALANCES.name(), Topics.ACCOUNT_UPDATES.name());
}
