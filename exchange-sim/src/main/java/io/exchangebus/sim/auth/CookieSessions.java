package io.exchangebus.sim.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * Cookie login sessions with a fixed lifetime on the clock given (GRVT's {@code gravity} cookie after
 * {@code auth/api_key/login}). The client re-logs in before expiry; there is no refresh. A cookie is read from a
 * request's {@code Cookie} header (HTTP request or WebSocket handshake) with {@link #check(String)}.
 *
 * <p>Threading: all methods synchronize on this object.
 */
public final class CookieSessions {

    private static final int VALUE_LENGTH = 64;

    private final String cookieName;
    private final Clock clock;
    private final Duration lifetime;
    private final Random random;
    private final CredentialTable<CookieSession> sessions = new CredentialTable<>();

    /** Values from {@code random}: pass a seeded Random for reproducible cookies in tests. */
    public CookieSessions(String cookieName, Clock clock, Duration lifetime, Random random) {
        this.cookieName = Objects.requireNonNull(cookieName, "cookieName");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetime must be positive: " + lifetime);
        }
        this.lifetime = lifetime;
        this.random = Objects.requireNonNull(random, "random");
    }

    public CookieSessions(String cookieName, Clock clock, Duration lifetime) {
        this(cookieName, clock, lifetime, new SecureRandom());
    }

    /** A new session for {@code account} (after the exchange simulator checked its login). */
    public synchronized CookieSession issue(String account) {
        CookieSession session = new CookieSession(cookieName, sessions.newValue(random, VALUE_LENGTH), account,
                clock.instant().plus(lifetime));
        sessions.put(session.value(), session, session.expiresAt());
        return session;
    }

    /** The session whose cookie a {@code Cookie} header (null: none) carries, or why there is none valid. */
    public synchronized Checked<CookieSession> check(String cookieHeader) {
        return sessions.check(valueIn(cookieHeader).orElse(null), clock.instant());
    }

    /** Ends a session (a logout): its cookie is then refused as {@link Refusal#REVOKED}. */
    public synchronized void revoke(String value) {
        sessions.revoke(value);
    }

    /** This cookie's value in a {@code Cookie} header ({@code a=1; gravity=xyz}), if present. */
    public Optional<String> valueIn(String cookieHeader) {
        if (cookieHeader == null) {
            return Optional.empty();
        }
        for (String pair : cookieHeader.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().equals(cookieName)) {
                return Optional.of(pair.substring(eq + 1).trim());
            }
        }
        return Optional.empty();
    }

    public String cookieName() {
        return cookieName;
    }
}
