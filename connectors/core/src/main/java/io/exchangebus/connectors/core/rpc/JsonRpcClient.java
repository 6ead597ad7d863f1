package io.exchangebus.connectors.core.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.connection.ConnectionListener;
import io.exchangebus.connectors.core.connection.ConnectionState;
import io.exchangebus.connectors.core.connection.FramesDropped;
import io.exchangebus.connectors.core.ws.WsConnection;
import io.exchangebus.connectors.core.ws.WsHandler;
import io.exchangebus.connectors.core.ws.WsOpenHook;
import io.exchangebus.connectors.core.ws.WsSender;
import io.exchangebus.connectors.core.ws.WsSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * An exchange-neutral JSON-RPC 2.0 client over a {@link WsConnection} that reconnects by itself: requests
 * {@code {"jsonrpc":"2.0","id":n,"method":…,"params":{…}}} with numeric ids (1, 2, … per client: within GRVT's
 * uint32), matched to their answers by {@link PendingRequests}; notifications routed by channel; subscriptions
 * checked against the answer and resent on every new socket. What differs between venues is supplied: the error
 * classifier, the channel extractor, the server-request hook, the subscription protocol, the open hook (login).
 *
 * <p>Each frame read goes to exactly one place, in this order: the pending request its {@code id} answers (a frame
 * with {@code result} or {@code error}); the handler of its channel; the {@link ServerRequestHook} (a frame with a
 * {@code method}, e.g. a heartbeat); else the {@link FallbackHandler} with the raw text ({@code JsonRpcFrames} routes
 * them; this class keeps the requests and the connection). A lost socket fails every pending request with a NETWORK
 * error (outcome unknown), at DISCONNECTED, at the start of each reconnect attempt (which also covers a login lost on
 * a socket that never became CONNECTED) and at CLOSED.
 *
 * <p>Threads: {@link #request} and {@link #subscribe} may be called from any thread and never block. Handlers, hooks
 * and the fallback are called on the connection's consumer thread, in the order frames were read; futures complete
 * there too (or on the JDK's delay thread for a timeout, see {@link PendingRequests}). The connection listener is
 * called on the connection's timer thread.
 *
 * <p>Never logged, never in an error message: parameters (they may hold keys, tokens, signatures) and frames.
 */
public final class JsonRpcClient implements JsonRpcRequester, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String exchange;
    private final ConnectionListener listener;
    private final PendingRequests<Long, JsonNode> pending;
    private final AtomicLong ids = new AtomicLong();
    private final JsonRpcFrames frames;
    private final WsConnection connection;
    private final JsonRpcSubscriptions subscriptions;

    private JsonRpcClient(Builder b) {
        this.exchange = b.exchange;
        FallbackHandler fallback = Objects.requireNonNull(b.fallback,
                "fallback: every JSON-RPC client must say where frames nobody else takes go");
        OverflowHandler overflow = Objects.requireNonNull(b.overflow,
                "onOverflow: every JSON-RPC client must say how it recovers from lost frames");
        this.listener = b.listener;
        this.pending = new PendingRequests<>(b.exchange, b.requestTimeout);
        this.frames = new JsonRpcFrames(b.rawBytesFirst, b.rawFirst, pending,
                b.classifier != null ? b.classifier : JsonRpcErrorClassifier.keepingCode(b.exchange), b.channels,
                b.serverRequests, this, fallback, overflow);
        JsonRpcOpenHook openHook = b.openHook;
        WsOpenHook hook = sender -> openHook.onOpen((method, params) -> send(method, params, sender));
        this.connection = new WsConnection(b.settings, frames, new ConnectionListener() {
            @Override
            public void onConnectionEvent(ConnectionEvent event) {
                JsonRpcClient.this.onConnectionEvent(event);
            }

            @Override
            public void onFramesDropped(FramesDropped event) {
                listener.onFramesDropped(event);
            }
        }, hook);
        this.subscriptions = b.subscriptions == null ? null : new JsonRpcSubscriptions(b.exchange, b.subscriptions,
                connection, this::prepare, b.resubscribed);
    }

    /** @param exchange the venue id, in errors @param settings the connection's */
    public static Builder builder(String exchange, WsSettings settings) {
        return new Builder(exchange, settings);
    }

    /** Connects; completes as {@link WsConnection#start()} does (after the open hook and the resubscriptions). */
    public CompletableFuture<Result<Boolean>> start() {
        return connection.start();
    }

    /**
     * Sends a request if CONNECTED. Completes with the answer's {@code result}, the classified error object, a
     * retryable NETWORK error if not connected or the socket is lost first, or a retryable TIMEOUT error after the
     * request timeout; the last two say the outcome is unknown.
     */
    @Override
    public CompletableFuture<Result<JsonNode>> request(String method, JsonNode params) {
        return send(method, params, connection::send);
    }

    /** {@link #request(String, JsonNode)} with parameters as a map of JSON-convertible values. */
    public CompletableFuture<Result<JsonNode>> request(String method, Map<String, ?> params) {
        JsonNode tree = JSON.valueToTree(params);
        return request(method, tree);
    }

    /** Routes notifications of {@code channel} to {@code handler}, replacing any; until then they reach the fallback. */
    public void route(String channel, NotificationHandler handler) {
        frames.route(channel, handler);
    }

    /** Stops routing {@code channel}: its notifications reach the fallback again. */
    public void unroute(String channel) {
        frames.unroute(channel);
    }

    /**
     * Routes {@code channels} to {@code handler} and subscribes to them with the builder's
     * {@link SubscriptionProtocol}: at once if connected, else when connected; again on every new socket, after
     * the open hook. Completes with the channels asked for when the answer confirms them all; with an error naming
     * those missing from the answer (code {@code SUBSCRIPTION_INCOMPLETE}; they are forgotten, the others stay
     * subscribed); with the classified error if refused (all forgotten); with a NETWORK or TIMEOUT error if
     * unanswered (kept, and resent on the next socket). Answers to resends go to the builder's resubscribe listener.
     */
    public CompletableFuture<Result<List<String>>> subscribe(List<String> channels, NotificationHandler handler) {
        if (subscriptions == null) {
            throw new IllegalStateException(exchange + ": no SubscriptionProtocol given to the builder");
        }
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("no channels to subscribe");
        }
        channels.forEach(c -> route(c, handler));
        return subscriptions.subscribe(List.copyOf(channels));
    }

    /** Requests sent and not yet answered, failed or timed out. */
    public int pendingCount() {
        return pending.size();
    }

    public WsConnection connection() {
        return connection;
    }

    @Override
    public void close() {
        connection.close();
    }

    // ---- requests ----

    private CompletableFuture<Result<JsonNode>> send(String method, JsonNode params, WsSender sender) {
        long id = ids.incrementAndGet();
        CompletableFuture<Result<JsonNode>> answer = pending.register(id, method);
        Result<Boolean> sent = sender.send(frame(id, method, params));
        if (!sent.isOk()) {
            pending.fail(id, sent.error());
        }
        return answer;
    }

    /** For subscriptions: the connection sends the frame itself, now or on the next socket. */
    private String prepare(String method, JsonNode params, Consumer<Result<JsonNode>> onAnswer) {
        long id = ids.incrementAndGet();
        pending.register(id, method).thenAccept(onAnswer);
        return frame(id, method, params);
    }

    private static String frame(long id, String method, JsonNode params) {
        ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        request.set("params", params == null ? JSON.createObjectNode() : params);
        return request.toString();
    }

    // ---- connection states, on the timer thread ----

    private void onConnectionEvent(ConnectionEvent event) {
        ConnectionState state = event.state();
        if (state == ConnectionState.DISCONNECTED || state == ConnectionState.RECONNECTING
                || state == ConnectionState.CLOSED) {
            pending.failAll();
        }
        listener.onConnectionEvent(event);
    }

    /**
     * Builds a {@link JsonRpcClient}. Required: exchange, settings, {@link #fallback} and {@link #onOverflow}: a
     * client must say where unrouted frames and gaps go, so neither is lost by default. Defaults: the
     * {@link JsonRpcErrorClassifier#keepingCode keeping-code} classifier, {@link ChannelExtractor#JSON_RPC_SUBSCRIPTION},
     * no server-request hook, no open hook, no listener, request timeout 10 s, and no
     * subscription protocol ({@link #subscribe} then refuses).
     */
    public static final class Builder {
        private final String exchange;
        private final WsSettings settings;
        private JsonRpcErrorClassifier classifier;
        private ChannelExtractor channels = ChannelExtractor.JSON_RPC_SUBSCRIPTION;
        private ServerRequestHook serverRequests = ServerRequestHook.NONE;
        private FallbackHandler fallback;
        private Predicate<String> rawFirst = raw -> false;
        private Predicate<byte[]> rawBytesFirst;
        private OverflowHandler overflow;
        private JsonRpcOpenHook openHook = JsonRpcOpenHook.NONE;
        private ConnectionListener listener = event -> { };
        private SubscriptionProtocol subscriptions;
        private Consumer<Result<List<String>>> resubscribed = r -> { };
        private Duration requestTimeout = Duration.ofSeconds(10);

        private Builder(String exchange, WsSettings settings) {
            this.exchange = Objects.requireNonNull(exchange, "exchange");
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        public Builder errors(JsonRpcErrorClassifier classifier) {
            this.classifier = Objects.requireNonNull(classifier, "classifier");
            return this;
        }

        public Builder channels(ChannelExtractor extractor) {
            this.channels = Objects.requireNonNull(extractor, "extractor");
            return this;
        }

        public Builder serverRequests(ServerRequestHook hook) {
            this.serverRequests = Objects.requireNonNull(hook, "hook");
            return this;
        }

        /** Required: receives the raw text of every frame nobody else takes. */
        public Builder fallback(FallbackHandler handler) {
            this.fallback = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * Offered each frame's text before anything else: the frames it takes (returns true for) are not read as a
         * tree here, for a venue that reads its own notifications from the text. Default: takes none.
         */
        public Builder rawFirst(Predicate<String> hook) {
            this.rawFirst = Objects.requireNonNull(hook, "hook");
            return this;
        }

        /**
         * Offered each text frame's UTF-8 bytes before anything else, as the WebSocket read them (checked as UTF-8
         * by the library, not decoded: the connection then reads text as bytes,
         * {@link WsHandler#readsTextAsBytes()}): the frames it takes (returns true for) are never made a String here,
         * for a venue that reads its notifications from the bytes. The others are decoded and go on as any frame, to {@link #rawFirst} first; so are all frames when
         * no bytes hook is given (the default). The array is the hook's to keep.
         */
        public Builder rawBytesFirst(Predicate<byte[]> hook) {
            this.rawBytesFirst = Objects.requireNonNull(hook, "hook");
            return this;
        }

        /** Required: what to do when frames were dropped (resync books, recover private state). */
        public Builder onOverflow(OverflowHandler handler) {
            this.overflow = Objects.requireNonNull(handler, "handler");
            return this;
        }

        public Builder openHook(JsonRpcOpenHook hook) {
            this.openHook = Objects.requireNonNull(hook, "hook");
            return this;
        }

        public Builder listener(ConnectionListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public Builder subscriptions(SubscriptionProtocol protocol) {
            this.subscriptions = Objects.requireNonNull(protocol, "protocol");
            return this;
        }

        /** Receives the checked answer to each resend of a subscription after a reconnect. */
        public Builder onResubscribed(Consumer<Result<List<String>>> listener) {
            this.resubscribed = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout, "requestTimeout");
            return this;
        }

        public JsonRpcClient build() {
            return new JsonRpcClient(this);
        }
    }
}
