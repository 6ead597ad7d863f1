package io.exchangebus.connectors.deribit.mapping;

import io.exchangebus.events.EventSource;
import java.util.Objects;

/**
 * Whose private messages are mapped, and from where: the configured account name (never a key), Deribit's own
 * sub-account id when one key reaches several (null otherwise), and whether the message came from the stream or from
 * start-up recovery. Deribit instrument names are mapped by their form ({@link DeribitSymbols}), so no instrument
 * registry is needed.
 *
 * @param account our account name, as configured
 * @param subAccount Deribit's sub-account id, or null
 * @param source STREAM or RECOVERY
 */
public record PrivateContext(String account, String subAccount, EventSource source) {
    public PrivateContext {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(source, "source");
    }

    /** The same account, for messages of another source. */
    public PrivateContext withSource(EventSource other) {
        return new PrivateContext(account, subAccount, other);
    }
}
