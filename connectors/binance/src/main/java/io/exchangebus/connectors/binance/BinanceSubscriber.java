package io.exchangebus.connectors.binance;

import io.exchangebus.connectors.binance.BinanceStreamState.FullBook;
import io.exchangebus.connectors.binance.BinanceStreamState.PartialBook;
import io.exchangebus.connectors.binance.BinanceStreamState.Trades;
import io.exchangebus.connectors.binance.config.BinanceConfig;
import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.binance.http.BinanceRestClient;
import io.exchangebus.connectors.binance.mapping.MarketMapping;
import io.exchangebus.connectors.binance.mapping.UnmappableMessageException;
import io.exchangebus.connectors.binance.ws.BinanceMarketStreams;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.book.BookUpdateMapper;
import io.exchangebus.connectors.core.http.HttpCall;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentId;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.role.Capabilities;
import io.exchangebus.connectors.core.role.Capability;
import io.exchangebus.connectors.core.role.Subscriber;
import io.exchangebus.connectors.core.role.Subscription;
import io.exchangebus.connectors.core.role.TradeSequencing;
import io.exchangebus.connectors.core.ws.WsSettings;
import io.exchangebus.events.ErrorKind;
import io.exchangebus.events.Trade;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.UnaryOperator;

/**
 * Binance public market data (spot or USD-M, by the config's venue) as a {@link Subscriber}.
 *
 * <ul>
 * <li>Book, top N in {5, 10, 20} at an interval Binance offers (spot 100 ms or 1000 ms; USD-M 100, 250 or
 *     500 ms): the partial-depth stream {@code <symbol>@depth<N>[@<speed>]}, each frame published as a
 *     {@code SNAPSHOT} of depth N ({@link Capability#BOOK_TOP_N_CHANNEL}).</li>
 * <li>Book, full depth ({@code topN} 0): {@code <symbol>@depth@100ms} diffs synchronised with the REST snapshot
 *     ({@code GET /api/v3/depth} or {@code /fapi/v1/depth}, limit 1000) by the core
 *     {@link io.exchangebus.connectors.core.book.FullBookManager} (through {@link BinanceFullBookFeed}) under the
 *     venue's {@link BinanceVenue#bookSequenceRule() rule}, as Binance's "How to manage a local order book
 *     correctly" says: diffs are buffered, the snapshot is asked for once the first diff arrived, stale diffs are
 *     dropped, the first applied one bridges the snapshot, then every diff must continue the one before (spot
 *     {@code U = u' + 1}, USD-M {@code pu = u'}). A break, a dropped connection or a hand-off overflow invalidates
 *     the book and a new snapshot is fetched; the book is then published again whole with {@code resync=true}.</li>
 * <li>Book, any other top N or interval: the full-depth book cut to N by one of the full-depth manager's top-N
 *     views at the interval.</li>
 * <li>Trades: {@code <symbol>@trade} (spot) or {@code <symbol>@aggTrade} (USD-M, which has no raw trade stream).</li>
 * </ul>
 * Frames that cannot be mapped go to {@link Listener#onMalformedFrame} with their raw text and the reason.
 * Listener calls for one book or stream never overlap; different streams may call from different threads (a
 * connection's consumer thread, or the thread that got the REST snapshot). After {@link #close()} nothing is called.
 */
public final class BinanceSubscriber implements Subscriber {

    private static final int MAX_BUFFERED_DIFFS = 10_000;
    private static final Set<Integer> PARTIAL_DEPTHS = Set.of(5, 10, 20);
    /** Binance's largest {@code limit} of historicalTrades and aggTrades. */
    private static final int TRADE_HISTORY_MAX = 1000;

    private final BinanceConfig config;
    private final InstrumentRegistry instruments;
    private final BinanceVenue venue;
    private final BinanceRestClient rest;
    private final BinanceMarketStreams streams;
    private final ScheduledThreadPoolExecutor timer;
    private final Capabilities capabilities;
    /** Stream name to what consumes it. */
    private final Map<String, BinanceStreamState> states = new ConcurrentHashMap<>();
    private final Map<Subscription, Runnable> subscriptions = new ConcurrentHashMap<>();
    /** The streams' frames, and every listener call. */
    private final SubscriberFrames frames;
    private volatile Listener listener;
    private volatile boolean closed;

    public BinanceSubscriber(BinanceConfig config, InstrumentRegistry instruments) {
        this(config, instruments, UnaryOperator.identity());
    }

    /**
     * @param wsTuning adjusts the market-data connections' settings (timeouts, backoff), e.g. for tests
     */
    public BinanceSubscriber(BinanceConfig config, InstrumentRegistry instruments,
                             UnaryOperator<WsSettings.Builder> wsTuning) {
        this.config = Objects.requireNonNull(config, "config");
        this.instruments = Objects.requireNonNull(instruments, "instruments");
        this.venue = config.venue();
        this.rest = new BinanceRestClient(config);
        this.frames = new SubscriberFrames(config.exchange(), venue, states, () -> listener, () -> closed);
        this.streams = new BinanceMarketStreams(config, frames, wsTuning);
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, config.exchange() + "-subscriber-timer");
            t.setDaemon(true);
            return t;
        });
        this.timer.setRemoveOnCancelPolicy(true);
        this.capabilities = Capabilities.of(config.exchange(),
                EnumSet.of(Capability.BOOK_TOP_N_CHANNEL, Capability.BOOK_FULL_DEPTH, Capability.TRADES,
                        Capability.TRADE_HISTORY));
    }

    @Override
    public String exchange() {
        return config.exchange();
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    /**
     * Binance numbers each symbol's trades one by one: {@code t} of {@code @trade} (spot) and {@code a} of
     * {@code @aggTrade} (USD-M), the same ids {@link #tradesAfter} pages by ({@code fromId}). Binance has no
     * other per-symbol counter, so {@link Trade#getTradeSequence()} stays null.
     */
    @Override
    public TradeSequencing tradeSequencing() {
        return TradeSequencing.CONSECUTIVE_TRADE_ID;
    }

    /** How many market-data connections are open (more once a connection carries streamsPerConnection). */
    public int connectionCount() {
        return streams.connectionCount();
    }

    @Override
    public CompletableFuture<Result<Void>> connect(Listener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        if (closed) {
            return CompletableFuture.completedFuture(Result.err(ExchangeError.network(exchange(), "closed")));
        }
        return streams.start().thenApply(r -> r.map(ok -> null));
    }

    @Override
    public CompletableFuture<Result<Subscription>> subscribeOrderBook(InstrumentId instrument, int topN,
                                                                    Duration interval) {
        Result<InstrumentDefinition> found = find(instrument);
        if (!found.isOk()) {
            return done(Result.err(found.error()));
        }
        if (topN < 0 || interval != null && interval.isNegative()) {
            return done(Result.err(invalid("topN must be 0 (full depth) or positive and the interval not negative,"
                    + " was " + topN + " / " + interval)));
        }
        Duration every = interval == null ? Duration.ZERO : interval;
        Subscription subscription = new Subscription(Subscription.Channel.BOOK, instrument, topN, interval);
        String symbol = found.value().symbol();
        synchronized (this) {
            Result<Subscription> refused = refuseIfNotUsable();
            if (refused != null) {
                return done(refused);
            }
            if (subscriptions.containsKey(subscription)) {
                return done(Result.ok(subscription));
            }
            String partial = topN > 0 ? partialStream(symbol, topN, every) : null;
            if (partial != null) {
                PartialBook state = (PartialBook) states.computeIfAbsent(partial,
                        s -> new PartialBook(s, mapper(found.value()), frames::emit));
                state.users++;
                add(partial, state);
                subscriptions.put(subscription, () -> release(partial, state));
            } else {
                String stream = symbol.toLowerCase(Locale.ROOT) + "@depth@100ms";
                FullBook book = (FullBook) states.computeIfAbsent(stream,
                        s -> new FullBook(s, venue, symbol, mapper(found.value()), MAX_BUFFERED_DIFFS, rest, timer,
                                () -> closed, frames::emit, frames::malformed));
                Runnable detach = topN == 0 ? book.book.attachFullDepth() : book.book.attachTopN(topN, every);
                add(stream, book);
                subscriptions.put(subscription, () -> {
                    detach.run();
                    if (book.book.unused()) {
                        states.remove(stream, book);
                        streams.unsubscribe(stream);
                        book.stop();
                    }
                });
            }
        }
        return done(Result.ok(subscription));
    }

    @Override
    public CompletableFuture<Result<Subscription>> subscribeTrades(InstrumentId instrument) {
        Result<InstrumentDefinition> found = find(instrument);
        if (!found.isOk()) {
            return done(Result.err(found.error()));
        }
        Subscription subscription = new Subscription(Subscription.Channel.TRADES, instrument, 0, null);
        String stream = found.value().symbol().toLowerCase(Locale.ROOT)
                + venue.tradeStream();
        synchronized (this) {
            Result<Subscription> refused = refuseIfNotUsable();
            if (refused != null) {
                return done(refused);
            }
            if (!subscriptions.containsKey(subscription)) {
                Trades state = (Trades) states.computeIfAbsent(stream,
                        s -> new Trades(s, exchange(), found.value().id().toString(), frames::emit));
                state.users++;
                add(stream, state);
                subscriptions.put(subscription, () -> release(stream, state));
            }
        }
        return done(Result.ok(subscription));
    }

    /**
     * Over REST: spot {@code GET /api/v3/historicalTrades} (weight 25), USD-M {@code GET /fapi/v1/aggTrades}
     * (weight 20), both from {@code fromId = lastTradeId + 1}; ids are those of the {@code @trade} /
     * {@code @aggTrade} stream {@link #subscribeTrades} uses. {@code limit} is capped at Binance's 1000.
     */
    @Override
    public CompletableFuture<Result<List<Trade>>> tradesAfter(InstrumentId instrument, String lastTradeId,
                                                              int limit) {
        Result<InstrumentDefinition> found = find(instrument);
        if (!found.isOk()) {
            return done(Result.err(found.error()));
        }
        long last;
        try {
            last = Long.parseLong(lastTradeId);
        } catch (NumberFormatException | NullPointerException e) {
            return done(Result.err(invalid("lastTradeId '" + lastTradeId + "' is not a Binance trade id")));
        }
        if (limit < 1) {
            return done(Result.err(invalid("limit must be at least 1, was " + limit)));
        }
        String symbol = found.value().symbol();
        String instrumentId = found.value().id().toString();
        String path = venue.rest().tradeHistoryPath();
        HttpCall call = HttpCall.get(path)
                .withParam("symbol", symbol)
                .withParam("fromId", Long.toString(last + 1))
                .withParam("limit", Integer.toString(Math.min(limit, TRADE_HISTORY_MAX)))
                .withWeight(venue.rest().tradeHistoryWeight());
        return rest.call(call).thenApply(result -> result.flatMap(body -> {
            Instant received = Instant.now();
            try {
                return Result.ok(MarketMapping.restTrades(venue, symbol, path, body).stream()
                        .map(tick -> tick.toTrade(exchange(), instrumentId, received)).toList());
            } catch (UnmappableMessageException e) {
                return Result.err(new ExchangeError(ErrorKind.UNKNOWN, exchange(), null,
                        path + " answer for " + symbol + " unreadable: " + e.getMessage(), 0, false, null));
            }
        }));
    }

    @Override
    public CompletableFuture<Result<Void>> unsubscribe(Subscription subscription) {
        synchronized (this) {
            Runnable remove = subscriptions.remove(subscription);
            if (remove == null) {
                return done(Result.err(new ExchangeError(ErrorKind.NOT_FOUND, exchange(), null,
                        "no such subscription: " + subscription, 0, false, null)));
            }
            remove.run();
        }
        return done(Result.ok());
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        timer.shutdownNow();
        streams.close();
        rest.close();
        states.values().forEach(BinanceStreamState::stop);
    }

    // ---- subscriptions ----

    /** The partial-depth stream for N at the interval, or null when Binance has none (then full depth cut to N). */
    private String partialStream(String symbol, int topN, Duration interval) {
        if (!PARTIAL_DEPTHS.contains(topN)) {
            return null;
        }
        long ms = interval.toMillis();
        String speed = switch (venue) {
            case SPOT -> ms == 1000 ? "" : ms == 100 ? "@100ms" : null;
            case USDM -> ms == 250 ? "" : ms == 100 ? "@100ms" : ms == 500 ? "@500ms" : null;
        };
        return speed == null || interval.toNanos() != ms * 1_000_000 ? null
                : symbol.toLowerCase(Locale.ROOT) + "@depth" + topN + speed;
    }

    private void add(String stream, BinanceStreamState state) {
        String connection = streams.subscribe(stream);
        state.onSubscribed(connection, streams.isConnected(connection));
    }

    private void release(String stream, BinanceStreamState.Counted state) {
        if (--state.users == 0) {
            states.remove(stream, state);
            streams.unsubscribe(stream);
        }
    }

    private Result<Subscription> refuseIfNotUsable() {
        if (closed) {
            return Result.err(ExchangeError.network(exchange(), "subscriber is closed"));
        }
        if (listener == null) {
            return Result.err(invalid("connect(listener) before subscribing"));
        }
        return null;
    }

    private Result<InstrumentDefinition> find(InstrumentId instrument) {
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

    private BookUpdateMapper mapper(InstrumentDefinition instrument) {
        return new BookUpdateMapper(exchange(), instrument.symbol(), instrument.id().toString());
    }

    private static <T> CompletableFuture<Result<T>> done(Result<T> result) {
        return CompletableFuture.completedFuture(result);
    }
}
