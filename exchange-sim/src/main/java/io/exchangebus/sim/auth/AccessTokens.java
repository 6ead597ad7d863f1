package io.exchangebus.sim.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Random;

/**
 * Bearer access tokens with refresh tokens, as an OAuth-like exchange login issues them (Deribit's
 * {@code public/auth} with the {@code client_credentials}, {@code client_signature} and {@code refresh_token}
 * grants). An access token is valid for {@code accessLifetime} from its issue on the clock given, a refresh token
 * for {@code refreshLifetime}. A refresh token can be used once: {@link #refresh} issues a new pair and revokes the
 * old refresh token; the old access token stays valid until its own expiry, so requests in flight do not fail.
 *
 * <p>Threading: all methods synchronize on this object.
 */
public final class AccessTokens {

    private static final int TOKEN_LENGTH = 64;

    private final Clock clock;
    private final Duration accessLifetime;
    private final Duration refreshLifetime;
    private final Random random;
    private final CredentialTable<TokenGrant> access = new CredentialTable<>();
    private final CredentialTable<TokenGrant> refresh = new CredentialTable<>();

    /** Tokens from {@code random}: pass a seeded Random for reproducible tokens in tests. */
    public AccessTokens(Clock clock, Duration accessLifetime, Duration refreshLifetime, Random random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.accessLifetime = requirePositive(accessLifetime, "accessLifetime");
        this.refreshLifetime = requirePositive(refreshLifetime, "refreshLifetime");
        this.random = Objects.requireNonNull(random, "random");
    }

    public AccessTokens(Clock clock, Duration accessLifetime, Duration refreshLifetime) {
        this(clock, accessLifetime, refreshLifetime, new SecureRandom());
    }

    /** Issues a new pair to {@code account} (after the exchange simulator checked its credentials). */
    public synchronized TokenGrant issue(String account, String scope, String scopeKey) {
        Instant now = clock.instant();
        TokenGrant grant = new TokenGrant(account, scope, scopeKey, access.newValue(random, TOKEN_LENGTH),
                refresh.newValue(random, TOKEN_LENGTH), now, now.plus(accessLifetime), now.plus(refreshLifetime));
        access.put(grant.accessToken(), grant, grant.expiresAt());
        refresh.put(grant.refreshToken(), grant, grant.refreshExpiresAt());
        return grant;
    }

    /** The grant {@code accessToken} belongs to, or why it is refused. */
    public synchronized Checked<TokenGrant> check(String accessToken) {
        return access.check(accessToken, clock.instant());
    }

    /**
     * The refresh grant: a new pair for the same account, scope and scope key, or why {@code refreshToken} is
     * refused (a used one is {@link Refusal#REVOKED}).
     */
    public synchronized Checked<TokenGrant> refresh(String refreshToken) {
        Checked<TokenGrant> old = refresh.check(refreshToken, clock.instant());
        if (!(old instanceof Checked.Valid<TokenGrant> valid)) {
            return old;
        }
        refresh.revoke(refreshToken);
        TokenGrant previous = valid.session();
        return new Checked.Valid<>(issue(previous.account(), previous.scope(), previous.scopeKey()));
    }

    /** Withdraws one access token and its refresh token (a logout). */
    public synchronized void revoke(String accessToken) {
        if (access.check(accessToken, Instant.MIN) instanceof Checked.Valid<TokenGrant> valid) {
            refresh.revoke(valid.session().refreshToken());
        }
        access.revoke(accessToken);
    }

    /**
     * Withdraws every grant bound to {@code scopeKey}, access and refresh tokens (e.g. a connection-scoped grant
     * when its connection closes); returns how many access tokens were withdrawn.
     */
    public synchronized int revokeScope(String scopeKey) {
        refresh.revokeIf(g -> g.scopeKey().equals(scopeKey));
        return access.revokeIf(g -> g.scopeKey().equals(scopeKey));
    }

    public Duration accessLifetime() {
        return accessLifetime;
    }

    private static Duration requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
        return d;
    }
}
