package io.exchangebus.connectors.grvt.ws;

import io.exchangebus.connectors.core.ws.FrameText;
import java.util.Objects;

/**
 * One GRVT stream selector (grvt.md §6, §7): {@code v1.book.d} with {@code BTC_USDT_Perp@100}, {@code v1.fill} with
 * {@code 8289849667772468}. Frames are routed by {@link #key()}, the stream and the selector's primary part (before
 * {@code @}): a feed frame's selector may omit the rate (the docs' {@code v1.book.d} example does), and subscribing
 * again with the same primary part replaces the subscription, so the primary part names it.
 *
 * @param stream   e.g. {@code v1.book.d}
 * @param selector as subscribed, e.g. {@code BTC_USDT_Perp@100}
 */
public record GrvtChannel(String stream, String selector) {

    public GrvtChannel {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(selector, "selector");
    }

    /** {@code stream|primary}: the routing key of the frames of this subscription. */
    public String key() {
        return key(stream, selector);
    }

    /** The routing key of a frame's {@code stream} and {@code selector}. */
    public static String key(String stream, String selector) {
        return stream + "|" + primary(selector);
    }

    /** The part of a selector before {@code @}: the instrument or the sub-account (and instrument). */
    public static String primary(String selector) {
        int at = selector.indexOf('@');
        return at < 0 ? selector : selector.substring(0, at);
    }

    @Override
    public String toString() {
        return stream + " " + selector;
    }

    private static final String STREAM_FIRST = "{\"stream\":\"";
    private static final String SELECTOR_NEXT = ",\"selector\":\"";

    /**
     * The routing key of a feed frame in GRVT's compact full form ({@code {"stream":"…","selector":"…",…}}, the
     * order GRVT writes), read from its first two members without reading the rest; null for any other text (lite
     * names, whitespace, an escape, an answer), which is then read as a tree. Only routes: the frame is still read
     * whole, and refused if it is not what it starts like.
     */
    public static String routeKey(String raw) {
        return routeKey(FrameText.of(raw));
    }

    /**
     * {@link #routeKey(String)} of a frame's UTF-8 bytes, as read off the socket, without a String of the frame;
     * also null when the stream or selector is not ASCII (the frame is then decoded and routed as text).
     */
    public static String routeKey(byte[] utf8) {
        return routeKey(FrameText.of(utf8));
    }

    private static String routeKey(FrameText raw) {
        if (!raw.startsWith(STREAM_FIRST, 0)) {
            return null;
        }
        int streamEnd = raw.indexOf('"', STREAM_FIRST.length());
        if (streamEnd < 0 || !raw.startsWith(SELECTOR_NEXT, streamEnd + 1)) {
            return null;
        }
        int selectorStart = streamEnd + 1 + SELECTOR_NEXT.length();
        int selectorEnd = raw.indexOf('"', selectorStart);
        if (selectorEnd < 0) {
            return null;
        }
        for (int p = 0; p < selectorEnd; p++) {
            int c = raw.at(p);
            if (c == '\\' || c < 0) { // an escape; from bytes, a byte above 0x7F: routed from the text
                return null;
            }
        }
        return key(raw.text(STREAM_FIRST.length(), streamEnd), raw.text(selectorStart, selectorEnd));
    }
}
