package io.exchangebus.connectors.deribit;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.book.BookUpdateMapper;
import io.exchangebus.connectors.core.book.FullBookManager;
import io.exchangebus.connectors.core.book.PreviousIdLinkRule;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentId;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.role.Capabilities;
import io.exchangebus.connectors.core.role.Subscriber;
import io.exchangebus.connectors.core.role.Subscription;
import io.exchangebus.connectors.core.role.TradeSequencing;
import io.exchangebus.connectors.deribit.config.DeribitConfig;
import io.exchangebus.connectors.deribit.http.DeribitErrors;
import io.exchangebus.connectors.deribit.http.DeribitHttpClient;
import io.exchangebus.connectors.deribit.ws.DeribitLimits;
import io.exchangebus.connectors.deribit.ws.DeribitRpc;
import io.exchangebus.events.ErrorKind;
import io.exchangebus.events.Ticker;
import io.exchangebus.events.Trade;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * Deribit public market data as a {@link Subscriber}, on one {@link DeribitRpc} connection (deribit.md §6).
 *
 * <ul>
 * <li>Book, full depth ({@code topN} 0): {@code book.{instrument}.raw} when the config has an account (raw needs a
 *     login: 13778), else {@code book.{instrument}.100ms}. The first message is the snapshot ({@code type:
 *     snapshot}); each change's {@code prev_change_id} must equal the last {@code change_id}
 *     ({@link PreviousIdLinkRule} in core's {@link FullBookManager}), else the book is invalid, the channel is
 *     unsubscribed and subscribed again, and the new snapshot is published whole with {@code resync=true}.</li>
 * <li>Book, top N ≤ 20 at 100 ms (or no interval): the grouped channel {@code book.{instrument}.none.{1|10|20}.100ms}
 *     (full top-N snapshots), cut to N. Any other top N or interval: a top-N view of the full book.</li>
 * <li>Trades: {@code trades.{instrument}.raw} (with an account) or {@code .100ms}; {@code trade_seq} is each
 *     instrument's own counter ({@link TradeSequencing#CONSECUTIVE_TRADE_SEQUENCE}).</li>
 * <li>Trade history ({@link #tradesAfter}): {@code public/get_last_trades_by_instrument} by {@code start_seq} over
 *     HTTP.</li>
 * <li>Ticker (Deribit only, not in the role): {@link #subscribeTicker}.</li>
 * </ul>
 * A frame that cannot be mapped is reported as a malformed frame with its raw text and reason, and counted; the
 * stream goes on. A dropped socket or a new session (10028) invalidates every book; the new socket's snapshots
 * resynchronise them.
 */
public final class DeribitSubscriber implements Subscriber {

    static final int MAX_BUFFERED = 10_000;
    private static final List<Integer> GROUPED_DEPTHS = List.of(1, 10, 20);
    private static final Duration GROUPED_INTERVAL = Duration.ofMillis(100);

    private final DeribitConfig config;
    private final InstrumentRegistry instruments;
    private final String interval;
    private final ScheduledExecutorService timer;
    private final DeribitRpc rpc;
    private final DeribitMarketFrames frames;
    private final DeribitSubscriptions subscriptions;
    private final DeribitHttpClient http;
    private final DeribitTradeHistory history;
    private volatile Listener listener;
    private volatile boolean closed;

    public DeribitSubscriber(DeribitConfig config, InstrumentRegistry instruments) {
        this(config, instruments, Clock.systemUTC());
    }

    public DeribitSubscriber(DeribitConfig config, InstrumentRegistry instruments, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.instruments = Objects.requireNonNull(instruments, "instruments");
        this.interval = config.account().isPresent() ? "raw" : "100ms";
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "deribit-subscriber-timer");
            t.setDaemon(true);
            return t;
        });
        this.frames = new DeribitMarketFrames(() -> listener, () -> closed);
        Map<String, DeribitStreamState> states = new ConcurrentHashMap<>();
        DeribitSubscriberEvents events = new DeribitSubscriberEvents(states, frames, () -> listener, () -> closed);
        this.rpc = new DeribitRpc(config.rpc("md", false, clock), new DeribitLimits(clock), clock, events);
        this.subscriptions = new DeribitSubscriptions(rpc, states, frames);
        this.http = new DeribitHttpClient(DeribitHttpClient.defaultSettings(config.endpoints().rest()),
                rpc.limits(), config.maxCreditWait());
        this.history = new DeribitTradeHistory(http, clock);
    }

    @Override
    public String exchange() {
        return DeribitErrors.EXCHANGE;
    }

    @Override
    public Capabilities capabilities() {
        return DeribitCapabilities.subscriber();
    }

    /** {@code trade_seq} rises by one per trade of the instrument; {@code trade_id} is shared by a currency. */
    @Override
    public TradeSequencing tradeSequencing() {
        return TradeSequencing.CONSECUTIVE_TRADE_SEQUENCE;
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
        Integer grouped = groupedDepth(topN, interval);
        if (grouped != null) {
            return subscriptions.grouped(subscription, "book." + symbol + ".none." + grouped + ".100ms", grouped);
        }
        String channel = "book." + symbol + "." + this.interval;
        return subscriptions.fullBook(subscription, channel, () -> newBook(channel, found.value()));
    }

    @Override
    public CompletableFuture<Result<Subscription>> subscribeTrades(InstrumentId instrument) {
        Result<InstrumentDefinition> found = usable(instrument);
        if (!found.isOk()) {
            return done(Result.err(found.error()));
        }
        Subscription subscription = new Subscription(Subscription.Channel.TRADES, instrument, 0, null);
        return subscriptions.trades(subscription, "trades." + found.value().symbol() + "." + interval);
    }

    /**
     * Deribit's {@code ticker.{instrument}.{100ms|raw}} (raw needs an account) to {@code consumer}, on the
     * connection's consumer thread. Unsubscribe with the returned handle's {@link Runnable#run}.
     */
    public CompletableFuture<Result<Runnable>> subscribeTicker(InstrumentId instrument, Consumer<Ticker> consumer) {
        Result<InstrumentDefinition> found = usable(instrument);
        if (!found.isOk()) {
            return done(Result.err(found.error()));
        }
        return subscriptions.ticker("ticker." + found.value().symbol() + "." + interval,
                Objects.requireNonNull(consumer, "consumer"));
    }

    /**
     * Over HTTP, {@code public/get_last_trades_by_instrument} from {@code start_seq = lastTradeId + 1}, ascending;
     * {@code lastTradeId} is a {@code trade_seq} ({@link #tradeSequencing()}); at most 1000. Needs no connect.
     */
    @Override
    public CompletableFuture<Result<List<Trade>>> tradesAfter(InstrumentId instrument, String lastTradeId,
                                                              int limit) {
        Result<InstrumentDefinition> found = known(instrument);
        return found.isOk() ? history.after(found.value().symbol(), lastTradeId, limit)
                : done(Result.err(found.error()));
    }

    @Override
    public CompletableFuture<Result<Void>> unsubscribe(Subscription subscription) {
        return subscriptions.unsubscribe(subscription);
    }

    /** Frames reported malformed so far. */
    public long malformedFrames() {
        return frames.malformedCount();
    }

    /** The connection, for diagnostics (state, sessions, test requests answered). */
    public DeribitRpc rpc() {
        return rpc;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        subscriptions.stopAll();
        rpc.close();
        http.close();
        timer.shutdownNow();
    }

    @Override
    public String toString() {
        return "DeribitSubscriber[" + config.endpoints().ws().getHost() + ", books " + interval + "]";
    }

    // ---- helpers ----

    private DeribitStreamState.FullBook newBook(String channel, InstrumentDefinition instrument) {
        DeribitBookFeed feed = new DeribitBookFeed(channel, rpc::resubscribe, timer);
        BookUpdateMapper mapper = new BookUpdateMapper(exchange(), instrument.symbol(), instrument.id().toString());
        feed.bind(new FullBookManager(PreviousIdLinkRule.INSTANCE, MAX_BUFFERED, mapper, feed,
                FullBookManager.Ticker.of(timer), frames::book));
        return new DeribitStreamState.FullBook(feed);
    }

    /** The grouped channel's depth for a top N at an interval, or null when the full book must serve it. */
    static Integer groupedDepth(int topN, Duration interval) {
        if (topN < 1 || interval != null && !interval.isZero() && !interval.equals(GROUPED_INTERVAL)) {
            return null;
        }
        return GROUPED_DEPTHS.stream().filter(d -> d >= topN).findFirst().orElse(null);
    }

    private Result<InstrumentDefinition> usable(InstrumentId instrument) {
        if (closed) {
            return Result.err(ExchangeError.network(exchange(), "subscriber is closed"));
        }
        if (listener == null) {
            return Result.err(invalid("connect(listener) before subscribing"));
        }
        return known(instrument);
    }

    private Result<InstrumentDefinition> known(InstrumentId instrument) {
        if (closed) {
            return Result.err(ExchangeError.network(exchange(), "subscriber is closed"));
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
}
