package io.exchangebus.connectors.deribit.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.http.HttpCall;
import io.exchangebus.connectors.core.http.HttpErrorClassifier;
import io.exchangebus.connectors.core.http.HttpReply;
import io.exchangebus.connectors.core.http.HttpSettings;
import io.exchangebus.connectors.core.http.HttpTransport;
import io.exchangebus.connectors.core.limit.Admission;
import io.exchangebus.connectors.core.number.ExactNumbers;
import io.exchangebus.connectors.core.rpc.JsonRpcRequester;
import io.exchangebus.connectors.core.session.AuthSession;
import io.exchangebus.connectors.core.session.Scheduler;
import io.exchangebus.connectors.deribit.auth.DeribitLogin;
import io.exchangebus.connectors.deribit.auth.DeribitToken;
import io.exchangebus.connectors.deribit.ws.DeribitLimits;
import io.exchangebus.events.ErrorKind;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Deribit's JSON-RPC over HTTP (API docs "JSON-RPC over HTTP"): {@code GET {base}/public/{method}?{params}} and
 * {@code GET {base}/private/{method}?{params}} with {@code Authorization: bearer <access_token>} ({@code public/auth}
 * alone as {@code POST} with a JSON-RPC body), the answer
 * {@code {"jsonrpc":"2.0","result":…}} or {@code {"error":{"code","message"}}}. {@code base} is e.g.
 * {@code https://www.deribit.com/api/v2}.
 *
 * <ul>
 *   <li><b>Transport</b>: core's {@link HttpTransport} (timeouts, retry of these idempotent GETs, breaker, 429/418
 *       pauses); errors are classified by Deribit's code ({@link DeribitErrors}), else by HTTP status.</li>
 *   <li><b>Token</b>: {@code public/auth} through core's {@link AuthSession} with the account's
 *       {@link DeribitLogin} (client credentials or client signature; renewed with the refresh token at 80 % of
 *       {@code expires_in}); a private call that gets an auth error (13009 …) is retried once with a new token. This
 *       client is itself the {@link JsonRpcRequester} {@code DeribitLogin} calls.</li>
 *   <li><b>Credits</b>: every request is admitted by the account's {@link DeribitLimits} (shared with its WebSocket
 *       roles: the credits are the sub-account's) before it is sent, waiting at most {@code maxCreditWait}: a
 *       non-matching-engine request takes 500 of 50,000 credits refilled at 10,000/s, so that we slow down before
 *       Deribit answers 10028; a 10028 answer drains the pool (Deribit ends the session) and later calls wait for
 *       the refill. Matching-engine methods (buy, sell, edit, cancel*, close_position) count in their own tier and
 *       are never retried.</li>
 * </ul>
 * Secrets: {@code public/auth} goes as a POST body (its secret or signature never in a URL); core's transport logs
 * calls by method and path only, and nothing here puts a parameter, header or token in a log, an error or
 * {@link #toString}. Thread-safe.
 */
public final class DeribitHttpClient implements JsonRpcRequester, AutoCloseable {

    private static final ObjectMapper JSON = ExactNumbers.exactMapper();

    private final HttpTransport transport;
    private final DeribitLimits limits;
    private final Duration maxCreditWait;
    private final AuthSession<DeribitToken> session;
    private final java.util.concurrent.atomic.AtomicLong ids = new java.util.concurrent.atomic.AtomicLong();

    /**
     * A client of the public methods only: private calls are refused (AUTH) without being sent.
     *
     * @param settings HTTP settings; {@code baseUri} is Deribit's {@code …/api/v2}
     */
    public DeribitHttpClient(HttpSettings settings, DeribitLimits limits, Duration maxCreditWait) {
        this(settings, limits, maxCreditWait, null, null, Clock.systemUTC());
    }

    /**
     * A client of an account.
     *
     * @param login the account's {@code public/auth} grant; null for a public-only client
     * @param scheduler times token renewal ahead of expiry
     */
    public DeribitHttpClient(HttpSettings settings, DeribitLimits limits, Duration maxCreditWait, DeribitLogin login,
                             Scheduler scheduler, Clock clock) {
        this.transport = HttpTransport.builder(settings).classifier(DeribitHttpClient::classify).build();
        this.limits = Objects.requireNonNull(limits, "limits");
        this.maxCreditWait = Objects.requireNonNull(maxCreditWait, "maxCreditWait");
        this.session = login == null ? null
                : AuthSession.<DeribitToken>builder(DeribitErrors.EXCHANGE, () -> login.login(this))
                        .refresh(token -> login.refresh(this, token))
                        .scheduler(Objects.requireNonNull(scheduler, "scheduler"))
                        .clock(clock)
                        .build();
    }

    /**
     * Core's defaults for {@code baseUri}, with the transport's own weight budget opened wide: the credit bucket is
     * Deribit's limit (at most 1,300 requests a minute), so a second, tighter budget would only slow us down.
     */
    public static HttpSettings defaultSettings(URI baseUri) {
        return HttpSettings.defaults(DeribitErrors.EXCHANGE, baseUri)
                .withWeights(new HttpSettings.WeightBudget(100_000, Duration.ofMinutes(1), Duration.ofSeconds(5)));
    }

    /** A {@code public/…} method, e.g. {@code call("public/get_instruments", Map.of("currency", "BTC"))}. */
    public CompletableFuture<Result<JsonNode>> publicCall(String method, Map<String, String> params) {
        requirePrefix(method, "public/");
        return send(method, params, null);
    }

    /** A {@code private/…} method with a valid access token (logging in first when needed). */
    public CompletableFuture<Result<JsonNode>> privateCall(String method, Map<String, String> params) {
        requirePrefix(method, "private/");
        if (session == null) {
            return CompletableFuture.completedFuture(Result.err(new ExchangeError(ErrorKind.AUTH,
                    DeribitErrors.EXCHANGE, null, "no API key configured for private method " + method, 0, false,
                    null)));
        }
        return session.call(token -> send(method, params, token.accessToken()));
    }

    /**
     * JSON-RPC over HTTP for {@link DeribitLogin}: {@code POST {base}/{method}} with the request as a JSON-RPC body,
     * so that {@code public/auth}'s client secret or signature never stands in a URL (which proxies and servers log).
     * Sent at most once (a signature's nonce is single use); the session logs in again on failure. Only
     * {@code public/} methods: a private method needs the token this client holds, through {@link #privateCall}.
     */
    @Override
    public CompletableFuture<Result<JsonNode>> request(String method, JsonNode params) {
        requirePrefix(method, "public/");
        com.fasterxml.jackson.databind.node.ObjectNode body = JSON.createObjectNode();
        body.put("jsonrpc", "2.0").put("id", ids.incrementAndGet()).put("method", method);
        body.set("params", params == null ? JSON.createObjectNode() : params);
        HttpCall call = HttpCall.post("/" + method).withBody(body.toString(), "application/json")
                .withIdempotent(false);
        return admitted(method, call);
    }

    /**
     * Named params (e.g. {@code OrderParams}' requests) as query parameters: decimals in plain notation
     * ({@code 0.00000001}, never {@code 1E-8}), booleans and strings as they are. Nested values are refused.
     */
    public static Map<String, String> queryOf(Map<String, ?> params) {
        Map<String, String> query = new LinkedHashMap<>();
        params.forEach((name, value) -> {
            if (value instanceof java.math.BigDecimal d) {
                query.put(name, d.toPlainString());
            } else if (value instanceof String || value instanceof Boolean || value instanceof Integer
                    || value instanceof Long) {
                query.put(name, value.toString());
            } else {
                throw new IllegalArgumentException("param " + name + " is not a scalar");
            }
        });
        return query;
    }

    /** Forgets the access token: the next private call logs in. */
    public void invalidateToken() {
        if (session != null) {
            session.invalidate();
        }
    }

    /** The account's request credits this client draws from. */
    public DeribitLimits limits() {
        return limits;
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
        transport.close();
    }

    @Override
    public String toString() {
        return "DeribitHttpClient[" + transport.settings().baseUri() + (session == null ? ", public" : ", account")
                + "]";
    }

    private CompletableFuture<Result<JsonNode>> send(String method, Map<String, String> params, String token) {
        HttpCall call = HttpCall.get("/" + method);
        for (Map.Entry<String, String> p : params.entrySet()) {
            call = call.withParam(p.getKey(), p.getValue());
        }
        if (token != null) {
            call = call.withHeader("Authorization", "bearer " + token);
        }
        if (!"non-matching-engine".equals(limits.classOf(method).name())) {
            call = call.withIdempotent(false); // an order request is sent at most once
        }
        return admitted(method, call);
    }

    /** Sends {@code call} once the account's limits admit a request of {@code method}; 10028 drains them. */
    private CompletableFuture<Result<JsonNode>> admitted(String method, HttpCall call) {
        Admission admission = limits.admit(method, maxCreditWait);
        if (!admission.granted()) {
            return CompletableFuture.completedFuture(Result.err(admission.refusal()));
        }
        CompletableFuture<Result<HttpReply>> sent = admission.waitNanos() == 0 ? transport.send(call)
                : CompletableFuture.supplyAsync(() -> null,
                        CompletableFuture.delayedExecutor(admission.waitNanos(), TimeUnit.NANOSECONDS))
                .thenCompose(ignored -> transport.send(call));
        return sent.thenApply(r -> r.isOk() ? result(r.value()) : Result.err(limits.onError(r.error())));
    }

    /** The {@code result} of a successful answer. */
    private static Result<JsonNode> result(HttpReply reply) {
        JsonNode root = parse(reply);
        JsonNode result = root == null ? null : root.get("result");
        if (result == null) {
            return Result.err(new ExchangeError(ErrorKind.UNKNOWN, DeribitErrors.EXCHANGE, null,
                    "answer has no result (HTTP " + reply.status() + ")", reply.status(), false, null));
        }
        return Result.ok(result);
    }

    /** Deribit's error object by its code, whatever the status; else the status. */
    static Optional<ExchangeError> classify(String exchange, HttpReply reply) {
        JsonNode root = parse(reply);
        if (root != null) {
            JsonNode error = root.get("error");
            if (error != null && !error.isNull() && error.path("code").isIntegralNumber()) {
                return Optional.of(DeribitErrors.of(error, reply.status()));
            }
        }
        return HttpErrorClassifier.byStatus().classify(exchange, reply);
    }

    private static JsonNode parse(HttpReply reply) {
        try {
            JsonNode root = JSON.readTree(reply.body());
            return root != null && root.isObject() ? root : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void requirePrefix(String method, String prefix) {
        if (!method.startsWith(prefix) || method.indexOf('?') >= 0) {
            throw new IllegalArgumentException("method must start with " + prefix + ": " + method);
        }
    }
}
