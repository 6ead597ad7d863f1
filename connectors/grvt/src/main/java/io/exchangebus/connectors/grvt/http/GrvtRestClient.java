package io.exchangebus.connectors.grvt.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.http.HttpCall;
import io.exchangebus.connectors.core.http.HttpErrorClassifier;
import io.exchangebus.connectors.core.http.HttpReply;
import io.exchangebus.connectors.core.http.HttpSettings;
import io.exchangebus.connectors.core.http.HttpTransport;
import io.exchangebus.connectors.core.http.RetryAfter;
import io.exchangebus.connectors.core.number.ExactNumbers;
import io.exchangebus.connectors.grvt.GrvtVenue;
import io.exchangebus.connectors.grvt.auth.GrvtSession;
import io.exchangebus.events.ErrorKind;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * GRVT's REST API (grvt.md §1, §11): every method a {@code POST} of a JSON body to {@code /full/v1/<method>}
 * ({@code full/v2/bulk_orders}), public ones on the market-data host, private ones on the trades host with the
 * {@code gravity} cookie and {@code X-Grvt-Account-Id} of the account's {@link GrvtLoginSession}. The answer's body
 * is returned whole, read with exact numbers ({@link ExactNumbers#exactMapper()}): its {@code result} (and for
 * histories {@code next}) are the caller's to read with the mapping layer.
 *
 * <ul>
 *   <li><b>Errors</b> by GRVT's code in the body ({@link GrvtErrors}), else by HTTP status. An auth error (1000,
 *       401) logs in again and repeats the call once.</li>
 *   <li><b>1006 / HTTP 429</b>: core's transport stops every call of the host for the Retry-After (else 1 s);
 *       {@link #read} (idempotent reads) then waits that long, doubling per attempt, and tries again up to
 *       {@link #RATE_LIMIT_ATTEMPTS} times. {@link #send} (order entry) is sent at most once and returns the 1006.</li>
 * </ul>
 * Closing the client closes its session's renewals too. Each host has its own core {@link HttpTransport} (timeouts, retry of idempotent calls on network errors and 5xx,
 * breaker). Logging is by method and path only, never a body, cookie or key. Thread-safe.
 */
public final class GrvtRestClient implements AutoCloseable {

    /** Tries of a read refused with 1006 before the error is returned. */
    public static final int RATE_LIMIT_ATTEMPTS = 4;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final ObjectMapper JSON = ExactNumbers.exactMapper();

    private final HttpTransport trades;
    private final HttpTransport marketData;
    private final GrvtLoginSession session;

    /**
     * @param trades     the trades host's transport (private methods)
     * @param marketData the market-data host's transport (public methods)
     * @param session    the account's session; null for a public-only client (private calls refused, not sent)
     */
    public GrvtRestClient(HttpTransport trades, HttpTransport marketData, GrvtLoginSession session) {
        this.trades = Objects.requireNonNull(trades, "trades");
        this.marketData = Objects.requireNonNull(marketData, "marketData");
        this.session = session;
    }

    /** Core's HTTP defaults for a GRVT host, adjusted by {@code tuning} (tests shorten pauses). */
    public static HttpTransport transport(URI host, UnaryOperator<HttpSettings> tuning) {
        HttpSettings settings = tuning.apply(HttpSettings.defaults(GrvtVenue.EXCHANGE, host));
        return HttpTransport.builder(settings).classifier(GrvtRestClient::classify).build();
    }

    /** A public method on the market-data host, e.g. {@code publicRead("v1/all_instruments", body)}. */
    public CompletableFuture<Result<JsonNode>> publicRead(String method, JsonNode body) {
        return withBackoff(() -> post(marketData, method, body, null, true), 1);
    }

    /** A private read (summaries, positions, orders, histories) on the trades host; 1006 waits and tries again. */
    public CompletableFuture<Result<JsonNode>> read(String method, JsonNode body) {
        return withBackoff(() -> privateCall(method, body, true), 1);
    }

    /** A private call that changes state (order entry): sent at most once, a 1006 returned as it is. */
    public CompletableFuture<Result<JsonNode>> send(String method, JsonNode body) {
        return privateCall(method, body, false);
    }

    /** The account's session, if this client has one. */
    public Optional<GrvtLoginSession> session() {
        return Optional.ofNullable(session);
    }

    /** A new JSON object for a request body. */
    public static ObjectNode body() {
        return JSON.createObjectNode();
    }

    private CompletableFuture<Result<JsonNode>> privateCall(String method, JsonNode body, boolean idempotent) {
        if (session == null) {
            return CompletableFuture.completedFuture(Result.err(GrvtLoginSession.noKey(method)));
        }
        return session.call(s -> post(trades, method, body, s, idempotent));
    }

    private CompletableFuture<Result<JsonNode>> withBackoff(
            java.util.function.Supplier<CompletableFuture<Result<JsonNode>>> call, int attempt) {
        return call.get().thenCompose(r -> {
            if (r.isOk() || r.error().kind() != ErrorKind.RATE_LIMITED || attempt >= RATE_LIMIT_ATTEMPTS) {
                return CompletableFuture.completedFuture(r);
            }
            Duration wait = backoff(r.error(), attempt);
            return CompletableFuture.supplyAsync(() -> null,
                            CompletableFuture.delayedExecutor(wait.toNanos(), TimeUnit.NANOSECONDS))
                    .thenCompose(ignored -> withBackoff(call, attempt + 1));
        });
    }

    /** The exchange's hint, never less than an exponential floor: 0.5 s, 1 s, 2 s … */
    static Duration backoff(ExchangeError error, int attempt) {
        Duration floor = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempt - 1, 6));
        Duration hint = error.retryAfterHint().orElse(Duration.ZERO);
        return hint.compareTo(floor) > 0 ? hint : floor;
    }

    private static CompletableFuture<Result<JsonNode>> post(HttpTransport host, String method, JsonNode body,
                                                            GrvtSession session, boolean idempotent) {
        HttpCall call = HttpCall.post("/full/" + method)
                .withBody(body == null ? "{}" : body.toString(), "application/json").withIdempotent(idempotent);
        if (session != null) {
            call = call.withHeader("Cookie", session.cookieHeader())
                    .withHeader(GrvtSession.ACCOUNT_HEADER, session.accountId());
        }
        return host.send(call).thenApply(r -> r.isOk() ? parsed(r.value()) : Result.err(r.error()));
    }

    private static Result<JsonNode> parsed(HttpReply reply) {
        JsonNode root = parse(reply.body());
        if (root == null) {
            return Result.err(new ExchangeError(ErrorKind.UNKNOWN, GrvtVenue.EXCHANGE, "MALFORMED",
                    "answer is not a JSON object (HTTP " + reply.status() + ")", reply.status(), false, null));
        }
        return Result.ok(root);
    }

    /** GRVT's {@code {"code","message","status"}} body by its code, whatever the status; else by the status. */
    static Optional<ExchangeError> classify(String exchange, HttpReply reply) {
        if (reply.isSuccess()) {
            return Optional.empty();
        }
        Optional<ExchangeError> byCode = GrvtErrors.of(parse(reply.body()), reply.status());
        if (byCode.isPresent() && byCode.get().kind() == ErrorKind.RATE_LIMITED) {
            ExchangeError e = byCode.get();
            Duration hint = RetryAfter.of(reply, Instant.now()).orElse(null);
            return Optional.of(new ExchangeError(e.kind(), e.exchange(), e.code(), e.message(), e.httpStatus(),
                    true, hint));
        }
        return byCode.or(() -> HttpErrorClassifier.byStatus().classify(exchange, reply));
    }

    private static JsonNode parse(String text) {
        try {
            JsonNode root = text == null || text.isBlank() ? null : JSON.readTree(text);
            return root != null && root.isObject() ? root : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        trades.close();
        marketData.close();
        if (session != null) {
            session.close();
        }
    }

    @Override
    public String toString() {
        return "GrvtRestClient[" + trades.settings().baseUri().getHost() + (session == null ? ", public" : ", account")
                + "]";
    }
}
