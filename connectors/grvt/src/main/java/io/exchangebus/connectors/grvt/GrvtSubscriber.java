package io.exchangebus.connectors.grvt;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.book.BookUpdateMapper;
import io.exchangebus.connectors.core.book.FullBookManager;
import io.exchangebus.connectors.core.book.PreviousIdLinkRule;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.connection.ConnectionState;
import io.exchangebus.connectors.core.connection.FramesDropped;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentId;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.role.Capabilities;
import io.exchangebus.connectors.core.role.Subscriber;
import io.exchangebus.connectors.core.role.Subscription;
import io.exchangebus.connectors.grvt.config.GrvtConfig;
import io.exchangebus.connectors.grvt.ws.GrvtChannel;
import io.exchangebus.connectors.grvt.ws.GrvtRpc;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.ErrorKind;
import io.exchangebus.events.Ticker;
import io.exchangebus.events.Trade;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * GRVT public market data as a {@link Subscriber}, on one {@link GrvtRpc} connection to the market-data host
 * (grvt.md §6).
 *
 * <ul>
 * <li>Book, full depth ({@code topN} 0): {@code v1.book.d} with {@code instrument@rate} (the config's rate), kept by
 *     core's {@link FullBookManager} through a {@link GrvtBookFeed}: snapshot at sequence 0, deltas chained by
 *     {@code prev_sequence_number}, size 0 removes, a repeat dropped, a gap or a decrease resubscribes and the new
 *     snapshot goes out whole with {@code resync=true}.</li>
 * <li>Book, top N ≤ 500: {@code v1.book.s} with {@code instrument@rate-depth}, depth the smallest of 10, 50, 100,
 *     500 that covers N, rate 500 ms (1000 ms when the interval asks no faster), each snapshot cut to N. A larger N:
 *     a top-N view of the full book.</li>
 * <li>Trades: {@code v1.trade} with {@code instrument@50}. Tickers: {@code v1.ticker.s} with {@code instrument@500}.</li>
 * </ul>
 * A frame that cannot be mapped is reported with its raw text and reason, and the stream goes on. A dropped socket
 * invalidates every book; the new socket's snapshots resynchronise them.
 */
public final class GrvtSubscriber implements Subscriber {

    static final int MAX_BUFFERED = 10_000;
    private static final List<Integer> SNAPSHOT_DEPTHS = List.of(10, 50, 100, 500);

    private final GrvtConfig config;
    private final InstrumentRegistry instruments;
    private final ScheduledExecutorService timer;
    private final GrvtRpc rpc;
    private final GrvtMarketFrames frames;
    private final Map<String, GrvtBookFeed> books = new ConcurrentHashMap<>();
    private volatile Listener listener;
    private volatile boolean closed;

    public GrvtSubscriber(GrvtConfig config, InstrumentRegistry instruments) {
        this(config, instruments, Clock.systemUTC());
    }

    public GrvtSubscriber(GrvtConfig config, InstrumentRegistry instruments, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.instruments = Objects.requireNonNull(instruments, "instruments");
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "grvt-subscriber-timer");
            t.setDaemon(true);
            return t;
        });
        this.frames = new GrvtMarketFrames(() -> listener);
        this.rpc = new GrvtClients(config, clock).marketData("md", new Events());
    }

    @Override
    public String exchange() {
        return GrvtVenue.EXCHANGE;
    }

    @Override
    public Capabilities capabilities() {
        return GrvtCapabilities.subscriber();
    }

    @Override
    public CompletableFuture<Result<Void>> connect(Listener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        if (closed) {
            return done(Result.err(ExchangeError.network(exchange(), "subscriber is closed")));
        }
        return rpc.start().thenApply(r -> r.map(ok -> null));
    }

    @Override
    public CompletableFuture<Result<Subscription>> subscribeOrderBook(InstrumentId instrument, int topN,
                                                                    Duration interval) {
        Result<InstrumentDefinition> found = usable(instrument);
        if (!found.isOk()) {
            return done(Result.err(found.error()));
        }
        if (topN < 0 || interval != null && interval.isNegative()) {
            return done(Result.err(invalid("topN must be 0 (full depth) or positive and the interval not negative,"
                    + " was " + topN + " / " + interval)));
        }
        Subscription subscription = new Subscription(Subscription.Channel.BOOK, instrument, topN, interval);
        String symbol = found.value().symbol();
        Integer depth = snapshotDepth(topN);
        if (depth != null) {
            GrvtChannel channel = new GrvtChannel("v1.book.s", symbol + "@" + snapshotRate(interval) + "-" + depth);
            return subscribed(subscription, rpc.subscribe(channel, (frame, raw, at) -> onTopN(channel, topN, frame,
                    raw, at)));
        }
        GrvtBookFeed feed = books.computeIfAbsent(symbol, s -> newBook(found.value()));
        if (topN == 0) {
            feed.book().attachFullDepth();
        } else {
            feed.book().attachTopN(topN, interval == null ? Duration.ZERO : interval);
        }
        CompletableFuture<Result<Void>> answer = rpc.subscribe(feed.channel(),
                frames.book(feed.channel(), symbol, feed::onMessage));
        feed.start(rpc.state() == ConnectionState.CONNECTED);
        return subscribed(subscription, answer);
    }

    @Override
    public CompletableFuture<Result<Subscription>> subscribeTrades(InstrumentId instrument) {
        Result<InstrumentDefinition> found = usable(instrument);
        if (!found.isOk()) {
            return done(Result.err(found.error()));
        }
        GrvtChannel channel = tradeChannel(found.value().symbol());
        return subscribed(new Subscription(Subscription.Channel.TRADES, instrument, 0, null),
                rpc.subscribe(channel, frames.feed(channel, (e, at) -> {
                    Listener l = listener;
                    if (l != null && e instanceof Trade trade) {
                        l.onTrade(trade);
                    }
                })));
    }

    /** {@code v1.ticker.s} of {@code instrument} to {@code consumer}; the handle unsubscribes. */
    @Override
    public CompletableFuture<Result<Runnable>> subscribeTicker(InstrumentId instrument, Consumer<Ticker> consumer) {
        Result<InstrumentDefinition> found = usable(instrument);
        if (!found.isOk()) {
            return done(Result.err(found.error()));
        }
        Objects.requireNonNull(consumer, "consumer");
        GrvtChannel channel = new GrvtChannel("v1.ticker.s", found.value().symbol() + "@500");
        return rpc.subscribe(channel, (frame, raw, at) -> frames.map(channel, frame, raw, at).ifPresent(e -> {
            if (e instanceof Ticker ticker) {
                consumer.accept(ticker);
            }
        })).thenApply(r -> r.map(ok -> () -> rpc.unsubscribe(channel)));
    }

    @Override
    public CompletableFuture<Result<Void>> unsubscribe(Subscription subscription) {
        Result<InstrumentDefinition> found = usable(subscription.instrument());
        if (!found.isOk()) {
            return done(Result.err(found.error()));
        }
        String symbol = found.value().symbol();
        if (subscription.channel() == Subscription.Channel.TRADES) {
            rpc.unsubscribe(tradeChannel(symbol));
        } else if (snapshotDepth(subscription.topN()) != null) {
            rpc.unsubscribe(new GrvtChannel("v1.book.s", symbol + "@" + snapshotRate(subscription.interval())
                    + "-" + snapshotDepth(subscription.topN())));
        } else {
            GrvtBookFeed feed = books.remove(symbol);
            if (feed != null) {
                feed.stop();
                rpc.unsubscribe(feed.channel());
            }
        }
        return done(Result.ok());
    }

    /** Resubscriptions made to resynchronise {@code symbol}'s full book (0 if none is kept). */
    public long resyncs(String symbol) {
        GrvtBookFeed feed = books.get(symbol);
        return feed == null ? 0 : feed.resyncs();
    }

    /** Frames reported malformed so far. */
    public long malformedFrames() {
        return frames.malformedCount();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        books.values().forEach(GrvtBookFeed::stop);
        rpc.close();
        timer.shutdownNow();
    }

    @Override
    public String toString() {
        return "GrvtSubscriber[" + config.marketDataWs().getHost() + ", v1.book.d@" + config.bookRate() + "]";
    }

    // ---- helpers ----

    private GrvtBookFeed newBook(InstrumentDefinition instrument) {
        GrvtChannel channel = new GrvtChannel("v1.book.d", instrument.symbol() + "@" + config.bookRate());
        GrvtBookFeed feed = new GrvtBookFeed(channel, rpc::resubscribe, timer);
        BookUpdateMapper mapper = new BookUpdateMapper(exchange(), instrument.symbol(), instrument.id().toString());
        feed.bind(new FullBookManager(PreviousIdLinkRule.RESTARTING, MAX_BUFFERED, mapper, feed,
                FullBookManager.Ticker.of(timer), this::publish));
        return feed;
    }

    private void onTopN(GrvtChannel channel, int topN, JsonNode frame, String raw, Instant at) {
        frames.map(channel, frame, raw, at).ifPresent(e -> {
            BookUpdate u = (BookUpdate) e;
            u.setBids(u.getBids().subList(0, Math.min(topN, u.getBids().size())));
            u.setAsks(u.getAsks().subList(0, Math.min(topN, u.getAsks().size())));
            u.setDepth(topN);
            publish(u);
        });
    }

    private void publish(BookUpdate update) {
        Listener l = listener;
        if (l != null && !closed) {
            l.onBookUpdate(update);
        }
    }

    private static GrvtChannel tradeChannel(String symbol) {
        return new GrvtChannel("v1.trade", symbol + "@50");
    }

    /** The {@code v1.book.s} depth that serves a top N, or null when the full book must (N = 0 or above 500). */
    static Integer snapshotDepth(int topN) {
        return topN < 1 ? null : SNAPSHOT_DEPTHS.stream().filter(d -> d >= topN).findFirst().orElse(null);
    }

    /** 500 ms, or 1000 ms when the subscriber asks for no more than one update a second. */
    static int snapshotRate(Duration interval) {
        return interval != null && interval.compareTo(Duration.ofSeconds(1)) >= 0 ? 1000 : 500;
    }

    private CompletableFuture<Result<Subscription>> subscribed(Subscription subscription,
                                                               CompletableFuture<Result<Void>> answer) {
        return answer.thenApply(r -> r.map(ok -> subscription));
    }

    private Result<InstrumentDefinition> usable(InstrumentId instrument) {
        if (closed) {
            return Result.err(ExchangeError.network(exchange(), "subscriber is closed"));
        }
        if (listener == null) {
            return Result.err(invalid("connect(listener) before subscribing"));
        }
        if (instrument == null) {
            return Result.err(invalid("instrument is null"));
        }
        return instruments.byId(instrument).<Result<InstrumentDefinition>>map(Result::ok)
                .orElseGet(() -> Result.err(new ExchangeError(ErrorKind.NOT_FOUND, exchange(), "UNKNOWN_INSTRUMENT",
                        "no instrument " + instrument + " on " + exchange(), 0, false, null)));
    }

    private ExchangeError invalid(String message) {
        return new ExchangeError(ErrorKind.INVALID_ORDER, exchange(), "INVALID_ARGUMENT", message, 0, false, null);
    }

    private static <T> CompletableFuture<Result<T>> done(Result<T> result) {
        return CompletableFuture.completedFuture(result);
    }

    /** The connection's events: books invalidated on a loss, resynchronised after lost frames. */
    private final class Events implements GrvtRpc.Events {
        @Override
        public void onConnectionEvent(ConnectionEvent event) {
            if (event.state() == ConnectionState.CONNECTED) {
                books.values().forEach(GrvtBookFeed::onConnected);
            } else if (event.state() == ConnectionState.DISCONNECTED) {
                books.values().forEach(GrvtBookFeed::onDisconnected);
            }
            Listener l = listener;
            if (l != null) {
                l.onConnectionEvent(event);
            }
        }

        @Override
        public void onFramesDropped(FramesDropped event) {
            Listener l = listener;
            if (l != null) {
                l.onFramesDropped(event);
            }
        }

        @Override
        public void onOverflow(long dropped) {
            books.values().forEach(GrvtBookFeed::onGap);
        }

        @Override
        public void onUnrouted(String raw, Instant receivedAt) {
            if (!GrvtFrames.isJsonRpcOrFeed(raw)) {
                frames.malformed("grvt-md", raw, "not a JSON-RPC answer or feed frame", receivedAt);
            }
        }

        @Override
        public void onResubscribed(GrvtChannel channel, Result<Void> answer) {
            if (!answer.isOk()) {
                GrvtBookFeed feed = books.get(GrvtChannel.primary(channel.selector()));
                if (feed != null && channel.equals(feed.channel())) {
                    feed.onGap();
                }
            }
        }
    }
}
