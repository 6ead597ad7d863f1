package io.exchangebus.sim.deribit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.account.Accounts;
import io.exchangebus.sim.account.ApiKey;
import io.exchangebus.sim.auth.AccessTokens;
import io.exchangebus.sim.auth.Checked;
import io.exchangebus.sim.auth.Refusal;
import io.exchangebus.sim.auth.TokenGrant;
import io.exchangebus.sim.fault.FaultInjector;
import io.exchangebus.sim.server.JsonRpcReply;
import io.exchangebus.sim.server.JsonRpcSession;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code public/auth} as Deribit does it (venue page §3): grants {@code client_credentials},
 * {@code client_signature} (HMAC-SHA256 hex over {@code timestamp\nnonce\ndata}, timestamp within 60 s of the
 * server's clock, each nonce once per client) and {@code refresh_token}. Scope {@code connection} (default) binds the
 * tokens to the WebSocket connection that asked, revoked when it closes; {@code session:NAME} tokens work on any
 * connection until they expire. Over HTTP the grant is bound to nothing.
 */
final class DeribitAuth {

    static final String GRANT = "deribit.grant";
    private static final Duration TIMESTAMP_WINDOW = Duration.ofSeconds(60);
    private static final String PERMISSIONS = " account:read_write trade:read_write wallet:read_write";

    private final AccessTokens tokens;
    private final Accounts accounts;
    private final Clock clock;
    private final FaultInjector faults;
    /** client id + nonce → when it may be forgotten (its timestamp has left the window). */
    private final Map<String, Long> nonces = new ConcurrentHashMap<>();

    DeribitAuth(AccessTokens tokens, Accounts accounts, Clock clock, FaultInjector faults) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.clock = clock;
        this.faults = faults;
    }

    JsonRpcReply auth(DeribitCall call) {
        if (faults.takeLoginRejection()) {
            return DeribitError.INVALID_CREDENTIALS.reply();
        }
        String grantType = call.required("grant_type");
        Checked<TokenGrant> grant = switch (grantType) {
            case "client_credentials" -> credentials(call);
            case "client_signature" -> signature(call);
            case "refresh_token" -> tokens.refresh(call.required("refresh_token"));
            default -> throw new DeribitCall.BadParam("grant_type", "unknown grant type");
        };
        if (grant instanceof Checked.Refused<TokenGrant> refused) {
            return grantType.equals("refresh_token") ? DeribitError.UNAUTHORIZED.reply(reason(refused.reason()))
                    : DeribitError.INVALID_CREDENTIALS.reply();
        }
        TokenGrant g = ((Checked.Valid<TokenGrant>) grant).session();
        if (call.session() != null) {
            call.session().authenticate(g.account(), g.expiresAt());
            call.session().attribute(GRANT, g);
        }
        return JsonRpcReply.ok(result(g));
    }

    private Checked<TokenGrant> credentials(DeribitCall call) {
        String clientId = call.required("client_id");
        Optional<ApiKey> key = key(clientId);
        if (key.isEmpty() || !MessageDigest.isEqual(key.get().secret().getBytes(StandardCharsets.UTF_8),
                call.required("client_secret").getBytes(StandardCharsets.UTF_8))) {
            return new Checked.Refused<>(Refusal.UNKNOWN);
        }
        return new Checked.Valid<>(issue(clientId, call));
    }

    private Checked<TokenGrant> signature(DeribitCall call) {
        String clientId = call.required("client_id");
        long timestamp = call.decimal("timestamp") == null ? 0 : call.decimal("timestamp").longValue();
        String nonce = call.required("nonce");
        String data = call.text("data") == null ? "" : call.text("data");
        String signature = call.required("signature");
        Optional<ApiKey> key = key(clientId);
        long now = clock.millis();
        if (key.isEmpty() || Math.abs(now - timestamp) > TIMESTAMP_WINDOW.toMillis()) {
            return new Checked.Refused<>(Refusal.EXPIRED);
        }
        String expected = sign(key.get().secret(), timestamp + "\n" + nonce + "\n" + data);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.toLowerCase().getBytes(StandardCharsets.US_ASCII))) {
            return new Checked.Refused<>(Refusal.UNKNOWN);
        }
        nonces.values().removeIf(until -> until < now);
        if (nonces.putIfAbsent(clientId + "\n" + nonce, timestamp + 2 * TIMESTAMP_WINDOW.toMillis()) != null) {
            return new Checked.Refused<>(Refusal.REVOKED);
        }
        return new Checked.Valid<>(issue(clientId, call));
    }

    private TokenGrant issue(String clientId, DeribitCall call) {
        String account = accounts.byApiKey(clientId).orElseThrow().id();
        String sessionName = sessionName(call.text("scope"));
        if (sessionName != null) {
            return tokens.issue(account, "session:" + sessionName, "session:" + account + ":" + sessionName);
        }
        String key = call.session() == null ? "http" : connectionKey(call.session());
        return tokens.issue(account, "connection", key);
    }

    /** The NAME of a {@code session:NAME} among the requested scopes, or null. */
    private static String sessionName(String scope) {
        if (scope == null) {
            return null;
        }
        for (String part : scope.trim().split("\\s+")) {
            if (part.startsWith("session:") && part.length() > "session:".length()) {
                return part.substring("session:".length());
            }
        }
        return null;
    }

    static String connectionKey(JsonRpcSession session) {
        return "connection:" + session.connectionId();
    }

    private static ObjectNode result(TokenGrant g) {
        ObjectNode o = Json.object().put("access_token", g.accessToken()).put("expires_in", g.expiresInSeconds())
                .put("refresh_token", g.refreshToken()).put("scope", g.scope() + PERMISSIONS)
                .put("token_type", "bearer");
        o.putArray("enabled_features");
        return o;
    }

    /**
     * The account an access token stands for on this connection (null over HTTP): a connection-scoped token only on
     * the connection it was issued to ("connection scope can't be reused").
     */
    Checked<TokenGrant> check(String accessToken, JsonRpcSession session) {
        Checked<TokenGrant> checked = tokens.check(accessToken);
        if (checked instanceof Checked.Valid<TokenGrant> valid && session != null
                && valid.session().scopeKey().startsWith("connection:")
                && !valid.session().scopeKey().equals(connectionKey(session))) {
            return new Checked.Refused<>(Refusal.REVOKED);
        }
        return checked;
    }

    /** The connection closed: its connection-scoped tokens die with it. */
    void connectionClosed(JsonRpcSession session) {
        tokens.revokeScope(connectionKey(session));
    }

    private Optional<ApiKey> key(String clientId) {
        return accounts.byApiKey(clientId)
                .flatMap(a -> a.apiKeys().stream().filter(k -> k.keyId().equals(clientId)).findFirst());
    }

    static String reason(Refusal refusal) {
        return switch (refusal) {
            case UNKNOWN -> "invalid_token";
            case EXPIRED -> "token_expired";
            case REVOKED -> "token_revoked";
        };
    }

    /** Lower-case hex HMAC-SHA256 of {@code text} under {@code secret}. */
    static String sign(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
