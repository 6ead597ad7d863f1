package io.exchangebus.connectors.deribit;

import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Subscriber;
import io.exchangebus.connectors.deribit.http.DeribitErrors;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.Trade;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Every call of the Subscriber's listener: events, raw frames, and malformed frames (reported with their raw text
 * and reason, and counted). Nothing is called once the subscriber is closed or before it has a listener.
 */
final class DeribitMarketFrames {

    private final Supplier<Subscriber.Listener> listener;
    private final BooleanSupplier closed;
    private final AtomicLong malformed = new AtomicLong();

    DeribitMarketFrames(Supplier<Subscriber.Listener> listener, BooleanSupplier closed) {
        this.listener = listener;
        this.closed = closed;
    }

    void book(BookUpdate update) {
        Subscriber.Listener l = live();
        if (l != null) {
            l.onBookUpdate(update);
        }
    }

    void trade(Trade trade) {
        Subscriber.Listener l = live();
        if (l != null) {
            l.onTrade(trade);
        }
    }

    void raw(String channel, String symbol, String payload, Instant received) {
        Subscriber.Listener l = live();
        if (l != null) {
            l.onRawFrame(channel, symbol, payload, received);
        }
    }

    /**
     * Whether a listener is there that takes raw frames ({@link Subscriber.Listener#takesRawFrames()}): a frame read
     * as bytes is made text for {@link #raw} only then.
     */
    boolean takesRawFrames() {
        Subscriber.Listener l = live();
        return l != null && l.takesRawFrames();
    }

    void malformed(String channel, String payload, String reason, Instant received) {
        malformed.incrementAndGet();
        Subscriber.Listener l = live();
        if (l != null) {
            l.onMalformedFrame(new MalformedFrame(DeribitErrors.EXCHANGE, channel, payload, reason, received));
        }
    }

    long malformedCount() {
        return malformed.get();
    }

    private Subscriber.Listener live() {
        return closed.getAsBoolean() ? null : listener.get();
    }
}
