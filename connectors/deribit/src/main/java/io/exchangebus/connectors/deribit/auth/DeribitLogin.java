package io.exchangebus.connectors.deribit.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.credentials.ApiCredentials;
import io.exchangebus.connectors.core.rpc.JsonRpcRequester;
import io.exchangebus.connectors.core.session.Grant;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One account's {@code public/auth} calls over any {@link JsonRpcRequester} (a WebSocket's, or an HTTP client's):
 * {@link #login} with the configured grant and {@link #refresh} with a token's refresh token, both with the same
 * scope. These are the {@code login} and {@code refresh} of core's {@code AuthSession}. Thread-safe.
 *
 * <p>The API key's {@code client_id} is the credentials' {@code apiKey}; the client secret is their {@code secret}.
 */
public final class DeribitLogin {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] NONCE_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final ApiCredentials credentials;
    private final DeribitGrantType grantType;
    private final Optional<String> scope;
    private final Clock clock;
    private final Supplier<String> nonces;

    /**
     * @param scope  e.g. {@link DeribitAuth#sessionScope}; empty: Deribit's default {@code connection} scope
     * @param nonces single-use nonces of the signature grant; {@link #randomNonce} in production
     */
    public DeribitLogin(ApiCredentials credentials, DeribitGrantType grantType, Optional<String> scope, Clock clock,
                        Supplier<String> nonces) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.grantType = Objects.requireNonNull(grantType, "grantType");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nonces = Objects.requireNonNull(nonces, "nonces");
    }

    /** With random nonces. */
    public DeribitLogin(ApiCredentials credentials, DeribitGrantType grantType, Optional<String> scope, Clock clock) {
        this(credentials, grantType, scope, clock, DeribitLogin::randomNonce);
    }

    /** 16 random lower-case letters and digits. */
    public static String randomNonce() {
        char[] out = new char[16];
        for (int i = 0; i < out.length; i++) {
            out[i] = NONCE_CHARS[RANDOM.nextInt(NONCE_CHARS.length)];
        }
        return new String(out);
    }

    /** Logs in with the API key. */
    public CompletableFuture<Result<Grant<DeribitToken>>> login(JsonRpcRequester rpc) {
        return call(rpc, loginParams());
    }

    /** Renews with {@code token}'s refresh token; logs in when it has none. */
    public CompletableFuture<Result<Grant<DeribitToken>>> refresh(JsonRpcRequester rpc, DeribitToken token) {
        return token.refresh().map(r -> call(rpc, DeribitAuth.refreshToken(r, scope))).orElseGet(() -> login(rpc));
    }

    /** The params of a login now (a fresh timestamp and nonce for the signature grant). Hold the secret when sent. */
    public JsonNode loginParams() {
        return switch (grantType) {
            case CLIENT_SIGNATURE -> DeribitAuth.clientSignature(credentials.apiKey(), credentials.secret(),
                    clock.millis(), nonces.get(), "", scope);
            case CLIENT_CREDENTIALS -> DeribitAuth.clientCredentials(credentials.apiKey(), credentials.secret(),
                    scope);
        };
    }

    public DeribitGrantType grantType() {
        return grantType;
    }

    public Optional<String> scope() {
        return scope;
    }

    private CompletableFuture<Result<Grant<DeribitToken>>> call(JsonRpcRequester rpc, JsonNode params) {
        return rpc.request(DeribitAuth.METHOD, params).thenApply(r -> r.flatMap(res -> DeribitAuth.parse(res, clock)));
    }

    @Override
    public String toString() {
        return "DeribitLogin[account=" + credentials.account() + ", key=" + credentials.maskedKey() + ", grant="
                + grantType.wireName() + ", scope=" + scope.orElse("connection") + "]";
    }
}
