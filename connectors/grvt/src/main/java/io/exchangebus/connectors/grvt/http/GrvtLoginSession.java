package io.exchangebus.connectors.grvt.http;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.http.HttpCall;
import io.exchangebus.connectors.core.http.HttpTransport;
import io.exchangebus.connectors.core.session.AuthSession;
import io.exchangebus.connectors.core.session.Grant;
import io.exchangebus.connectors.core.session.Scheduler;
import io.exchangebus.connectors.grvt.GrvtVenue;
import io.exchangebus.connectors.grvt.auth.GrvtApiKeyLogin;
import io.exchangebus.connectors.grvt.auth.GrvtSession;
import io.exchangebus.events.ErrorKind;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One account's GRVT session (grvt.md §3): the API-key login on the edge host ({@code POST /auth/api_key/login}),
 * whose answer sets the {@code gravity} cookie with its {@code expires} and names the account in
 * {@code X-Grvt-Account-Id}. Kept by core's {@link AuthSession}: renewed by logging in again at 80 % of the cookie's
 * own lifetime (so well before the SDK's 5 s margin), single flight, and once more when a call is refused with an
 * auth error (1000, 2004, HTTP 401).
 *
 * <p>The REST client sends the cookie and account header on every private call ({@link #call}); the trades
 * WebSocket on its handshake ({@link #handshakeHeaders}), asked anew on each connection attempt, so a reconnect
 * after expiry carries the renewed cookie. The API key and the cookie are never logged, never in an error or in
 * {@link #toString}. Thread-safe.
 */
public final class GrvtLoginSession implements AutoCloseable {

    /** How long a WebSocket handshake waits for a login before it goes without the cookie (and is refused). */
    static final Duration HANDSHAKE_LOGIN_WAIT = Duration.ofSeconds(10);

    private final HttpTransport edge;
    private final GrvtApiKeyLogin login;
    private final AuthSession<GrvtSession> session;

    /**
     * @param edge      the edge host's transport (its base is {@code https://edge.…})
     * @param login     the API key's login request
     * @param scheduler times renewals ahead of the cookie's expiry
     */
    public GrvtLoginSession(HttpTransport edge, GrvtApiKeyLogin login, Scheduler scheduler, Clock clock) {
        this.edge = Objects.requireNonNull(edge, "edge");
        this.login = Objects.requireNonNull(login, "login");
        this.session = AuthSession.<GrvtSession>builder(GrvtVenue.EXCHANGE, this::logIn)
                .scheduler(scheduler).clock(clock).authErrors(GrvtErrors::isSessionRefused).build();
    }

    /** A session valid now (logging in when there is none or it is due for renewal). */
    public CompletableFuture<Result<GrvtSession>> current() {
        return session.credential();
    }

    /** Makes {@code call} with a valid session; refused with an auth error, logs in again and makes it once more. */
    public <T> CompletableFuture<Result<T>> call(Function<? super GrvtSession, CompletableFuture<Result<T>>> call) {
        return session.call(call);
    }

    /** Forgets the session: the next use logs in. */
    public void invalidate() {
        session.invalidate();
    }

    /**
     * {@code Cookie: gravity=…} and {@code X-Grvt-Account-Id} for a WebSocket handshake. Called on the connection's
     * timer thread per attempt; waits for a login in flight at most {@link #HANDSHAKE_LOGIN_WAIT}. Without a session
     * the handshake goes bare: the trades host then refuses private calls (1000) and the subscriptions report it.
     */
    public Map<String, String> handshakeHeaders() {
        try {
            Result<GrvtSession> s = current().get(HANDSHAKE_LOGIN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return s.isOk() ? Map.of("Cookie", s.value().cookieHeader(), GrvtSession.ACCOUNT_HEADER,
                    s.value().accountId()) : Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        } catch (ExecutionException | TimeoutException e) {
            return Map.of();
        }
    }

    private CompletableFuture<Result<Grant<GrvtSession>>> logIn() {
        HttpCall call = HttpCall.post(GrvtApiKeyLogin.PATH)
                .withBody(new String(login.body(), StandardCharsets.UTF_8), "application/json")
                .withIdempotent(false);
        return edge.send(call).thenApply(r -> {
            if (!r.isOk()) {
                return Result.err(r.error());
            }
            Result<GrvtSession> s = GrvtSession.fromLoginResponse(r.value().headers());
            if (!s.isOk()) {
                return Result.err(s.error());
            }
            return Result.ok(new Grant<>(s.value(), s.value().expires()));
        });
    }

    /** An AUTH error for a private call made without an API key. */
    static ExchangeError noKey(String method) {
        return new ExchangeError(ErrorKind.AUTH, GrvtVenue.EXCHANGE, null,
                "no API key configured for private method " + method, 0, false, null);
    }

    @Override
    public void close() {
        session.close();
    }

    @Override
    public String toString() {
        return "GrvtLoginSession[" + edge.settings().baseUri().getHost() + ", " + login + "]";
    }
}
