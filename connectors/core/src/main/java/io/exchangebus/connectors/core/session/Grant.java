package io.exchangebus.connectors.core.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A credential as a venue granted it, with when it stops working: a Deribit access token and refresh token
 * ({@code expires_in} seconds from the answer), a GRVT {@code gravity} cookie and account id (the cookie's
 * {@code expires}). The connector builds it from the venue's answer; {@link AuthSession} renews it ahead of
 * {@code expiresAt}.
 *
 * <p>{@link #toString} never shows the credential, which holds secrets.
 *
 * @param credential the connector's own credential type; never null
 * @param expiresAt  when the venue stops accepting it; never null
 * @param <C> the credential's type
 */
public record Grant<C>(C credential, Instant expiresAt) {
    public Grant {
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** A credential that expires {@code expiresIn} after now, as Deribit's {@code expires_in} says. */
    public static <C> Grant<C> expiringIn(C credential, Duration expiresIn, Clock clock) {
        return new Grant<>(credential, clock.instant().plus(expiresIn));
    }

    @Override
    public String toString() {
        return "Grant[credential=<redacted>, expiresAt=" + expiresAt + "]";
    }
}
