package io.exchangebus.connectors.deribit.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * The tokens of one {@code public/auth} answer (deribit.md §3). The access token goes in the params of private calls
 * (or is bound to the session when the scope is {@code session:NAME}); the refresh token renews it with the
 * {@code refresh_token} grant. How long it lives is not here but in the {@code Grant} that carries it, from
 * {@code expires_in}.
 *
 * <p>{@link #toString} shows neither token.
 *
 * @param accessToken  the bearer token; never blank
 * @param refreshToken the token of the {@code refresh_token} grant; null when the answer had none
 * @param scope        the granted scope as Deribit wrote it (e.g. {@code "session:exbus-md trade:read"}); "" if absent
 * @param tokenType    {@code bearer}; "" if absent
 */
public record DeribitToken(String accessToken, String refreshToken, String scope, String tokenType) {
    public DeribitToken {
        if (accessToken == null || accessToken.isBlank()) {
            throw new IllegalArgumentException("access token is blank");
        }
        if (refreshToken != null && refreshToken.isBlank()) {
            throw new IllegalArgumentException("refresh token is blank");
        }
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(tokenType, "tokenType");
    }

    /** The refresh token, when the answer gave one. */
    public Optional<String> refresh() {
        return Optional.ofNullable(refreshToken);
    }

    /** The session name of a {@code session:NAME} scope, when the granted scope holds one. */
    public Optional<String> sessionName() {
        for (String part : scope.split(" ")) {
            if (part.startsWith(DeribitAuth.SESSION_SCOPE_PREFIX)) {
                return Optional.of(part.substring(DeribitAuth.SESSION_SCOPE_PREFIX.length()));
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "DeribitToken[accessToken=<redacted>, refreshToken=" + (refreshToken == null ? "none" : "<redacted>")
                + ", scope=" + scope + ", tokenType=" + tokenType + "]";
    }
}
