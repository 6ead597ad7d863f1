package io.exchangebus.connectors.deribit.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.credentials.Secret;
import io.exchangebus.connectors.core.session.Grant;
import io.exchangebus.connectors.deribit.http.DeribitErrors;
import io.exchangebus.events.ErrorKind;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Deribit's {@code public/auth} (deribit.md §3): the params of its three grants and the reading of its answer into a
 * {@link Grant} of a {@link DeribitToken}. Transport-neutral: the params go over the WebSocket
 * ({@code JsonRpcRequester}) or HTTP alike.
 *
 * <ul>
 * <li>{@code client_credentials}: {@code client_id}, {@code client_secret} (the secret is sent, over TLS).</li>
 * <li>{@code client_signature}: {@code client_id}, {@code timestamp}, {@code nonce}, {@code data},
 *     {@code signature} from {@link DeribitSigner}.</li>
 * <li>{@code refresh_token}: {@code refresh_token}.</li>
 * </ul>
 * Each takes an optional {@code scope}, e.g. {@code session:NAME} ({@link #sessionScope}), which binds the tokens to
 * a named session that survives a reconnect; the default scope {@code connection} dies with the socket.
 *
 * <p>The answer's lifetime is its {@code expires_in} (seconds) counted from the clock's now when the answer is read;
 * nothing here assumes a lifetime. The params of the credentials grant hold the secret: never log them. Stateless.
 */
public final class DeribitAuth {

    /** The method of all three grants. */
    public static final String METHOD = "public/auth";
    /** Prefix of a named-session scope. */
    public static final String SESSION_SCOPE_PREFIX = "session:";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DeribitAuth() {
    }

    /** {@code session:NAME}; the name is non-blank and has no space (a space separates scopes). */
    public static String sessionScope(String name) {
        if (name == null || name.isBlank() || name.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("a session name is non-blank and has no space: '" + name + "'");
        }
        return SESSION_SCOPE_PREFIX + name;
    }

    /** Params of {@code grant_type: client_credentials}. They hold the secret: never log them. */
    public static ObjectNode clientCredentials(String clientId, Secret clientSecret, Optional<String> scope) {
        Objects.requireNonNull(clientSecret, "clientSecret");
        ObjectNode params = grant("client_credentials");
        params.put("client_id", requireText(clientId, "clientId"));
        String secret = clientSecret.apply(b -> new String(b, StandardCharsets.UTF_8));
        params.put("client_secret", secret);
        return withScope(params, scope);
    }

    /** Params of {@code grant_type: client_signature}, signed by {@link DeribitSigner}. */
    public static ObjectNode clientSignature(String clientId, Secret clientSecret, long timestampMillis, String nonce,
                                             String data, Optional<String> scope) {
        DeribitSigner.ClientSignature s = DeribitSigner.clientSignature(requireText(clientId, "clientId"),
                clientSecret, timestampMillis, nonce, data);
        ObjectNode params = grant(s.grantType());
        params.put("client_id", s.clientId());
        params.put("timestamp", s.timestamp());
        params.put("nonce", s.nonce());
        params.put("data", s.data());
        params.put("signature", s.signature());
        return withScope(params, scope);
    }

    /** Params of {@code grant_type: refresh_token}. */
    public static ObjectNode refreshToken(String refreshToken, Optional<String> scope) {
        ObjectNode params = grant("refresh_token");
        params.put("refresh_token", requireText(refreshToken, "refreshToken"));
        return withScope(params, scope);
    }

    /**
     * Reads a {@code public/auth} result ({@code access_token}, {@code expires_in}, {@code refresh_token},
     * {@code scope}, {@code token_type}). A result without a token or without a positive integer
     * {@code expires_in} is an error value naming the field (never quoting a token), not an exception.
     *
     * @param result the answer's {@code result}
     * @param clock  gives the moment {@code expires_in} counts from
     */
    public static Result<Grant<DeribitToken>> parse(JsonNode result, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        if (result == null || !result.isObject()) {
            return malformed("result is not an object");
        }
        String access = text(result, "access_token");
        if (access == null || access.isBlank()) {
            return malformed("access_token missing or not text");
        }
        JsonNode expiresIn = result.get("expires_in");
        if (expiresIn == null || !expiresIn.isIntegralNumber() || !expiresIn.canConvertToLong()
                || expiresIn.longValue() <= 0) {
            return malformed("expires_in missing or not a positive integer");
        }
        JsonNode refresh = result.get("refresh_token");
        if (refresh != null && !refresh.isNull() && (!refresh.isTextual() || refresh.textValue().isBlank())) {
            return malformed("refresh_token not text");
        }
        DeribitToken token = new DeribitToken(access, refresh == null || refresh.isNull() ? null : refresh.textValue(),
                Objects.requireNonNullElse(text(result, "scope"), ""),
                Objects.requireNonNullElse(text(result, "token_type"), ""));
        return Result.ok(Grant.expiringIn(token, Duration.ofSeconds(expiresIn.longValue()), clock));
    }

    private static ObjectNode grant(String grantType) {
        ObjectNode params = NODES.objectNode();
        params.put("grant_type", grantType);
        return params;
    }

    private static ObjectNode withScope(ObjectNode params, Optional<String> scope) {
        Objects.requireNonNull(scope, "scope").ifPresent(s -> params.put("scope", requireText(s, "scope")));
        return params;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.textValue() : null;
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    private static <T> Result<T> malformed(String why) {
        return Result.err(new ExchangeError(ErrorKind.UNKNOWN, DeribitErrors.EXCHANGE, "malformed_auth_result",
                METHOD + ": " + why, 0, false, null));
    }
}
