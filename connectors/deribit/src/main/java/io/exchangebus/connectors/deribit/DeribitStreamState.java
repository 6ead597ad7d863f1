package io.exchangebus.connectors.deribit;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.deribit.mapping.MarketMapping;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.Ticker;
import io.exchangebus.events.Trade;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What consumes one subscribed Deribit channel. {@link #onFrame} maps a notification from its bytes or text (the
 * usual layout, without a tree) and {@link #onData} from its {@code data} read as a tree; either may throw the
 * mapping's exceptions: the subscriber reports those as malformed frames.
 */
abstract class DeribitStreamState {

    /** Maps and publishes one notification from its UTF-8 bytes; throws if it cannot be mapped. */
    abstract void onFrame(byte[] utf8, Instant received);

    /** Maps and publishes one notification from its text; throws if it cannot be mapped. */
    abstract void onFrame(String raw, Instant received);

    /** Maps and publishes one notification's data (read as a tree); throws if it cannot be mapped. */
    abstract void onData(JsonNode data, Instant received);

    void onConnected() {
    }

    void onDisconnected() {
    }

    /** Frames were lost. */
    void onGap() {
    }

    void stop() {
    }

    /** A channel whose notifications become events ({@code MarketMapping.normalize}), published as they are. */
    abstract static class Events extends DeribitStreamState {

        /** Publishes the events read from one notification. */
        abstract void onEvents(List<Object> events, Instant received);

        @Override
        final void onFrame(byte[] utf8, Instant received) {
            onEvents(MarketMapping.normalize(utf8, received), received);
        }

        @Override
        final void onFrame(String raw, Instant received) {
            onEvents(MarketMapping.normalize(raw, received), received);
        }
    }

    /**
     * A full-depth book: {@code book.{instrument}.raw} or {@code .100ms}, kept by a {@link DeribitBookFeed}. Each
     * notification goes to the book as read ({@code MarketMapping.fullBook}), with no event made of it: the book
     * publishes its own.
     */
    static final class FullBook extends DeribitStreamState {
        final DeribitBookFeed feed;

        FullBook(DeribitBookFeed feed) {
            this.feed = feed;
        }

        @Override
        void onFrame(byte[] utf8, Instant received) {
            feed.onMessage(MarketMapping.fullBook(utf8), received);
        }

        @Override
        void onFrame(String raw, Instant received) {
            feed.onMessage(MarketMapping.fullBook(raw), received);
        }

        @Override
        void onData(JsonNode data, Instant received) {
            feed.onMessage(MarketMapping.fullBook(data), received);
        }

        @Override
        void onConnected() {
            feed.onConnected();
        }

        @Override
        void onDisconnected() {
            feed.onDisconnected();
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

    /**
     * The grouped book {@code book.{instrument}.none.{depth}.{interval}}: a full top-{@code depth} snapshot each
     * interval, so no gap rule applies; each subscription gets it cut to its own N.
     */
    static final class GroupedBook extends Events {
        final int depth;
        /** Top N to how many subscriptions want it. */
        final Map<Integer, Integer> users = new ConcurrentHashMap<>();
        private final Consumer<BookUpdate> sink;

        GroupedBook(int depth, Consumer<BookUpdate> sink) {
            this.depth = depth;
            this.sink = sink;
        }

        @Override
        void onData(JsonNode data, Instant received) {
            publish(MarketMapping.groupedBook(data, depth, received));
        }

        @Override
        void onEvents(List<Object> events, Instant received) {
            events.forEach(e -> publish((BookUpdate) e));
        }

        private void publish(BookUpdate full) {
            for (int n : users.keySet()) {
                sink.accept(n == depth ? full : cut(full, n));
            }
        }

        static BookUpdate cut(BookUpdate full, int n) {
            return BookUpdate.newBuilder(full).setDepth(n)
                    .setBids(List.copyOf(full.getBids().subList(0, Math.min(n, full.getBids().size()))))
                    .setAsks(List.copyOf(full.getAsks().subList(0, Math.min(n, full.getAsks().size()))))
                    .build();
        }
    }

    /** {@code trades.{instrument}.{interval}}: each trade, with {@code trade_seq} as its sequence. */
    static final class Trades extends Events {
        int users;
        private final Consumer<Trade> sink;

        Trades(Consumer<Trade> sink) {
            this.sink = sink;
        }

        @Override
        void onData(JsonNode data, Instant received) {
            MarketMapping.trades(data, received).forEach(sink);
        }

        @Override
        void onEvents(List<Object> events, Instant received) {
            events.forEach(e -> sink.accept((Trade) e));
        }
    }

    /** {@code ticker.{instrument}.{interval}}: one {@link Ticker} per notification to each consumer. */
    static final class Tickers extends Events {
        final List<Consumer<Ticker>> consumers = new CopyOnWriteArrayList<>();

        @Override
        void onData(JsonNode data, Instant received) {
            Ticker ticker = MarketMapping.ticker(data, received);
            consumers.forEach(c -> c.accept(ticker));
        }

        @Override
        void onEvents(List<Object> events, Instant received) {
            events.forEach(e -> consumers.forEach(c -> c.accept((Ticker) e)));
        }
    }
}
