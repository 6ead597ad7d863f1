package io.exchangebus.connectors.grvt.mapping;

import io.exchangebus.events.EventSource;
import java.util.Objects;

/**
 * Whose private messages are mapped and from where: our configured account name (never a key) and whether the
 * message came from the stream or from recovery. GRVT's own sub-account id is read from each message.
 */
public record PrivateContext(String account, EventSource source) {
    public PrivateContext {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(source, "source");
    }
}
