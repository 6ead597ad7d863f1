package io.exchangebus.connectors.core.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.ws.WsHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Where each frame a {@link JsonRpcClient} reads goes, on the connection's consumer thread, in the order frames were
 * read. Each goes to exactly one place, tried in this order: the bytes hook
 * ({@link JsonRpcClient.Builder#rawBytesFirst}, when given), the text hook ({@link JsonRpcClient.Builder#rawFirst}),
 * the pending request its {@code id} answers (a frame with {@code result} or {@code error}), the handler of its
 * channel, the {@link ServerRequestHook} (a frame with a {@code method}, e.g. a heartbeat); else the
 * {@link FallbackHandler} with the raw text.
 *
 * <p>The routes are kept here because only this side reads them per frame; {@link JsonRpcClient#route} and
 * {@link JsonRpcClient#unroute} write them from any thread, hence the concurrent map.
 */
final class JsonRpcFrames implements WsHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Offered each frame's UTF-8 bytes before its text is made; null when the client reads text frames as text. */
    private final Predicate<byte[]> rawBytesFirst;
    private final Predicate<String> rawFirst;
    private final PendingRequests<Long, JsonNode> pending;
    private final JsonRpcErrorClassifier classifier;
    private final ChannelExtractor channels;
    private final Map<String, NotificationHandler> routes = new ConcurrentHashMap<>();
    private final ServerRequestHook serverRequests;
    /** What a server request's hook answers with: the client itself. */
    private final JsonRpcRequester requester;
    private final FallbackHandler fallback;
    private final OverflowHandler overflow;

    JsonRpcFrames(Predicate<byte[]> rawBytesFirst, Predicate<String> rawFirst, PendingRequests<Long, JsonNode> pending,
                  JsonRpcErrorClassifier classifier, ChannelExtractor channels, ServerRequestHook serverRequests,
                  JsonRpcRequester requester, FallbackHandler fallback, OverflowHandler overflow) {
        this.rawBytesFirst = rawBytesFirst;
        this.rawFirst = rawFirst;
        this.pending = pending;
        this.classifier = classifier;
        this.channels = channels;
        this.serverRequests = serverRequests;
        this.requester = requester;
        this.fallback = fallback;
        this.overflow = overflow;
    }

    /** Routes notifications of {@code channel} to {@code handler}, replacing any. */
    void route(String channel, NotificationHandler handler) {
        routes.put(Objects.requireNonNull(channel, "channel"), Objects.requireNonNull(handler, "handler"));
    }

    /** Stops routing {@code channel}: its notifications reach the fallback again. */
    void unroute(String channel) {
        routes.remove(channel);
    }

    /** Asked once by the connection: bytes only when a hook takes them, so other venues keep the library's text. */
    @Override
    public boolean readsTextAsBytes() {
        return rawBytesFirst != null;
    }

    /**
     * A frame's bytes, when {@link #readsTextAsBytes()}: offered to the bytes hook; one it declines is decoded
     * (a malformed sequence becoming U+FFFD) and read as any text frame, from {@link JsonRpcClient.Builder#rawFirst}
     * on.
     */
    @Override
    public void onText(byte[] utf8) {
        if (rawBytesFirst.test(utf8)) {
            return; // taken from its bytes by the venue's fast path: no String, no tree
        }
        onMessage(new String(utf8, StandardCharsets.UTF_8));
    }

    @Override
    public void onMessage(String raw) {
        if (rawFirst.test(raw)) {
            return; // taken from its text by the venue's fast path: no tree
        }
        JsonNode frame = parse(raw);
        if (frame == null || !frame.isObject()) {
            fallback.onUnrouted(raw);
        } else if (isAnswer(frame)) {
            if (!answer(frame)) {
                fallback.onUnrouted(raw); // late (timed out or failed), or not ours
            }
        } else if (!routeNotification(frame) && !serverRequest(frame)) {
            fallback.onUnrouted(raw);
        }
    }

    @Override
    public void onOverflow(long dropped) {
        overflow.onOverflow(dropped);
    }

    private static JsonNode parse(String raw) {
        try {
            return JSON.readTree(raw);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean isAnswer(JsonNode frame) {
        return frame.hasNonNull("id") && (frame.has("result") || frame.hasNonNull("error"));
    }

    private boolean answer(JsonNode frame) {
        Long id = idOf(frame.get("id"));
        String method = id == null ? null : pending.methodOf(id);
        if (method == null) {
            return false;
        }
        Result<JsonNode> result = frame.hasNonNull("error")
                ? Result.err(classifier.classify(method, frame.get("error")))
                : Result.ok(frame.has("result") ? frame.get("result") : NullNode.instance);
        return pending.complete(id, result);
    }

    /** Our ids are numbers; a venue that echoes them as text ("7") is matched too. */
    private static Long idOf(JsonNode id) {
        if (id.canConvertToLong() && id.isIntegralNumber()) {
            return id.asLong();
        }
        if (id.isTextual()) {
            try {
                return Long.parseLong(id.asText());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private boolean routeNotification(JsonNode frame) {
        String channel = channels.channelOf(frame);
        NotificationHandler handler = channel == null ? null : routes.get(channel);
        if (handler == null) {
            return false;
        }
        handler.onNotification(channel, frame);
        return true;
    }

    private boolean serverRequest(JsonNode frame) {
        return frame.has("method") && serverRequests.onServerRequest(frame, requester);
    }
}
