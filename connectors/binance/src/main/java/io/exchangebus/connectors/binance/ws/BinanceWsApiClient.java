package io.exchangebus.connectors.binance.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.connectors.binance.auth.BinanceKeyType;
import io.exchangebus.connectors.binance.auth.WsApiSigning;
import io.exchangebus.connectors.binance.config.BinanceConfig;
import io.exchangebus.connectors.binance.http.BinanceErrors;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.connection.ConnectionListener;
import io.exchangebus.connectors.core.connection.ConnectionState;
import io.exchangebus.connectors.core.connection.FramesDropped;
import io.exchangebus.connectors.core.http.ServerClock;
import io.exchangebus.connectors.core.rpc.OverflowHandler;
import io.exchangebus.connectors.core.rpc.PendingRequests;
import io.exchangebus.connectors.core.ws.WsConnection;
import io.exchangebus.connectors.core.ws.WsHandler;
import io.exchangebus.connectors.core.ws.WsOpenHook;
import io.exchangebus.connectors.core.ws.WsSender;
import io.exchangebus.connectors.core.ws.WsSettings;
import io.exchangebus.events.ErrorKind;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The raw client of Binance's WebSocket API (spot {@code ws-api/v3}, USD-M {@code ws-fapi/v1}): requests
 * {@code {"id","method","params"}} matched to their responses by id, over a {@link WsConnection} that reconnects by
 * itself. With an Ed25519 key the session is logged on ({@code session.logon}) on every new socket, and requests
 * then go unsigned as the docs allow; with an HMAC key each signed request carries apiKey, timestamp and signature.
 *
 * <p>Frames that are not responses to our requests — user-data events ({@code {"subscriptionId":…,"event":…}}),
 * and the answers to subscriptions resent after a reconnect — go to the {@link EventHandler}, on the connection's
 * consumer thread. A request whose socket is lost before its answer fails with a NETWORK error: its outcome at the
 * exchange is unknown, and the caller (the OMS) finds out by asking, never by resending blindly.
 *
 * <p>Every request, {@code session.logon} included, gets its answer within the config's
 * {@link BinanceConfig#requestTimeout() request timeout} or fails with a retryable TIMEOUT error naming its method
 * (never its parameters: they hold the key and the signature). A logon that fails — refused, unanswered, or its
 * socket lost — before the first connection is up fails {@link #start()} with that error; on a later socket it fails
 * that attempt, which the connection retries with backoff.
 *
 * <p>A full hand-off queue (the consumer too slow) drops frames that may be answers or events. Then every pending
 * request fails at once with a NETWORK error saying its answer may be lost (outcome unknown, as for a lost socket;
 * a request whose answer was only queued behind the drop fails too, and its late answer goes to the
 * {@link EventHandler}), and the owner's {@link OverflowHandler} recovers what events it keeps (user data over REST).
 *
 * <p>Correlation, the timeout and the failure on a lost socket are those of the core's {@link PendingRequests},
 * which the JSON-RPC client (Deribit, GRVT) shares; Binance keeps its own frame shape ({@code status}, text ids)
 * and error mapping here.
 */
public final class BinanceWsApiClient implements AutoCloseable {

    /** Receives the frames that are not answers to pending requests. */
    @FunctionalInterface
    public interface EventHandler {
        /** @param frame the parsed frame @param raw the frame as received */
        void onEvent(JsonNode frame, String raw);
    }

    private static final Logger LOG = LoggerFactory.getLogger(BinanceWsApiClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BinanceConfig config;
    private final WsApiSigning signing;
    private final boolean sessionLogon;
    private final EventHandler events;
    private final OverflowHandler overflow;
    private final ConnectionListener listener;
    private final WsConnection connection;
    /** Request id to the request waiting for its answer, with its timeout and its failure on a lost socket. */
    private final PendingRequests<String, JsonNode> pending;
    private final AtomicLong ids = new AtomicLong();
    private final CompletableFuture<Result<Boolean>> started = new CompletableFuture<>();
    private volatile boolean loggedOn;

    /**
     * @param config the family, signer, recvWindow and request timeout
     * @param clock the exchange's clock as estimated from its time endpoint (sync it before starting)
     * @param settings the connection's settings (its URI is {@link io.exchangebus.connectors.binance.config.BinanceEndpoints#wsApi()})
     * @param listener receives connection states
     * @param events receives every frame that is not an answer to a pending request
     * @param overflow told, on the consumer thread, that frames were dropped (events among them may be lost)
     *        after the pending requests were failed; the owner recovers what it keeps from those events
     */
    public BinanceWsApiClient(BinanceConfig config, ServerClock clock, WsSettings settings,
                              ConnectionListener listener, EventHandler events, OverflowHandler overflow) {
        this.config = Objects.requireNonNull(config, "config");
        this.signing = new WsApiSigning(config.requireSigner(), clock, config.recvWindow());
        this.sessionLogon = signing.signer().type() == BinanceKeyType.ED25519;
        this.events = Objects.requireNonNull(events, "events");
        this.overflow = Objects.requireNonNull(overflow,
                "overflow: every WebSocket API client must say how it recovers from lost events");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.pending = new PendingRequests<>(config.exchange(), config.requestTimeout());
        WsOpenHook hook = sessionLogon ? this::logon : WsOpenHook.NONE;
        this.connection = new WsConnection(settings, WsHandler.of(this::onFrame, this::onOverflow),
                new ConnectionListener() {
                    @Override
                    public void onConnectionEvent(ConnectionEvent event) {
                        BinanceWsApiClient.this.onConnectionEvent(event);
                    }

                    @Override
                    public void onFramesDropped(FramesDropped event) {
                        listener.onFramesDropped(event);
                    }
                }, hook);
    }

    /**
     * Connects (and logs on, with an Ed25519 key); completes when requests can be sent, or with the error of the
     * first logon if it fails (refused, or no answer within the request timeout). Sockets that fail to open are
     * retried meanwhile, as by {@link WsConnection#start()}.
     */
    public CompletableFuture<Result<Boolean>> start() {
        connection.start().thenAccept(started::complete);
        return started;
    }

    /** Whether requests go unsigned on a logged-on session (Ed25519), rather than each signed (HMAC). */
    public boolean sessionLoggedOn() {
        return loggedOn;
    }

    public WsConnection connection() {
        return connection;
    }

    /** The exchange's time now in epoch ms, by the server clock. */
    public long timestamp() {
        return signing.timestamp();
    }

    /** A request that needs no signature (public data, session status). */
    public CompletableFuture<Result<JsonNode>> request(String method, Map<String, Object> params) {
        return send(method, params);
    }

    /**
     * A SIGNED (TRADE or USER_DATA) request: signed per request with an HMAC key; with an Ed25519 key on a
     * logged-on session, only stamped with the timestamp and recvWindow, as the docs allow.
     */
    public CompletableFuture<Result<JsonNode>> signedRequest(String method, Map<String, Object> params) {
        return send(method, stamp(params));
    }

    /**
     * A subscription that is resent, freshly signed, on every new socket (e.g.
     * {@code userDataStream.subscribe.signature}); its answers reach the {@link EventHandler}.
     */
    public void subscribe(String key, String method, Supplier<Map<String, Object>> params) {
        connection.subscribe(key, () -> frame("s" + ids.incrementAndGet(), method, stamp(params.get())));
    }

    private Map<String, Object> stamp(Map<String, Object> params) {
        if (loggedOn) {
            Map<String, Object> stamped = new LinkedHashMap<>(params);
            stamped.put("timestamp", signing.timestamp());
            stamped.put("recvWindow", config.recvWindow().toMillis());
            return stamped;
        }
        return signing.sign(params);
    }

    private CompletableFuture<Result<JsonNode>> send(String method, Map<String, Object> params) {
        return send("r" + ids.incrementAndGet(), method, params, connection::send);
    }

    /**
     * Sends one request through {@code sender} and waits for its answer: the answer's result, the exchange's error,
     * a NETWORK error if the socket is lost first, or a TIMEOUT error after the request timeout. Messages name the
     * method only.
     */
    private CompletableFuture<Result<JsonNode>> send(String id, String method, Map<String, Object> params,
                                                     WsSender sender) {
        CompletableFuture<Result<JsonNode>> answer = pending.register(id, method);
        Result<Boolean> sent = sender.send(frame(id, method, params));
        if (!sent.isOk()) {
            pending.fail(id, sent.error());
        }
        return answer;
    }

    private CompletionStage<? extends Result<?>> logon(WsSender sender) {
        loggedOn = false;
        return send("logon" + ids.incrementAndGet(), "session.logon", signing.sign(Map.of()), sender)
                .thenApply(r -> {
                    loggedOn = r.isOk();
                    if (!r.isOk()) {
                        LOG.warn("{}: session.logon failed: {}", config.exchange(), r.error());
                        started.complete(Result.err(r.error()));
                    }
                    return r;
                });
    }

    /** The request's text, written in one pass (no tree): {"id":…,"method":…,"params":{…}}. */
    static String frame(String id, String method, Map<String, Object> params) {
        Map<String, Object> request = new LinkedHashMap<>(4);
        request.put("id", id);
        request.put("method", method);
        request.put("params", params);
        try {
            return JSON.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a request's parameters cannot be written as JSON: " + method, e);
        }
    }

    private void onFrame(String text) {
        JsonNode frame;
        try {
            frame = JSON.readTree(text);
        } catch (IOException e) {
            events.onEvent(JSON.missingNode(), text);
            return;
        }
        String id = frame.hasNonNull("id") && frame.has("status") ? frame.get("id").asText() : null;
        if (id == null || pending.methodOf(id) == null) {
            events.onEvent(frame, text);
            return;
        }
        Result<JsonNode> answer = frame.path("status").asInt() == 200 && frame.has("result")
                ? Result.ok(frame.get("result")) : Result.err(error(frame));
        if (!pending.complete(id, answer)) {
            events.onEvent(frame, text); // timed out or failed in the meantime: not lost
        }
    }

    /** Consumer thread: answers may be among the dropped frames, so nobody waits out a timeout for one. */
    private void onOverflow(long dropped) {
        int failed = pending.failAll(dropped + " frames dropped by a full hand-off queue may have held the answer");
        LOG.warn("{}: {} WebSocket API frames dropped (consumer too slow); {} pending requests failed as unknown",
                config.exchange(), dropped, failed);
        overflow.onOverflow(dropped);
    }

    private ExchangeError error(JsonNode frame) {
        JsonNode error = frame.path("error");
        if (!error.path("code").isInt()) {
            return new ExchangeError(ErrorKind.UNKNOWN, config.exchange(), null,
                    "WebSocket API answer with status " + frame.path("status").asInt() + " and no error code", 0,
                    false, null);
        }
        Duration retryAfter = null;
        if (error.path("data").path("retryAfter").canConvertToLong()) {
            long until = error.path("data").path("retryAfter").asLong();
            retryAfter = Duration.ofMillis(Math.max(0, until - signing.timestamp()));
        }
        return BinanceErrors.of(config.exchange(), frame.path("status").asInt(), error.get("code").asInt(),
                error.path("msg").asText(""), retryAfter);
    }

    private void onConnectionEvent(ConnectionEvent event) {
        if (event.state() == ConnectionState.DISCONNECTED || event.state() == ConnectionState.CLOSED) {
            loggedOn = false;
            pending.failAll();
        }
        listener.onConnectionEvent(event);
    }

    @Override
    public void close() {
        connection.close();
    }
}
