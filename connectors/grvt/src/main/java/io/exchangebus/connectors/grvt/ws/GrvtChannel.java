package io.exchangebus.connectors.grvt.ws;

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
}
