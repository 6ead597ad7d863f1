package io.exchangebus.connectors.binance.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.connectors.binance.auth.WsApiSigning;
import io.exchangebus.connectors.binance.config.BinanceConfig;
import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.binance.http.BinanceRestClient;
import io.exchangebus.connectors.binance.mapping.UserDataMapping;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.connection.ConnectionListener;
import io.exchangebus.connectors.core.connection.ConnectionState;
import io.exchangebus.connectors.core.connection.FramesDropped;
import io.exchangebus.connectors.core.http.HttpCall;
import io.exchangebus.connectors.core.ws.WsConnection;
import io.exchangebus.connectors.core.ws.WsHandler;
import io.exchangebus.connectors.core.ws.WsOpenHook;
import io.exchangebus.connectors.core.ws.WsSettings;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One account's private user-data stream, for both families. Events reach the {@link Handler} unwrapped (see
 * {@link UserDataMapping#unwrap}); whenever events may have been missed the handler is told of a <em>gap</em>, once the
 * stream is live again, so that the state it recovers over REST or the WebSocket API is not overtaken by events lost
 * in between.
 *
 * <ul>
 * <li><b>Spot</b> — over the WebSocket API ({@code web-socket-api.md}, "User Data Stream requests"):
 * {@code userDataStream.subscribe} on a session logged on with an Ed25519 key, {@code userDataStream.subscribe.signature}
 * otherwise. The subscription is resent on every new socket; each confirmation after the first is a gap (the events
 * between the loss and the new subscription are gone), and so is {@code eventStreamTerminated}. The WebSocket API client
 * is this stream's own ({@link #spot(BinanceConfig, io.exchangebus.connectors.core.http.ServerClock, WsSettings,
 * ConnectionListener, Handler)}) or shared ({@link #spotShared}): the owner of a shared client hands every frame that is
 * not a response to its requests to {@link #accept(JsonNode, String)}. Each subscription request waits for its answer
 * at most the config's {@link BinanceConfig#requestTimeout() request timeout}: the first one fails {@link #start()}
 * with a retryable TIMEOUT error naming the method; a later one, resent on a new socket, is logged as unanswered
 * (its answer, if it comes late, still confirms it).
 * <li><b>USD-M</b> — with a listenKey ("User Data Streams"): {@code POST /fapi/v1/listenKey}, the raw stream
 * {@code <streams>/ws/<listenKey>}, a keep-alive {@code PUT} every {@code keepAlive} (30 min by default; the key expires
 * 60 min after the last one) and {@code DELETE} on close. On {@code listenKeyExpired}, a keep-alive refused with -1125,
 * or a dropped stream, a key is asked for again (Binance returns the same one while it lives), a new connection opened,
 * and a gap reported once it is CONNECTED.
 * </ul>
 *
 * <p>The listenKey is a bearer secret for the stream: it is never logged (only {@link #mask(String) masked}), and the
 * connection logs host and port only.
 */
public final class BinanceUserDataStream implements AutoCloseable {

    /** Receives the account's events and the gaps in them. */
    public interface Handler {
        /**
         * One event, unwrapped ({@code {"e":…}}), with the frame as received; a missing node when the frame could not be
         * read as JSON. Called on the connection's consumer thread.
         */
        void onEvent(JsonNode event, String raw);

        /**
         * Events may have been missed before now ({@code reason} says why); the stream is live again. The owner
         * recovers the state it keeps (balances, positions, orders). Must not block.
         */
        void onGap(String reason);
    }

    private static final Logger LOG = LoggerFactory.getLogger(BinanceUserDataStream.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBSCRIPTION_KEY = "binance-user-data";
    private static final String ID_PREFIX = "uds-";
    /** Binance's documented default: keep-alive every 30 minutes, the key expiring 60 minutes after the last. */
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofMinutes(30);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    /** A subscription request on its way: its id and method. */
    private record SubscribeRequest(String id, String method) {
    }

    private final BinanceConfig config;
    private final Handler handler;
    private final ConnectionListener listener;
    private final CompletableFuture<Result<Void>> started = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong ids = new AtomicLong();

    // spot
    private final BinanceWsApiClient wsApi;
    private final boolean ownsWsApi;
    private final WsApiSigning signing;
    private volatile boolean confirmedOnce;
    private volatile String pendingGap;
    /** The subscription request sent last and not answered yet; null when answered. */
    private volatile SubscribeRequest unanswered;

    // USD-M
    private final BinanceRestClient rest;
    private final WsSettings streamSettings;
    private final Duration keepAlive;
    private final ScheduledExecutorService timer;
    private volatile String listenKey;
    private volatile WsConnection stream;
    private ScheduledFuture<?> keepAliveTask;
    private boolean renewing;
    /** Renewals since the last CONNECTED: each waits longer (250 ms doubling, at most 30 s). Timer thread. */
    private volatile int failedRenewals;

    private BinanceUserDataStream(BinanceConfig config, BinanceWsApiClient wsApi, boolean ownsWsApi, WsApiSigning signing,
                                  BinanceRestClient rest, WsSettings streamSettings, Duration keepAlive,
                                  ConnectionListener listener, Handler handler) {
        this.config = Objects.requireNonNull(config, "config");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.listener = listener == null ? e -> { } : listener;
        this.wsApi = wsApi;
        this.ownsWsApi = ownsWsApi;
        this.signing = signing;
        this.rest = rest;
        this.streamSettings = streamSettings;
        this.keepAlive = keepAlive;
        if (rest != null) {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, config.exchange() + "-user-data");
                t.setDaemon(true);
                return t;
            });
            executor.setRemoveOnCancelPolicy(true);
            this.timer = executor;
        } else {
            this.timer = null;
        }
    }

    /**
     * A spot stream on a WebSocket API client of its own, made from {@code settings} (whose URI is the family's
     * WebSocket API); its connection states go to {@code listener}.
     */
    public static BinanceUserDataStream spot(BinanceConfig config, io.exchangebus.connectors.core.http.ServerClock clock,
                                             WsSettings settings, ConnectionListener listener, Handler handler) {
        requireVenue(config, BinanceVenue.SPOT);
        BinanceUserDataStream[] self = new BinanceUserDataStream[1];
        BinanceWsApiClient client = new BinanceWsApiClient(config, clock, settings, listener,
                (frame, raw) -> self[0].accept(frame, raw), dropped -> self[0].overflowed(dropped));
        self[0] = new BinanceUserDataStream(config, client, true,
                new WsApiSigning(config.requireSigner(), clock, config.recvWindow()), null, null, null, listener,
                handler);
        return self[0];
    }

    /**
     * A spot stream on a WebSocket API client someone else owns (an OMS sharing its connection). The owner starts and
     * closes the client and passes every frame its {@link BinanceWsApiClient.EventHandler} receives to
     * {@link #accept(JsonNode, String)}, and every overflow of the client to {@link #overflowed(long)}.
     */
    public static BinanceUserDataStream spotShared(BinanceConfig config,
                                                   io.exchangebus.connectors.core.http.ServerClock clock,
                                                   BinanceWsApiClient client, Handler handler) {
        requireVenue(config, BinanceVenue.SPOT);
        return new BinanceUserDataStream(config, client, false,
                new WsApiSigning(config.requireSigner(), clock, config.recvWindow()), null, null, null, null, handler);
    }

    /**
     * A USD-M stream with a listenKey asked for over {@code rest}; {@code settings} are the stream connection's (their
     * URI is replaced by each key's raw stream), {@code keepAlive} the interval of the keep-alive PUT.
     */
    public static BinanceUserDataStream usdm(BinanceConfig config, BinanceRestClient rest, WsSettings settings,
                                             Duration keepAlive, ConnectionListener listener, Handler handler) {
        requireVenue(config, BinanceVenue.USDM);
        if (keepAlive.isZero() || keepAlive.isNegative() || keepAlive.compareTo(Duration.ofMinutes(60)) >= 0) {
            throw new IllegalArgumentException("keepAlive must be in (0, 60 min), was " + keepAlive);
        }
        return new BinanceUserDataStream(config, null, false, null, Objects.requireNonNull(rest, "rest"),
                Objects.requireNonNull(settings, "settings"), keepAlive, listener, handler);
    }

    private static void requireVenue(BinanceConfig config, BinanceVenue venue) {
        if (config.venue() != venue) {
            throw new IllegalArgumentException("a " + venue + " user data stream needs a " + venue + " config, not "
                    + config.venue());
        }
    }

    /** Starts; completes when the first subscription is confirmed (spot) or the first stream is CONNECTED (USD-M). */
    public CompletableFuture<Result<Void>> start() {
        if (rest == null) {
            if (ownsWsApi) {
                wsApi.start().thenAccept(r -> {
                    if (!r.isOk()) {
                        started.complete(Result.err(r.error()));
                    } else {
                        startDeadline();
                    }
                });
            } else {
                startDeadline();
            }
            wsApi.connection().subscribe(SUBSCRIPTION_KEY, this::subscribeFrame);
        } else {
            timer.execute(() -> openWithNewKey(null));
        }
        return started;
    }

    /** The WebSocket API client the spot stream runs on (its own or the shared one); null for USD-M. */
    public BinanceWsApiClient wsApi() {
        return wsApi;
    }

    // ---- spot ----

    /**
     * Spot, once the WebSocket API client is up: the first subscription must be confirmed within the request timeout,
     * or {@link #start()} fails with a TIMEOUT error naming the request that got no answer.
     */
    private void startDeadline() {
        long timeout = config.requestTimeout().toMillis();
        CompletableFuture.delayedExecutor(timeout, TimeUnit.MILLISECONDS).execute(() -> {
            if (closed.get() || started.isDone()) {
                return;
            }
            SubscribeRequest request = unanswered;
            String method = request != null ? request.method() : subscribeMethod(wsApi.sessionLoggedOn());
            LOG.warn("{}: {} got no answer within {} ms; the user data stream did not start", config.exchange(),
                    method, timeout);
            started.complete(Result.err(ExchangeError.timeout(config.exchange(), method + ": no answer within "
                    + timeout + " ms; the user data subscription is not confirmed")));
        });
    }

    /** Called by the connection each time it sends the subscription (first time, and on every new socket). */
    private String subscribeFrame() {
        String id = ID_PREFIX + ids.incrementAndGet();
        boolean loggedOn = wsApi.sessionLoggedOn();
        String method = subscribeMethod(loggedOn);
        ObjectNode request = JSON.createObjectNode().put("id", id).put("method", method);
        if (!loggedOn) {
            request.set("params", JSON.valueToTree(signing.sign(Map.of())));
        }
        SubscribeRequest sent = new SubscribeRequest(id, method);
        unanswered = sent;
        if (started.isDone()) {
            warnIfUnanswered(sent);
        }
        return request.toString();
    }

    /** On a logged-on (Ed25519) session the subscription needs no signature; otherwise it carries one. */
    private static String subscribeMethod(boolean loggedOn) {
        return loggedOn ? "userDataStream.subscribe" : "userDataStream.subscribe.signature";
    }

    /** A resubscription: nobody waits for it, so an answer that does not come in time is logged. */
    private void warnIfUnanswered(SubscribeRequest sent) {
        long timeout = config.requestTimeout().toMillis();
        CompletableFuture.delayedExecutor(timeout, TimeUnit.MILLISECONDS).execute(() -> {
            if (!closed.get() && unanswered == sent) {
                LOG.warn("{}: {} got no answer within {} ms; user data events may be missing until it is answered",
                        config.exchange(), sent.method(), timeout);
            }
        });
    }

    /**
     * A frame of the WebSocket API that is not a response to a pending request. Returns whether it belonged to the user
     * data stream (a subscription answer or an account event); the owner of a shared client handles the others.
     */
    public boolean accept(JsonNode frame, String raw) {
        if (closed.get()) {
            return true;
        }
        if (frame == null || frame.isMissingNode()) {
            handler.onEvent(MissingNode.getInstance(), raw);
            return true;
        }
        if (frame.path("id").asText("").startsWith(ID_PREFIX)) {
            onSubscribeAnswer(frame);
            return true;
        }
        if (frame.has("subscriptionId") && frame.has("event")) {
            JsonNode event = UserDataMapping.unwrap(frame);
            if ("eventStreamTerminated".equals(event.path("e").asText())) {
                pendingGap = "the exchange terminated the user data subscription";
                LOG.warn("{}: user data subscription terminated by the exchange; subscribing again", config.exchange());
                wsApi.connection().subscribe(SUBSCRIPTION_KEY, this::subscribeFrame);
            }
            handler.onEvent(event, raw);
            return true;
        }
        if (ownsWsApi) {
            handler.onEvent(frame, raw); // not an event we know: the handler reports it as malformed
            return true;
        }
        return false;
    }

    /**
     * Spot: the WebSocket API client dropped {@code dropped} frames (its consumer was too slow); account events may be
     * among them, so a gap is reported now (the stream itself is still live). Called on the client's consumer thread.
     */
    public void overflowed(long dropped) {
        if (closed.get() || rest != null) {
            return;
        }
        LOG.warn("{}: {} frames dropped on the user data connection; recovering the account state", config.exchange(),
                dropped);
        handler.onGap(dropped + " user data frames dropped: the handler was too slow");
    }

    private void onSubscribeAnswer(JsonNode frame) {
        SubscribeRequest waiting = unanswered;
        if (waiting != null && waiting.id().equals(frame.path("id").asText())) {
            unanswered = null;
        }
        if (frame.path("status").asInt() == 200) {
            if (confirmedOnce || pendingGap != null) {
                String reason = pendingGap != null ? pendingGap
                        : "user data subscription renewed on a new connection; events in between may be lost";
                pendingGap = null;
                handler.onGap(reason);
            }
            confirmedOnce = true;
            started.complete(Result.ok());
            return;
        }
        JsonNode error = frame.path("error");
        String message = "user data subscription refused: " + error.path("code").asText("?") + " "
                + error.path("msg").asText("");
        LOG.warn("{}: {}", config.exchange(), message);
        if (!confirmedOnce) {
            started.complete(Result.err(new ExchangeError(io.exchangebus.events.ErrorKind.AUTH, config.exchange(),
                    error.path("code").asText(null), message, frame.path("status").asInt(), false, null)));
            return;
        }
        pendingGap = message;
        CompletableFuture.delayedExecutor(RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (!closed.get()) {
                wsApi.connection().subscribe(SUBSCRIPTION_KEY, this::subscribeFrame);
            }
        });
    }

    // ---- USD-M ----

    private String path() {
        return config.venue().restPrefix() + "/listenKey";
    }

    /** Timer thread: asks for a key, opens its stream, reports {@code gapReason} once CONNECTED (null: first start). */
    private void openWithNewKey(String gapReason) {
        if (closed.get()) {
            return;
        }
        renewing = true;
        Result<JsonNode> answer = rest.call(rest.withApiKey(HttpCall.post(path()))).join();
        if (closed.get()) {
            return;
        }
        if (!answer.isOk() || !answer.value().path("listenKey").isTextual()) {
            String why = answer.isOk() ? "no listenKey in the answer" : answer.error().toString();
            LOG.warn("{}: could not get a listenKey ({}); retrying in {} ms", config.exchange(), why,
                    RETRY_DELAY.toMillis());
            boolean permanent = answer.isOk() || !answer.error().retryable();
            if (gapReason == null && !started.isDone() && permanent) {
                started.complete(Result.err(answer.isOk() ? ExchangeError.network(config.exchange(), why)
                        : answer.error()));
                return;
            }
            timer.schedule(() -> openWithNewKey(gapReason), RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        String key = answer.value().get("listenKey").asText();
        listenKey = key;
        LOG.info("{}: user data stream on listenKey {}", config.exchange(), mask(key));
        WsConnection[] holder = new WsConnection[1];
        AtomicBoolean gapReported = new AtomicBoolean(gapReason == null);
        WsConnection connection = new WsConnection(withUri(streamSettings, config.endpoints().rawStream(key)),
                new WsHandler() {
                    @Override
                    public void onMessage(String text) {
                        onStreamFrame(holder[0], text);
                    }

                    @Override
                    public void onOverflow(long dropped) {
                        LOG.warn("{}: {} frames dropped on the user data stream; recovering the account state",
                                config.exchange(), dropped);
                        handler.onGap(dropped + " user data frames dropped: the handler was too slow");
                    }
                },
                new ConnectionListener() {
                    @Override
                    public void onConnectionEvent(ConnectionEvent event) {
                        onStreamState(holder[0], event, gapReason, gapReported);
                    }

                    @Override
                    public void onFramesDropped(FramesDropped event) {
                        listener.onFramesDropped(event);
                    }
                }, WsOpenHook.NONE);
        holder[0] = connection;
        stream = connection;
        renewing = false;
        connection.start();
        if (keepAliveTask == null) {
            keepAliveTask = timer.scheduleAtFixedRate(this::keepAlive, keepAlive.toNanos(), keepAlive.toNanos(),
                    TimeUnit.NANOSECONDS);
        }
    }

    private void onStreamState(WsConnection source, ConnectionEvent event, String gapReason, AtomicBoolean gapReported) {
        if (source != stream) {
            return; // a replaced connection: its DISCONNECTED was reported when it was replaced, its CLOSED is ours
        }
        listener.onConnectionEvent(event);
        if (event.state() == ConnectionState.CONNECTED) {
            failedRenewals = 0;
            started.complete(Result.ok());
            if (gapReported.compareAndSet(false, true)) {
                handler.onGap(gapReason);
            }
        } else if (event.state() == ConnectionState.DISCONNECTED && !closed.get()) {
            String reason = "user data stream dropped: " + event.reason();
            timer.execute(() -> {
                if (stream == source) {
                    renewAfterLoss(source, reason);
                }
            });
        }
    }

    private void onStreamFrame(WsConnection source, String text) {
        if (source != stream || closed.get()) {
            return;
        }
        JsonNode frame;
        try {
            frame = JSON.readTree(text);
        } catch (IOException e) {
            handler.onEvent(MissingNode.getInstance(), text);
            return;
        }
        JsonNode event = UserDataMapping.unwrap(frame);
        if ("listenKeyExpired".equals(event.path("e").asText())) {
            // The docs' example carries the key: it is not the current one only if we already renewed.
            String expired = event.path("listenKey").asText(null);
            if (expired == null || expired.equals(listenKey)) {
                timer.execute(() -> {
                    if (stream == source) {
                        renew("listenKey expired");
                    }
                });
            }
        }
        handler.onEvent(event.isMissingNode() ? frame : event, text);
    }

    private void keepAlive() {
        String key = listenKey;
        if (closed.get() || key == null || renewing) {
            return;
        }
        Result<JsonNode> answer = rest.call(rest.withApiKey(HttpCall.put(path()))).join();
        if (answer.isOk()) {
            LOG.debug("{}: listenKey {} kept alive", config.exchange(), mask(key));
            return;
        }
        ExchangeError error = answer.error();
        if ("-1125".equals(error.code())) {
            renew("keep-alive refused: the listenKey does not exist (-1125)");
        } else {
            LOG.warn("{}: keep-alive of listenKey {} failed ({}); retrying in {} ms", config.exchange(), mask(key),
                    error.kind(), RETRY_DELAY.toMillis());
            timer.schedule(this::keepAlive, RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Timer thread: the current stream is useless (key gone): report it lost, replace it. */
    private void renew(String reason) {
        WsConnection old = stream;
        if (old != null && old.state() == ConnectionState.CONNECTED) {
            listener.onConnectionEvent(new ConnectionEvent(streamSettings.name(), ConnectionState.DISCONNECTED, reason,
                    0, Instant.now()));
        }
        renewAfterLoss(old, reason);
    }

    private void renewAfterLoss(WsConnection old, String reason) {
        if (closed.get()) {
            return;
        }
        LOG.warn("{}: renewing the user data stream: {}", config.exchange(), reason);
        stream = null;
        if (old != null) {
            old.close();
        }
        int failures = failedRenewals++;
        if (failures == 0) {
            openWithNewKey(reason);
        } else {
            long delay = Math.min(30_000L, 250L << Math.min(failures - 1, 7));
            renewing = true;
            timer.schedule(() -> openWithNewKey(reason), delay, TimeUnit.MILLISECONDS);
        }
    }

    private static WsSettings withUri(WsSettings s, URI uri) {
        return new WsSettings(s.name(), uri, s.handshakeHeaders(), s.connectTimeout(), s.pingInterval(),
                s.appHeartbeat(), s.appHeartbeatInterval(), s.silenceTimeout(), s.backoff(), s.healthyPeriod(),
                s.handOffCapacity(), s.overflowPolicy());
    }

    /** A listenKey as it may appear in logs: its first four characters. */
    public static String mask(String key) {
        return key == null ? "null" : key.substring(0, Math.min(4, key.length())) + "…(" + key.length() + ")";
    }

    /** Closes the stream: unsubscribes (spot, shared client) or closes the key's stream and DELETEs the key (USD-M). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        started.complete(Result.err(ExchangeError.network(config.exchange(), "closed")));
        if (rest == null) {
            if (ownsWsApi) {
                wsApi.close();
            } else {
                wsApi.connection().unsubscribe(SUBSCRIPTION_KEY, JSON.createObjectNode()
                        .put("id", ID_PREFIX + ids.incrementAndGet()).put("method", "userDataStream.unsubscribe")
                        .toString());
            }
            return;
        }
        timer.shutdownNow();
        WsConnection current = stream;
        if (current != null) {
            current.close();
        }
        if (listenKey != null) {
            try {
                rest.call(rest.withApiKey(HttpCall.delete(path()))).get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.debug("{}: closing the listenKey failed: {}", config.exchange(), e.toString());
            }
        }
        listener.onConnectionEvent(new ConnectionEvent(streamSettings.name(), ConnectionState.CLOSED, null, 0,
                Instant.now()));
    }
}
