package io.exchangebus.connectors.grvt;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Subscriber;
import io.exchangebus.connectors.grvt.mapping.MarketMapping;
import io.exchangebus.connectors.grvt.ws.GrvtChannel;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The Subscriber's side of each public frame: the raw frame to the listener first ({@code onRawFrame}), then the
 * mapped event, or a {@link MalformedFrame} with the raw text and the reason when the mapping refuses it. On the
 * connection's consumer thread.
 */
final class GrvtMarketFrames {

    private final Supplier<Subscriber.Listener> listener;
    private final AtomicLong malformed = new AtomicLong();

    GrvtMarketFrames(Supplier<Subscriber.Listener> listener) {
        this.listener = listener;
    }

    /** The raw frame to the listener, then its event, or empty (reported malformed) when it cannot be mapped. */
    Optional<Object> map(GrvtChannel channel, JsonNode frame, String raw, Instant received) {
        Subscriber.Listener l = listener.get();
        String symbol = frame.path("feed").path("instrument").asText(null);
        if (l != null) {
            l.onRawFrame(channel.stream(), symbol, raw, received);
        }
        Result<Object> event = MarketMapping.normalize(frame, received);
        if (!event.isOk()) {
            malformed(channel.stream(), raw, event.error().message(), received);
            return Optional.empty();
        }
        return Optional.of(event.value());
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
