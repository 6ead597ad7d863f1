package io.exchangebus.connectors.deribit.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.connectors.core.number.ExactNumbers;
import io.exchangebus.connectors.core.ws.FrameText;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routes Deribit's {@code subscription} notifications by {@code params.channel} to their handlers, from the raw text
 * read with exact numbers (core's client parses with a binary-float mapper, which {@code ExactNumbers} refuses), and
 * the answers of {@link DeribitExactAnswers}' requests to it.
 * Notifications of channels given up are dropped quietly; anything else no handler takes goes to the listener's
 * {@code onUnrouted} with why. Called on the connection's consumer thread.
 */
final class DeribitFrames {

    private static final ObjectMapper JSON = ExactNumbers.exactMapper();
    private static final String SUBSCRIPTION = "\"method\":\"subscription\"";
    private static final String PARAMS_CHANNEL = "\"params\":{\"channel\":\"";

    private final Clock clock;
    private final Set<String> unwanted;
    private final DeribitRpc.Listener listener;
    private final Map<String, DeribitNotificationHandler> routes = new ConcurrentHashMap<>();
    private final DeribitExactAnswers answers;

    DeribitFrames(Clock clock, Set<String> unwanted, DeribitRpc.Listener listener, DeribitExactAnswers answers) {
        this.clock = clock;
        this.unwanted = unwanted;
        this.listener = listener;
        this.answers = answers;
    }

    void route(String channel, DeribitNotificationHandler handler) {
        routes.put(channel, handler);
    }

    void unroute(String channel) {
        routes.remove(channel);
    }

    /**
     * A notification in Deribit's usual layout whose handler reads the text
     * ({@link DeribitNotificationHandler.RawFirst}): handed to it, true; anything else false, untouched (core's client then reads it, and its fallback is
     * {@link #onFrame}).
     */
    boolean onRawFirst(String raw) {
        String scanned = subscriptionChannel(raw);
        if (scanned != null && routes.get(scanned) instanceof DeribitNotificationHandler.RawFirst fast) {
            fast.onRawNotification(scanned, raw, clock.instant());
            return true;
        }
        return false;
    }

    /**
     * {@link #onRawFirst(String)} of a frame's UTF-8 bytes, as read off the socket: a notification in Deribit's usual
     * layout with an ASCII channel name goes to its {@link DeribitNotificationHandler.RawFirst} as bytes, and no
     * String is made of it here; anything else false, untouched (core's client decodes it and reads it as text).
     */
    boolean onRawFirst(byte[] utf8) {
        String scanned = subscriptionChannel(utf8);
        if (scanned != null && routes.get(scanned) instanceof DeribitNotificationHandler.RawFirst fast) {
            fast.onRawNotification(scanned, utf8, clock.instant());
            return true;
        }
        return false;
    }

    void onFrame(String raw) {
        Instant received = clock.instant();
        if (onRawFirst(raw)) {
            return;
        }
        JsonNode frame;
        try {
            frame = JSON.readTree(raw);
        } catch (IOException | RuntimeException e) {
            listener.onUnrouted(raw, "not JSON: " + e.getClass().getSimpleName());
            return;
        }
        if (frame != null && frame.isObject() && frame.has("id")) {
            answers.onAnswer(frame); // else an answer that came after its request timed out or its socket was lost
            return;
        }
        if (frame == null || !frame.isObject() || !"subscription".equals(frame.path("method").asText(null))) {
            listener.onUnrouted(raw, "not a subscription notification");
            return;
        }
        JsonNode channel = frame.path("params").path("channel");
        DeribitNotificationHandler handler = channel.isTextual() ? routes.get(channel.textValue()) : null;
        if (handler != null) {
            handler.onNotification(channel.textValue(), frame.path("params").path("data"), raw, received);
        } else if (!channel.isTextual() || !unwanted.contains(channel.textValue())) {
            listener.onUnrouted(raw, channel.isTextual() ? "no subscription to " + channel.textValue()
                    : "params.channel is missing");
        }
    }

    /**
     * The channel of a notification in Deribit's usual layout, {@code {"jsonrpc":"2.0","method":"subscription",
     * "params":{"channel":"…","data":…}}} without spaces, found by a scan of the text; null for any other layout or
     * a channel name with an escape (the frame is then read as a tree).
     */
    static String subscriptionChannel(String raw) {
        return subscriptionChannel(FrameText.of(raw));
    }

    /** {@link #subscriptionChannel(String)} of the UTF-8 bytes; also null for a channel name that is not ASCII. */
    static String subscriptionChannel(byte[] utf8) {
        return subscriptionChannel(FrameText.of(utf8));
    }

    private static String subscriptionChannel(FrameText raw) {
        int method = methodAt(raw);
        if (method < 0) {
            return null;
        }
        int key = raw.indexOf(PARAMS_CHANNEL, method + SUBSCRIPTION.length());
        if (key < 0) {
            return null;
        }
        int start = key + PARAMS_CHANNEL.length();
        int end = raw.indexOf('"', start);
        if (end <= start) {
            return null;
        }
        for (int p = start; p < end; p++) {
            int c = raw.at(p);
            if (c == '\\' || c < 0) { // an escape; from bytes, a byte above 0x7F: read as a tree from the text
                return null;
            }
        }
        return raw.text(start, end);
    }

    /** Where {@code "method":"subscription"} first stands, if within the frame's first 40 characters; else -1. */
    private static int methodAt(FrameText raw) {
        for (int p = 0; p <= 40; p++) {
            if (raw.startsWith(SUBSCRIPTION, p)) {
                return p;
            }
        }
        return -1;
    }
}
