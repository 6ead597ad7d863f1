package io.exchangebus.connectors.grvt.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.connection.ConnectionListener;
import io.exchangebus.connectors.core.connection.ConnectionState;
import io.exchangebus.connectors.core.connection.FramesDropped;
import io.exchangebus.connectors.core.number.ExactNumbers;
import io.exchangebus.connectors.core.rpc.PendingRequests;
import io.exchangebus.connectors.core.ws.WsConnection;
import io.exchangebus.connectors.core.ws.WsHandler;
import io.exchangebus.connectors.core.ws.WsOpenHook;
import io.exchangebus.connectors.core.ws.WsSettings;
import io.exchangebus.connectors.grvt.GrvtVenue;
import io.exchangebus.connectors.grvt.http.GrvtErrors;
import io.exchangebus.events.ErrorKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * GRVT's JSON-RPC WebSocket at {@code /ws/full} (grvt.md §2, §6, §7) on core's {@link WsConnection}, which
 * reconnects with backoff and resends every subscription on each new socket. On the trades host the handshake
 * carries {@code Cookie: gravity=…} and {@code X-Grvt-Account-Id} ({@link WsSettings#handshakeHeaders}, asked anew
 * per attempt so a renewed cookie is used).
 *
 * <ul>
 *   <li><b>Requests</b> {@code {"jsonrpc":"2.0","method","params","id"}} always carry an {@code id} (1, 2, …: within
 *       GRVT's uint32; without one GRVT answers without one and nothing could be matched). Answers are read with
 *       exact numbers and matched by core's {@link PendingRequests}; errors classified by {@link GrvtErrors}.</li>
 *   <li><b>Subscriptions</b>: {@code subscribe {stream, selectors:[…]}}, one selector per call; the answer's
 *       {@code subs} must name it. Subscribing again replaces it and GRVT sends a new snapshot
 *       ({@link #resubscribe}, how a book resyncs). {@code unsubscribe} takes the same params.</li>
 *   <li><b>Feed frames</b> {@code {stream, selector, sequence_number, feed, prev_sequence_number}} go to the
 *       handler of their {@link GrvtChannel#key()}; anything else to the unrouted handler with its raw text.</li>
 * </ul>
 * Threads: requests from any thread, never blocking; handlers and answers on the consumer thread. Params, cookies
 * and frames are never logged.
 */
public final class GrvtRpc implements AutoCloseable {

    private static final ObjectMapper JSON = ExactNumbers.exactMapper();

    private final WsConnection connection;
    private final PendingRequests<Long, JsonNode> pending;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, GrvtFeedHandler> routes = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Result<Void>>> firstAnswers = new ConcurrentHashMap<>();
    private final Events events;
    private final Clock clock;

    /** What the owner of a connection hears besides feed frames. */
    public interface Events extends ConnectionListener {
        /** A frame that is neither an answer of ours nor a routed feed frame (a malformed frame among them). */
        void onUnrouted(String raw, Instant receivedAt);

        /** Frames were lost to a full hand-off queue: books resync, private state is re-read. */
        void onOverflow(long dropped);

        /** The answer to a subscription resent after a reconnect or by {@link #resubscribe}. */
        default void onResubscribed(GrvtChannel channel, Result<Void> answer) {
        }
    }

    public GrvtRpc(WsSettings settings, Duration requestTimeout, Events events, Clock clock) {
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pending = new PendingRequests<>(GrvtVenue.EXCHANGE, requestTimeout);
        this.connection = new WsConnection(settings, new Frames(),
                new ConnectionListener() {
                    @Override
                    public void onConnectionEvent(ConnectionEvent event) {
                        ConnectionState s = event.state();
                        if (s == ConnectionState.DISCONNECTED || s == ConnectionState.RECONNECTING
                                || s == ConnectionState.CLOSED) {
                            pending.failAll();
                        }
                        events.onConnectionEvent(event);
                    }

                    @Override
                    public void onFramesDropped(FramesDropped event) {
                        events.onFramesDropped(event);
                    }
                }, WsOpenHook.NONE);
    }

    /** Connects; completes when CONNECTED (after the subscriptions are resent). */
    public CompletableFuture<Result<Boolean>> start() {
        return connection.start();
    }

    public ConnectionState state() {
        return connection.state();
    }

    /** A request with its exact answer's {@code result}, or the classified error, NETWORK or TIMEOUT. */
    public CompletableFuture<Result<JsonNode>> request(String method, JsonNode params) {
        long id = ids.incrementAndGet();
        CompletableFuture<Result<JsonNode>> answer = pending.register(id, method);
        Result<Boolean> sent = connection.send(frame(id, method, params));
        if (!sent.isOk()) {
            pending.fail(id, sent.error());
        }
        return answer;
    }

    /**
     * Routes {@code channel}'s frames to {@code handler} and subscribes now if connected, else on connect; again on
     * every new socket. Completes with the first answer: ok when {@code subs} names the selector.
     */
    public CompletableFuture<Result<Void>> subscribe(GrvtChannel channel, GrvtFeedHandler handler) {
        routes.put(channel.key(), Objects.requireNonNull(handler, "handler"));
        CompletableFuture<Result<Void>> first = new CompletableFuture<>();
        firstAnswers.put(channel.key(), first);
        connection.subscribe(channel.key(), () -> subscribeFrame(channel));
        return first;
    }

    /** Subscribes {@code channel} again (GRVT replaces it and starts it from a new snapshot). */
    public CompletableFuture<Result<Void>> resubscribe(GrvtChannel channel) {
        GrvtFeedHandler handler = routes.get(channel.key());
        if (handler == null) {
            return CompletableFuture.completedFuture(Result.err(ExchangeError.network(GrvtVenue.EXCHANGE,
                    channel + " is not subscribed")));
        }
        return subscribe(channel, handler);
    }

    /** Stops routing {@code channel} and unsubscribes it if connected; it is not resent. */
    public void unsubscribe(GrvtChannel channel) {
        routes.remove(channel.key());
        firstAnswers.remove(channel.key());
        long id = ids.incrementAndGet();
        pending.register(id, "unsubscribe");
        connection.unsubscribe(channel.key(), frame(id, "unsubscribe", params(channel)));
    }

    private String subscribeFrame(GrvtChannel channel) {
        long id = ids.incrementAndGet();
        pending.register(id, "subscribe").thenAccept(answer -> answered(channel, answer));
        return frame(id, "subscribe", params(channel));
    }

    private void answered(GrvtChannel channel, Result<JsonNode> answer) {
        Result<Void> checked = check(channel, answer);
        CompletableFuture<Result<Void>> first = firstAnswers.remove(channel.key());
        if (first == null || !first.complete(checked)) {
            events.onResubscribed(channel, checked);
        }
    }

    static Result<Void> check(GrvtChannel channel, Result<JsonNode> answer) {
        if (!answer.isOk()) {
            return Result.err(answer.error());
        }
        for (JsonNode sub : answer.value().path("subs")) {
            if (GrvtChannel.primary(sub.asText()).equals(GrvtChannel.primary(channel.selector()))) {
                return Result.ok();
            }
        }
        return Result.err(new ExchangeError(ErrorKind.UNKNOWN, GrvtVenue.EXCHANGE, "SUBSCRIPTION_INCOMPLETE",
                "subscribe: " + channel + " is not in the answer's subs", 0, false, null));
    }

    static ObjectNode params(GrvtChannel channel) {
        ObjectNode params = JSON.createObjectNode().put("stream", channel.stream());
        params.putArray("selectors").add(channel.selector());
        return params;
    }

    private static String frame(long id, String method, JsonNode params) {
        ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", method);
        request.set("params", params == null ? JSON.createObjectNode() : params);
        return request.put("id", id).toString();
    }

    // ---- frames, on the consumer thread ----

    /**
     * Reads text frames as their UTF-8 bytes: a feed frame in the compact full form whose handler reads bytes is
     * routed and taken without a String of it; any other frame (answers, subscriptions, lite or spaced frames,
     * malformed ones) is decoded, a malformed sequence becoming U+FFFD, and read as text as before.
     */
    private final class Frames implements WsHandler {
        @Override
        public boolean readsTextAsBytes() {
            return true;
        }

        @Override
        public void onText(byte[] utf8) {
            String key = GrvtChannel.routeKey(utf8);
            GrvtFeedHandler byBytes = key == null ? null : routes.get(key);
            if (byBytes != null && byBytes.onFeedBytes(utf8, clock.instant())) {
                return; // a feed frame its handler reads from the bytes (book deltas, trades): no String, no tree
            }
            onMessage(new String(utf8, StandardCharsets.UTF_8));
        }

        @Override
        public void onMessage(String raw) {
            GrvtRpc.this.onMessage(raw);
        }

        @Override
        public void onOverflow(long dropped) {
            events.onOverflow(dropped);
        }
    }

    private void onMessage(String raw) {
        Instant received = clock.instant();
        String key = GrvtChannel.routeKey(raw);
        GrvtFeedHandler byText = key == null ? null : routes.get(key);
        if (byText != null && byText.onFeedText(raw, received)) {
            return; // a feed frame its handler reads from the text (book deltas, trades): no tree
        }
        JsonNode frame = parse(raw);
        if (frame == null) {
            events.onUnrouted(raw, received);
        } else if (frame.hasNonNull("id") && (frame.has("result") || frame.hasNonNull("error"))) {
            if (!answer(frame)) {
                events.onUnrouted(raw, received);
            }
        } else if (!route(frame, raw, received)) {
            events.onUnrouted(raw, received);
        }
    }

    private boolean answer(JsonNode frame) {
        JsonNode idNode = frame.get("id");
        if (!idNode.canConvertToLong()) {
            return false;
        }
        long id = idNode.asLong();
        if (pending.methodOf(id) == null) {
            return false;
        }
        JsonNode error = frame.get("error");
        Result<JsonNode> result = error != null && !error.isNull()
                ? Result.err(GrvtErrors.of(error, 0).orElseGet(() -> new ExchangeError(ErrorKind.UNKNOWN,
                        GrvtVenue.EXCHANGE, null, "error without a code", 0, false, null)))
                : Result.ok(frame.has("result") ? frame.get("result") : NullNode.getInstance());
        return pending.complete(id, result);
    }

    private boolean route(JsonNode frame, String raw, Instant received) {
        JsonNode stream = frame.get("stream");
        JsonNode selector = frame.get("selector");
        if (stream == null || !stream.isTextual() || selector == null || !selector.isTextual()) {
            return false;
        }
        GrvtFeedHandler handler = routes.get(GrvtChannel.key(stream.asText(), selector.asText()));
        if (handler == null) {
            return false;
        }
        handler.onFeed(frame, raw, received);
        return true;
    }

    private static JsonNode parse(String raw) {
        try {
            JsonNode node = JSON.readTree(raw);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Requests sent and not yet answered. */
    public int pendingCount() {
        return pending.size();
    }

    @Override
    public void close() {
        connection.close();
        pending.failAll();
    }

    /** Adapts {@link Consumer}s where a full {@link Events} is not needed (tests). */
    public static Events events(ConnectionListener listener, Consumer<String> unrouted) {
        return new Events() {
            @Override
            public void onConnectionEvent(ConnectionEvent event) {
                listener.onConnectionEvent(event);
            }

            @Override
            public void onUnrouted(String raw, Instant receivedAt) {
                unrouted.accept(raw);
            }

            @Override
            public void onOverflow(long dropped) {
            }
        };
    }
}
