package io.exchangebus.sim.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One issue of bearer tokens: what {@code public/auth} answers ({@code access_token}, {@code refresh_token},
 * {@code expires_in}, {@code scope}).
 *
 * @param scope the scope the client asked for, as the exchange names it (Deribit: {@code connection},
 *              {@code session:NAME}); {@link AccessTokens#revokeScope} withdraws every grant of one scope key
 * @param scopeKey what binds the grant, e.g. {@code connection:3} for a connection-scoped grant, so that closing
 *                 the connection can revoke it; may equal {@code scope}
 */
public record TokenGrant(String account, String scope, String scopeKey, String accessToken, String refreshToken,
                         Instant issuedAt, Instant expiresAt, Instant refreshExpiresAt) {

    public TokenGrant {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(scopeKey, "scopeKey");
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(refreshToken, "refreshToken");
    }

    /** The access token's lifetime in whole seconds, as {@code expires_in}. */
    public long expiresInSeconds() {
        return Duration.between(issuedAt, expiresAt).toSeconds();
    }
}
