package io.exchangebus.connectors.binance;

import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.binance.mapping.MarketMapping;
import io.exchangebus.connectors.binance.mapping.MarketMapping.DepthDiff;
import io.exchangebus.connectors.binance.mapping.MarketMapping.Message;
import io.exchangebus.connectors.binance.mapping.MarketMapping.PartialDepth;
import io.exchangebus.connectors.binance.mapping.MarketMapping.Reply;
import io.exchangebus.connectors.binance.mapping.MarketMapping.TradeTick;
import io.exchangebus.connectors.binance.mapping.UnmappableMessageException;
import io.exchangebus.connectors.binance.ws.BinanceMarketStreams;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.connection.ConnectionState;
import io.exchangebus.connectors.core.connection.FramesDropped;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Subscriber.Listener;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.Trade;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The frames and connection events of a {@link BinanceSubscriber}'s market streams, routed to the states of their
 * streams, and every call of its listener (each guarded: a failing listener is logged, and nothing is called once
 * the subscriber is closed).
 */
final class SubscriberFrames implements BinanceMarketStreams.Handler {

    private static final Logger LOG = LoggerFactory.getLogger(BinanceSubscriber.class);

    private final String exchange;
    private final BinanceVenue venue;
    /** Stream name to what consumes it (the subscriber's map). */
    private final Map<String, BinanceStreamState> states;
    private final Supplier<Listener> listener;
    private final BooleanSupplier closed;

    SubscriberFrames(String exchange, BinanceVenue venue, Map<String, BinanceStreamState> states,
                     Supplier<Listener> listener, BooleanSupplier closed) {
        this.exchange = exchange;
        this.venue = venue;
        this.states = states;
        this.listener = listener;
        this.closed = closed;
    }

    /**
     * One frame's bytes as they came off the socket, mapped without a String of the frame
     * ({@link MarketMapping#parse(BinanceVenue, byte[], int, int)}); the frame is decoded only for a listener that
     * takes raw frames or when it is malformed.
     */
    @Override
    public void onFrame(String connection, byte[] utf8) {
        if (closed.getAsBoolean()) {
            return;
        }
        Instant received = Instant.now();
        Message message;
        try {
            message = MarketMapping.parse(venue, utf8, 0, utf8.length);
        } catch (UnmappableMessageException e) {
            String text = text(utf8);
            raw(connection, null, utf8, received);
            malformed(connection, text, e.getMessage(), received);
            return;
        }
        raw(message.stream() == null ? connection : message.stream(), symbolOf(message), utf8, received);
        if (message instanceof Reply reply) {
            onReply(connection, reply);
        } else {
            onStreamMessage(message, utf8, received);
        }
    }

    private static String text(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** The answer to a SUBSCRIBE/UNSUBSCRIBE request: only a refusal is worth a word. */
    private void onReply(String connection, Reply reply) {
        if (reply.error() != null) {
            LOG.warn("{}: request {} refused on {}: {}", exchange, reply.id(), connection, reply.error());
        }
    }

    /** A depth or trade event, to the state of its stream; one that does not fit the stream is malformed. */
    private void onStreamMessage(Message message, byte[] utf8, Instant received) {
        String stream = message.stream();
        BinanceStreamState state = stream == null ? null : states.get(stream);
        if (state == null && stream != null) {
            state = states.get(stream.toLowerCase(Locale.ROOT)); // Binance echoes names as we sent them
        }
        if (state == null) {
            return; // a frame of a stream just unsubscribed
        }
        try {
            state.onMessage(message, received);
        } catch (RuntimeException e) {
            malformed(message.stream(), text(utf8), e.getClass().getSimpleName() + ": " + e.getMessage(), received);
        }
    }

    @Override
    public void onOverflow(String connection, long dropped) {
        LOG.warn("{}: {} frames dropped on {}: resynchronising its books", exchange, dropped, connection);
        forEachOn(connection, s -> s.onGap());
    }

    @Override
    public void onFramesDropped(FramesDropped event) {
        Listener l = listener.get();
        if (l != null && !closed.getAsBoolean()) {
            try {
                l.onFramesDropped(event);
            } catch (RuntimeException e) {
                LOG.warn("{}: listener failed on dropped frames", exchange, e);
            }
        }
    }

    @Override
    public void onConnectionEvent(ConnectionEvent event) {
        if (closed.getAsBoolean()) {
            return;
        }
        if (event.state() == ConnectionState.DISCONNECTED) {
            forEachOn(event.connection(), BinanceStreamState::onDisconnected);
        } else if (event.state() == ConnectionState.CONNECTED) {
            forEachOn(event.connection(), BinanceStreamState::onConnected);
        }
        Listener l = listener.get();
        if (l != null) {
            try {
                l.onConnectionEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("{}: listener failed on a connection event", exchange, e);
            }
        }
    }

    private void forEachOn(String connection, Consumer<BinanceStreamState> action) {
        for (BinanceStreamState state : states.values()) {
            if (connection.equals(state.connection)) {
                action.accept(state);
            }
        }
    }

    // ---- listener calls ----

    private void raw(String channel, String symbol, byte[] utf8, Instant received) {
        Listener l = listener.get();
        if (l != null && !closed.getAsBoolean() && l.takesRawFrames()) {
            try {
                l.onRawFrame(channel, symbol, text(utf8), received);
            } catch (RuntimeException e) {
                LOG.warn("{}: listener failed on a raw frame", exchange, e);
            }
        }
    }

    private static String symbolOf(Message message) {
        if (message instanceof DepthDiff diff) {
            return diff.symbol();
        }
        if (message instanceof PartialDepth partial) {
            return partial.symbol();
        }
        if (message instanceof TradeTick tick) {
            return tick.symbol();
        }
        return null;
    }

    private void malformed(String channel, String payload, String reason, Instant received) {
        malformed(new MalformedFrame(exchange, channel, payload, reason, received));
    }

    void malformed(MalformedFrame frame) {
        Listener l = listener.get();
        if (l != null && !closed.getAsBoolean()) {
            try {
                l.onMalformedFrame(frame);
            } catch (RuntimeException e) {
                LOG.warn("{}: listener failed on a malformed frame", exchange, e);
            }
        }
    }

    void emit(BookUpdate update) {
        Listener l = listener.get();
        if (l != null && !closed.getAsBoolean()) {
            try {
                l.onBookUpdate(update);
            } catch (RuntimeException e) {
                LOG.warn("{}: listener failed on a book update", exchange, e);
            }
        }
    }

    void emit(Trade trade) {
        Listener l = listener.get();
        if (l != null && !closed.getAsBoolean()) {
            try {
                l.onTrade(trade);
            } catch (RuntimeException e) {
                LOG.warn("{}: listener failed on a trade", exchange, e);
            }
        }
    }
}
