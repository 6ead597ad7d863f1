package io.exchangebus.ingest;

import io.exchangebus.avro.topics.TopicKey;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.connection.ConnectionState;
import io.exchangebus.connectors.core.connection.FramesDropped;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Subscriber;
import io.exchangebus.connectors.core.role.Subscription;
import io.exchangebus.connectors.core.role.TradeSequencing;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.RawFrame;
import io.exchangebus.events.Trade;
import io.exchangebus.service.kafka.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The market data of one exchange: its {@link Subscriber}, the instruments it maps with, and what becomes of every
 * callback (events to the {@link MarketPublisher}, malformed frames to the dead-letter topic, connection changes to
 * the metrics). Callbacks run on the connector's delivery thread.
 *
 * <p>Threads: the delivery thread publishes books, raw frames and the live trades of keys not held back; the backfill
 * thread (one per feed: gaps are filled one at a time, in the order found) publishes a held key's trades when its
 * last open gap ends; the hold timer thread publishes them when a key has been held {@link #MAX_HOLD}; the delivery
 * thread publishes them when a key holds more than {@link #MAX_HELD}; {@link #close} publishes what is still held.
 * Every publication of a key's trades happens under that key's lock, so they are ordered; the lock is held only to
 * judge, enqueue or hand trades to the producer, never across a REST call.
 */
final class ExchangeFeed implements Subscriber.Listener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExchangeFeed.class);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    /**
     * How many live trades a key holds back at most while its gap is backfilled; one more and the key goes live (the
     * rest of its gaps counted as missed). Bounds the memory a slow history can pin per key (some megabytes of
     * trades): more than the busiest Binance symbols print in {@link #MAX_HOLD}, so it bites only in bursts.
     */
    static final int MAX_HELD = 10_000;
    /**
     * How long a key's live trades are held back at most while its gaps are backfilled; then the key goes live (the
     * rest of its gaps counted as missed). Bounds the delay a consumer sees: a history page answers in well under a
     * second, so a gap of a few thousand trades fits, while a history that hangs (up to {@link #CALL_TIMEOUT} per
     * call) does not stall the key's trades for long.
     */
    static final Duration MAX_HOLD = Duration.ofSeconds(10);

    private final String exchange;
    private final Subscriber subscriber;
    private final InstrumentRegistry instruments;
    private final MarketPublisher publisher;
    private final DeadLetters deadLetters;
    private final IngestMetrics metrics;
    private final TradeContinuity continuity;
    /** Fills trade gaps one at a time, in the order found, off the delivery thread. */
    private final TradeLanes lanes;
    private final boolean rawFrames;
    private final Map<String, ConnectionState> connections = new ConcurrentHashMap<>();
    private final Set<String> everConnected = ConcurrentHashMap.newKeySet();
    /** The ticker subscriptions' handles by topic key (the role's {@link Subscriber#subscribeTicker}). */
    private final Map<String, Runnable> tickers = new ConcurrentHashMap<>();

    ExchangeFeed(String exchange, Subscriber subscriber, InstrumentRegistry instruments, MarketPublisher publisher,
                 DeadLetters deadLetters, IngestMetrics metrics, TradeContinuity continuity, boolean rawFrames) {
        this(exchange, subscriber, instruments, publisher, deadLetters, metrics, continuity, rawFrames, MAX_HELD,
                MAX_HOLD);
    }

    /** With caps on holding a key's trades back other than {@link #MAX_HELD} and {@link #MAX_HOLD} (for tests). */
    ExchangeFeed(String exchange, Subscriber subscriber, InstrumentRegistry instruments, MarketPublisher publisher,
                 DeadLetters deadLetters, IngestMetrics metrics, TradeContinuity continuity, boolean rawFrames,
                 int maxHeld, Duration maxHold) {
        this.exchange = exchange;
        this.subscriber = subscriber;
        this.instruments = instruments;
        this.publisher = publisher;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.continuity = continuity;
        this.lanes = new TradeLanes(exchange, instruments, publisher, continuity,
                new TradeBackfill(exchange, subscriber, continuity, metrics, this::await), maxHeld, maxHold);
        this.rawFrames = rawFrames;
    }

    String exchange() {
        return exchange;
    }

    /** How the connector numbers each instrument's trades (its declaration, not an assumption of ours). */
    TradeSequencing tradeSequencing() {
        return subscriber.tradeSequencing();
    }

    /** The instrument the exchange lists as {@code symbol}. */
    Optional<InstrumentDefinition> instrument(String symbol) {
        return instruments.bySymbol(symbol);
    }

    /** Connects; the result says why not. */
    Result<Void> connect() {
        return await(subscriber.connect(this));
    }

    /** Whether every connection it opened is connected now. */
    boolean connected() {
        return !connections.isEmpty() && connections.values().stream().allMatch(s -> s == ConnectionState.CONNECTED);
    }

    /**
     * Subscribes what {@code spec} asks for; on an error, undoes what it had subscribed.
     *
     * @return the connector's subscriptions, or the first error
     */
    Result<List<Subscription>> subscribe(SubscriptionSpec spec, InstrumentDefinition instrument) {
        List<Subscription> done = new ArrayList<>();
        if (spec.book()) {
            Result<Subscription> book = await(subscriber.subscribeOrderBook(instrument.id(), spec.bookDepth(),
                    spec.bookDepth() == 0 ? Duration.ZERO : spec.bookInterval()));
            if (!book.isOk()) {
                return Result.err(book.error());
            }
            done.add(book.value());
        }
        if (spec.trades()) {
            Result<Subscription> trades = await(subscriber.subscribeTrades(instrument.id()));
            if (!trades.isOk()) {
                unsubscribe(spec, done);
                return Result.err(trades.error());
            }
            done.add(trades.value());
        }
        if (spec.tickers()) {
            String key = spec.key();
            Result<Runnable> ticker = await(subscriber.subscribeTicker(instrument.id(), t -> {
                metrics.received(exchange);
                publisher.ticker(key, t);
            }));
            if (!ticker.isOk()) {
                unsubscribe(spec, done);
                return Result.err(ticker.error());
            }
            tickers.put(key, ticker.value());
        }
        return Result.ok(List.copyOf(done));
    }

    /** Unsubscribes {@code subscriptions} of {@code spec}; what cannot be unsubscribed is logged. */
    void unsubscribe(SubscriptionSpec spec, List<Subscription> subscriptions) {
        for (Subscription subscription : subscriptions) {
            Result<Void> result = await(subscriber.unsubscribe(subscription));
            if (!result.isOk()) {
                LOG.warn("{}: unsubscribing {} of {} failed: {}", exchange, subscription.channel(), spec.name(),
                        result.error());
            }
        }
        Runnable ticker = tickers.remove(spec.key());
        if (ticker != null) {
            ticker.run();
        }
        if (spec.trades()) {
            lanes.forget(spec.key());
            continuity.forget(spec.key());
        }
    }

    @Override
    public void onBookUpdate(BookUpdate update) {
        metrics.received(exchange);
        if (update.getResync()) {
            metrics.resync(exchange);
            LOG.info("{}: resync snapshot of {} (depth {}) at sequence {}", exchange, update.getSymbol(),
                    update.getDepth(), update.getSequence());
        }
        publisher.book(TopicKey.exchangeSymbol(exchange, update.getSymbol()), update);
    }

    /**
     * Publishes {@code trade} unless it is a repeat, judged by the connector's {@link TradeSequencing}
     * ({@link TradeContinuity}); on the delivery thread, which never waits for the exchange's history.
     *
     * <p>What reaches the topic, per key (exchange:symbol):
     * <ol>
     * <li>every trade at most once (by position; under {@link TradeSequencing#NONE} by trade id among the recent
     * ones); a key with no open gap publishes each trade at once, in the order the stream delivers it;</li>
     * <li>a trade that skips positions opens a gap, backfilled on the backfill thread, and the key is <em>held</em>:
     * that trade and the key's later live trades are queued, not published. A trade the stream delivers late into
     * an open gap takes its place there (the backfill then skips it). A gap opened while the key is held is
     * backfilled too and extends the hold;</li>
     * <li>when the key's last open gap ends (filled, partly filled, failed, no history), the queued trades, the gap's
     * and the live ones, are published in position order (trades without a position last, as delivered), and the
     * key is live again. Under a consecutive rule the topic thus holds each key's trades in position order;</li>
     * <li>caps: a key held for {@link #MAX_HOLD}, or holding more than {@link #MAX_HELD} live trades, stops waiting:
     * its backfills are interrupted, what they had not fetched is counted as missed, what is queued is published in
     * position order, and the key is live again; a trade the backfill fetches later is dropped (already counted);</li>
     * <li>other keys, and books, never wait for a held key.</li>
     * </ol>
     * On {@link #close}, and when a key is unsubscribed, what is held is published and its open gaps counted as
     * missed: nothing is dropped silently.
     */
    @Override
    public void onTrade(Trade trade) {
        metrics.received(exchange);
        String key = TopicKey.exchangeSymbol(exchange, trade.getSymbol());
        TradeSequencing rule = subscriber.tradeSequencing();
        lanes.accept(key, rule, trade);
    }

    @Override
    public void onMalformedFrame(MalformedFrame frame) {
        metrics.error("malformed-frame");
        deadLetters.frameFailed(exchange, null, frame.payload().getBytes(StandardCharsets.UTF_8), "MALFORMED_FRAME",
                frame.reason() + " (channel " + frame.channel() + ")");
    }

    @Override
    public boolean takesRawFrames() {
        return rawFrames;
    }

    @Override
    public void onRawFrame(String channel, String symbol, String payload, Instant receiveTime) {
        if (!rawFrames || symbol == null) {
            return; // frames about no one instrument (subscription replies) have no exchange:symbol key
        }
        publisher.raw(TopicKey.exchangeSymbol(exchange, symbol), RawFrame.newBuilder()
                .setExchange(exchange).setSymbol(symbol).setChannel(channel).setPayload(payload)
                .setReceiveTime(receiveTime.truncatedTo(ChronoUnit.MICROS)).build());
    }

    @Override
    public void onConnectionEvent(ConnectionEvent event) {
        connections.put(event.connection(), event.state());
        if (event.state() == ConnectionState.CONNECTED && !everConnected.add(event.connection())) {
            metrics.reconnect(exchange);
            LOG.info("{}: {} reconnected", exchange, event.connection());
        } else if (event.state() == ConnectionState.DISCONNECTED) {
            LOG.warn("{}: {} disconnected: {}", exchange, event.connection(), event.reason());
        }
    }

    /** The connector resyncs the connection's books by itself; the drop is counted here. */
    @Override
    public void onFramesDropped(FramesDropped event) {
        metrics.framesDropped(exchange, event.connection(), event.dropped());
    }

    @Override
    public void close() {
        lanes.close();
        subscriber.close();
    }

    private <T> Result<T> await(java.util.concurrent.CompletableFuture<Result<T>> call) {
        try {
            return call.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Result.err(io.exchangebus.connectors.core.ExchangeError.timeout(exchange,
                    "no answer within " + CALL_TIMEOUT.toSeconds() + " s"));
        } catch (ExecutionException e) {
            return Result.err(io.exchangebus.connectors.core.ExchangeError.network(exchange,
                    String.valueOf(e.getCause())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.err(io.exchangebus.connectors.core.ExchangeError.network(exchange, "interrupted"));
        }
    }
}
