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
import io.exchangebus.connectors.core.limit.CreditBucket;
import io.exchangebus.connectors.core.number.ExactNumbers;
import io.exchangebus.connectors.core.rpc.JsonRpcRequester;
import io.exchangebus.connectors.core.session.AuthSession;
import io.exchangebus.connectors.core.session.Scheduler;
import io.exchangebus.connectors.deribit.auth.DeribitLogin;
import io.exchangebus.connectors.deribit.auth.DeribitToken;
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
 * {@code GET {base}/private/{method}?{params}} with {@code Authorization: bearer <access_token>}, the answer
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
 *   <li><b>Credits</b>: every non-matching-engine request takes {@value #CREDITS_PER_REQUEST} credits of a
 *       {@link CreditBucket} (Deribit: 50,000 credits, refilled at 10,000/s, per sub-account) before it is sent,
 *       waiting at most {@code maxCreditWait} for them, so that we slow down before Deribit answers 10028 (which
 *       also ends the session). Matching-engine methods (buy, sell, edit, cancel*, close_position …) count against
 *       Deribit's other, tiered limit and take no credits here; the OMS limits them.</li>
 * </ul>
 * Secrets: the query of {@code public/auth} holds the client secret; core's transport logs calls by method and path
 * only, and nothing here puts a parameter, header or token in a log, an error or {@link #toString}. Thread-safe.
 */
public final class DeribitHttpClient implements JsonRpcRequester, AutoCloseable {

    /** Credits a non-matching-engine request costs (Deribit support, Rate Limits). */
    public static final long CREDITS_PER_REQUEST = 500;
    /** Deribit's credit pool per sub-account. */
    public static final long CREDIT_POOL = 50_000;
    /** Deribit's credit refill per second. */
    public static final long CREDIT_REFILL_PER_SECOND = 10_000;

    private static final ObjectMapper JSON = ExactNumbers.exactMapper();

    private final HttpTransport transport;
    private final CreditBucket credits;
    private final Duration maxCreditWait;
    private final AuthSession<DeribitToken> session;

    /**
     * A client of the public methods only: private calls are refused (AUTH) without being sent.
     *
     * @param settings HTTP settings; {@code baseUri} is Deribit's {@code …/api/v2}
     */
    public DeribitHttpClient(HttpSettings settings, CreditBucket credits, Duration maxCreditWait) {
        this(settings, credits, maxCreditWait, null, null, Clock.systemUTC());
    }

    /**
     * A client of an account.
     *
     * @param login the account's {@code public/auth} grant; null for a public-only client
     * @param scheduler times token renewal ahead of expiry
     */
    public DeribitHttpClient(HttpSettings settings, CreditBucket credits, Duration maxCreditWait, DeribitLogin login,
                             Scheduler scheduler, Clock clock) {
        this.transport = HttpTransport.builder(settings).classifier(DeribitHttpClient::classify).build();
        this.credits = Objects.requireNonNull(credits, "credits");
        this.maxCreditWait = Objects.requireNonNull(maxCreditWait, "maxCreditWait");
        this.session = login == null ? null
                : AuthSession.<DeribitToken>builder(DeribitErrors.EXCHANGE, () -> login.login(this))
                        .refresh(token -> login.refresh(this, token))
                        .scheduler(Objects.requireNonNull(scheduler, "scheduler"))
                        .clock(clock)
                        .build();
    }

    /** Deribit's credit bucket, full: 50,000 credits, 10,000 a second. */
    public static CreditBucket deribitCredits(String name) {
        return new CreditBucket(DeribitErrors.EXCHANGE, name, CREDIT_POOL, CREDIT_REFILL_PER_SECOND);
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
     * JSON-RPC over HTTP for {@link DeribitLogin}: {@code params} must be an object of scalars (strings, numbers,
     * booleans), sent as query parameters. Only {@code public/} methods: a private method needs the token this
     * client holds, through {@link #privateCall}.
     */
    @Override
    public CompletableFuture<Result<JsonNode>> request(String method, JsonNode params) {
        Map<String, String> query = new LinkedHashMap<>();
        if (params != null) {
            if (!params.isObject()) {
                throw new IllegalArgumentException("params of " + method + " must be an object");
            }
            params.fields().forEachRemaining(e -> {
                if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                    throw new IllegalArgumentException("param " + e.getKey() + " of " + method + " is not a scalar");
                }
                query.put(e.getKey(), e.getValue().asText());
            });
        }
        return publicCall(method, query);
    }

    /** Forgets the access token: the next private call logs in. */
    public void invalidateToken() {
        if (session != null) {
            session.invalidate();
        }
    }

    /** The credit bucket requests draw from. */
    public CreditBucket credits() {
        return credits;
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

    /** Whether {@code method} counts against the matching-engine limit rather than the credits. */
    public static boolean isMatchingEngine(String method) {
        String name = method.substring(method.indexOf('/') + 1);
        return name.equals("buy") || name.equals("sell") || name.equals("edit") || name.startsWith("edit_by")
                || name.startsWith("cancel") || name.equals("close_position") || name.startsWith("mass_quote");
    }

    private CompletableFuture<Result<JsonNode>> send(String method, Map<String, String> params, String token) {
        HttpCall call = HttpCall.get("/" + method);
        for (Map.Entry<String, String> p : params.entrySet()) {
            call = call.withParam(p.getKey(), p.getValue());
        }
        if (token != null) {
            call = call.withHeader("Authorization", "bearer " + token);
        }
        if (isMatchingEngine(method)) {
            call = call.withIdempotent(false);
            return transport.send(call).thenApply(r -> r.flatMap(DeribitHttpClient::result));
        }
        Admission admission = credits.admit(CREDITS_PER_REQUEST, maxCreditWait);
        if (!admission.granted()) {
            return CompletableFuture.completedFuture(Result.err(admission.refusal()));
        }
        HttpCall ready = call;
        if (admission.waitNanos() == 0) {
            return transport.send(ready).thenApply(r -> r.flatMap(DeribitHttpClient::result));
        }
        return CompletableFuture.supplyAsync(() -> null,
                        CompletableFuture.delayedExecutor(admission.waitNanos(), TimeUnit.NANOSECONDS))
                .thenCompose(ignored -> transport.send(ready))
                .thenApply(r -> r.flatMap(DeribitHttpClient::result));
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
