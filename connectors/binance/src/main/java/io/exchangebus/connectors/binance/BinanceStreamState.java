package io.exchangebus.connectors.binance;

import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.binance.http.BinanceRestClient;
import io.exchangebus.connectors.binance.mapping.MarketMapping;
import io.exchangebus.connectors.binance.mapping.MarketMapping.DepthDiff;
import io.exchangebus.connectors.binance.mapping.MarketMapping.Message;
import io.exchangebus.connectors.binance.mapping.MarketMapping.PartialDepth;
import io.exchangebus.connectors.binance.mapping.MarketMapping.TradeTick;
import io.exchangebus.connectors.binance.mapping.UnmappableMessageException;
import io.exchangebus.connectors.core.book.BookUpdateMapper;
import io.exchangebus.connectors.core.book.FullBookManager;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.Trade;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What consumes one market stream of a {@link BinanceSubscriber}: its frames, and what happens to its connection.
 * The subscriber routes each mapped frame to the state of its stream; a frame that does not fit the stream is a
 * {@link UnmappableMessageException}, reported by the subscriber as malformed.
 */
abstract class BinanceStreamState {
    final String stream;
    volatile String connection;

    BinanceStreamState(String stream) {
        this.stream = stream;
    }

    /** The stream was subscribed on {@code connection}; {@code connected} says whether that socket is up. */
    void onSubscribed(String connection, boolean connected) {
        this.connection = connection;
    }

    abstract void onMessage(Message message, Instant received);

    void onDisconnected() {
    }

    void onConnected() {
    }

    /** Frames of the connection were dropped (hand-off overflow). */
    void onGap() {
    }

    /** The state is dropped or the subscriber closed: nothing more is scheduled. */
    void stop() {
    }

    /** A state shared by equal subscriptions, dropped with the last. Guarded by the subscriber. */
    abstract static class Counted extends BinanceStreamState {
        int users;

        Counted(String stream) {
            super(stream);
        }
    }

    /** {@code <symbol>@trade} or {@code <symbol>@aggTrade}. */
    static final class Trades extends Counted {
        private final String exchange;
        private final String instrumentId;
        private final Consumer<Trade> out;

        Trades(String stream, String exchange, String instrumentId, Consumer<Trade> out) {
            super(stream);
            this.exchange = exchange;
            this.instrumentId = instrumentId;
            this.out = out;
        }

        @Override
        void onMessage(Message message, Instant received) {
            if (!(message instanceof TradeTick tick)) {
                throw new UnmappableMessageException("not a trade on trade stream " + stream);
            }
            out.accept(tick.toTrade(exchange, instrumentId, received));
        }
    }

    /** {@code <symbol>@depth<N>[@<speed>]}: each frame a top-N snapshot; the first after a loss says resync. */
    static final class PartialBook extends Counted {
        private final BookUpdateMapper mapper;
        private final Consumer<BookUpdate> out;
        private boolean resyncNext;

        PartialBook(String stream, BookUpdateMapper mapper, Consumer<BookUpdate> out) {
            super(stream);
            this.mapper = mapper;
            this.out = out;
        }

        @Override
        synchronized void onMessage(Message message, Instant received) {
            if (!(message instanceof PartialDepth depth)) {
                throw new UnmappableMessageException("not a partial depth event on stream " + stream);
            }
            BookUpdate update = MarketMapping.partialToUpdate(mapper, depth, resyncNext, received);
            resyncNext = false;
            out.accept(update);
        }

        @Override
        synchronized void onDisconnected() {
            resyncNext = true;
        }

        @Override
        synchronized void onGap() {
            resyncNext = true;
        }
    }

    /**
     * One full-depth book ({@code <symbol>@depth@100ms}): the core manager keeps it and fans it out to the
     * full-depth subscribers and the top-N views; the feed adds what is Binance's (REST snapshots, when to fetch).
     */
    static final class FullBook extends BinanceStreamState {
        final FullBookManager book;
        private final BinanceFullBookFeed feed;

        /**
         * @param maxBuffered most diffs held while awaiting a snapshot
         * @param closed      true once the subscriber is closed
         * @param out         the book's updates
         * @param malformed   an unreadable REST snapshot
         */
        FullBook(String stream, BinanceVenue venue, String symbol, BookUpdateMapper mapper, int maxBuffered,
                 BinanceRestClient rest, ScheduledExecutorService timer, BooleanSupplier closed,
                 Consumer<BookUpdate> out, Consumer<MalformedFrame> malformed) {
            super(stream);
            this.feed = new BinanceFullBookFeed(venue, symbol, rest, timer, closed, malformed);
            this.book = new FullBookManager(venue.bookSequenceRule(), maxBuffered, mapper, feed,
                    FullBookManager.Ticker.of(timer), out);
            feed.bind(book);
        }

        @Override
        void onSubscribed(String connection, boolean isConnected) {
            super.onSubscribed(connection, isConnected);
            feed.onSubscribed(isConnected);
        }

        @Override
        void onMessage(Message message, Instant received) {
            if (!(message instanceof DepthDiff d)) {
                throw new UnmappableMessageException("not a depth diff on stream " + stream);
            }
            feed.onDiff(d.diff(), received);
        }

        @Override
        void onDisconnected() {
            feed.onDisconnected();
        }

        @Override
        void onConnected() {
            feed.onConnected();
        }

        @Override
        void onGap() {
            feed.onGap();
        }

        @Override
        void stop() {
            feed.stop();
        }
    }
}
