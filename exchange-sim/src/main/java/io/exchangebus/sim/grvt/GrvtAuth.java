package io.exchangebus.sim.grvt;

import io.exchangebus.sim.auth.Checked;
import io.exchangebus.sim.auth.CookieSession;
import io.exchangebus.sim.auth.CookieSessions;
import io.exchangebus.sim.fault.FaultInjector;
import java.util.Optional;

/**
 * GRVT's API-key login and session checks (grvt.md §3): {@code POST /auth/api_key/login {"api_key"}} issues a
 * {@code gravity} cookie with an expiry and names the account in {@code X-Grvt-Account-Id}; private REST calls and
 * the trades WebSocket handshake send both. A missing, unknown or expired cookie, or an account header that is not
 * the cookie's, is refused with 1000 (HTTP 401).
 */
final class GrvtAuth {

    static final String COOKIE = "gravity";
    static final String ACCOUNT_HEADER = "X-Grvt-Account-Id";

    private final CookieSessions cookies;
    private final GrvtAccounts accounts;
    private final FaultInjector faults;

    GrvtAuth(CookieSessions cookies, GrvtAccounts accounts, FaultInjector faults) {
        this.cookies = cookies;
        this.accounts = accounts;
        this.faults = faults;
    }

    /** A new session for the key's account; empty when the key is unknown or a login rejection is pending. */
    Optional<CookieSession> login(String apiKey) {
        if (faults.takeLoginRejection() || apiKey == null) {
            return Optional.empty();
        }
        return accounts.accountOfApiKey(apiKey).map(cookies::issue);
    }

    /** The session a request's {@code Cookie} and account headers stand for, if valid now. */
    Optional<CookieSession> check(String cookieHeader, String accountHeader) {
        if (cookies.check(cookieHeader) instanceof Checked.Valid<CookieSession> valid
                && valid.session().account().equals(accountHeader)) {
            return Optional.of(valid.session());
        }
        return Optional.empty();
    }
}
