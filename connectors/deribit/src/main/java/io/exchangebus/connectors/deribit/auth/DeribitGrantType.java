package io.exchangebus.connectors.deribit.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * How a connection logs in with the API key ({@code public/auth grant_type}): {@code client_signature} (default: the
 * secret never leaves the process, only a single-use HMAC) or {@code client_credentials} (the secret is sent, over
 * TLS). The third grant, {@code refresh_token}, only renews and is not a choice here.
 */
public enum DeribitGrantType {
    CLIENT_SIGNATURE("client_signature"),
    CLIENT_CREDENTIALS("client_credentials");

    private final String wireName;

    DeribitGrantType(String wireName) {
        this.wireName = wireName;
    }

    /** The {@code grant_type} value. */
    public String wireName() {
        return wireName;
    }

    /** By wire name ({@code client_signature}) or enum name, ignoring case. */
    public static Optional<DeribitGrantType> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (DeribitGrantType g : values()) {
            if (g.wireName.equals(t) || g.name().toLowerCase(Locale.ROOT).equals(t)) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }
}
