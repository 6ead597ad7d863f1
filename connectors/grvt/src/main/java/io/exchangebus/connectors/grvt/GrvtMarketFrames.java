package io.exchangebus.connectors.grvt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.connectors.core.number.ExactNumbers;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.book.BookMessage;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Subscriber;
import io.exchangebus.connectors.grvt.mapping.MarketMapping;
import io.exchangebus.connectors.grvt.ws.GrvtChannel;
import io.exchangebus.connectors.grvt.ws.GrvtFeedHandler;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.Trade;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The Subscriber's side of each public frame: the raw frame to the listener first ({@code onRawFrame}), then the
 * mapped event, or a {@link MalformedFrame} with the raw text and the reason when the mapping refuses it. On the
 * connection's consumer thread.
 */
final class GrvtMarketFrames {

    /** Reads a refused frame for the instrument it names (the cold path); exact, as the mapping reads. */
    private static final ObjectMapper REFUSED_FRAMES = ExactNumbers.exactMapper();

    private final Supplier<Subscriber.Listener> listener;
    private final AtomicLong malformed = new AtomicLong();

    GrvtMarketFrames(Supplier<Subscriber.Listener> listener) {
        this.listener = listener;
    }

    /** The raw frame to the listener, then its event, or empty (reported malformed) when it cannot be mapped. */
    Optional<Object> map(GrvtChannel channel, JsonNode frame, String raw, Instant received) {
        rawFrame(channel, frame.path("feed").path("instrument").asText(null), raw, received);
        return mapped(channel, MarketMapping.normalize(frame, received), raw, received);
    }

    /**
     * {@link #map} of the frame's text: the compact reader where the frame is in GRVT's compact full form, the tree
     * otherwise ({@link MarketMapping#normalize(String, Instant)}); the raw frame still goes to the listener first,
     * when it takes raw frames.
     */
    Optional<Object> mapText(GrvtChannel channel, String raw, Instant received) {
        Result<Object> event = MarketMapping.normalize(raw, received);
        if (takesRawFrames()) {
            rawFrame(channel, event.isOk() ? symbolOf(event.value()) : instrumentOf(raw), raw, received);
        }
        return mapped(channel, event, raw, received);
    }

    /**
     * {@link #mapText} of the frame's UTF-8 bytes: mapped without a String of them where the frame is in the compact
     * full form ({@link MarketMapping#normalize(byte[], Instant)}); the text is made only for a listener that takes
     * raw frames, and for a frame the mapping refuses (reported with it).
     */
    Optional<Object> mapBytes(GrvtChannel channel, byte[] utf8, Instant received) {
        Result<Object> event = MarketMapping.normalize(utf8, received);
        boolean takesRaw = takesRawFrames();
        String raw = takesRaw || !event.isOk() ? new String(utf8, StandardCharsets.UTF_8) : null;
        if (takesRaw) {
            rawFrame(channel, event.isOk() ? symbolOf(event.value()) : instrumentOf(raw), raw, received);
        }
        return mapped(channel, event, raw, received);
    }

    /**
     * A book or trade subscription's handler: frames routed by bytes or text are mapped from them, others from
     * their tree.
     */
    GrvtFeedHandler feed(GrvtChannel channel, BiConsumer<Object, Instant> onEvent) {
        return new GrvtFeedHandler() {
            @Override
            public void onFeed(JsonNode frame, String raw, Instant receivedAt) {
                map(channel, frame, raw, receivedAt).ifPresent(e -> onEvent.accept(e, receivedAt));
            }

            @Override
            public boolean onFeedBytes(byte[] utf8, Instant receivedAt) {
                mapBytes(channel, utf8, receivedAt).ifPresent(e -> onEvent.accept(e, receivedAt));
                return true;
            }

            @Override
            public boolean onFeedText(String raw, Instant receivedAt) {
                mapText(channel, raw, receivedAt).ifPresent(e -> onEvent.accept(e, receivedAt));
                return true;
            }
        };
    }

    /**
     * The full-depth book's handler ({@code v1.book.d} of {@code symbol}): the raw frame to the listener first, when
     * it takes raw frames, then each frame read straight into the book's terms ({@link MarketMapping#fullBook}), or
     * reported malformed with its text and the reason.
     */
    GrvtFeedHandler book(GrvtChannel channel, String symbol, BiConsumer<BookMessage, Instant> onMessage) {
        return new GrvtFeedHandler() {
            @Override
            public void onFeed(JsonNode frame, String raw, Instant receivedAt) {
                rawFrame(channel, symbol, raw, receivedAt);
                deliver(MarketMapping.fullBook(frame), raw, receivedAt);
            }

            @Override
            public boolean onFeedBytes(byte[] utf8, Instant receivedAt) {
                Result<BookMessage> message = MarketMapping.fullBook(utf8);
                boolean takesRaw = takesRawFrames();
                String raw = takesRaw || !message.isOk() ? new String(utf8, StandardCharsets.UTF_8) : null;
                if (takesRaw) {
                    rawFrame(channel, symbol, raw, receivedAt);
                }
                deliver(message, raw, receivedAt);
                return true;
            }

            @Override
            public boolean onFeedText(String raw, Instant receivedAt) {
                if (takesRawFrames()) {
                    rawFrame(channel, symbol, raw, receivedAt);
                }
                deliver(MarketMapping.fullBook(raw), raw, receivedAt);
                return true;
            }

            private void deliver(Result<BookMessage> message, String raw, Instant receivedAt) {
                mapped(channel, message, raw, receivedAt).ifPresent(m -> onMessage.accept(m, receivedAt));
            }
        };
    }

    private boolean takesRawFrames() {
        Subscriber.Listener l = listener.get();
        return l != null && l.takesRawFrames();
    }

    /** The raw frame to the listener, if there is one. */
    private void rawFrame(GrvtChannel channel, String symbol, String raw, Instant received) {
        Subscriber.Listener l = listener.get();
        if (l != null) {
            l.onRawFrame(channel.stream(), symbol, raw, received);
        }
    }

    /** The mapped value, or empty with the frame reported malformed. */
    private <T> Optional<T> mapped(GrvtChannel channel, Result<T> event, String raw, Instant received) {
        if (!event.isOk()) {
            malformed(channel.stream(), raw, event.error().message(), received);
            return Optional.empty();
        }
        return Optional.of(event.value());
    }

    private static String symbolOf(Object event) {
        if (event instanceof BookUpdate book) {
            return book.getSymbol();
        }
        return event instanceof Trade trade ? trade.getSymbol() : null;
    }

    /** The instrument a refused frame names, if it can be read at all (the cold path: a tree). */
    private static String instrumentOf(String raw) {
        try {
            return REFUSED_FRAMES.readTree(raw).path("feed").path("instrument").asText(null);
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    /** A frame nobody could read: reported with its raw text. */
    void malformed(String channel, String raw, String reason, Instant received) {
        malformed.incrementAndGet();
        Subscriber.Listener l = listener.get();
        if (l != null) {
            l.onMalformedFrame(new MalformedFrame(GrvtVenue.EXCHANGE, channel, raw, reason, received));
        }
    }

    long malformedCount() {
        return malformed.get();
    }
}
