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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The market data of one exchange: its {@link Subscriber}, the instruments it maps with, and what becomes of every
 * callback (events to the {@link MarketPublisher}, malformed frames to the dead-letter topic, connection changes to
 * the metrics). Callbacks run on the connector's delivery thread.
 */
final class ExchangeFeed implements Subscriber.Listener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExchangeFeed.class);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final String exchange;
    private final Subscriber subscriber;
    private final InstrumentRegistry instruments;
    private final MarketPublisher publisher;
    private final DeadLetters deadLetters;
    private final IngestMetrics metrics;
    private final TradeContinuity continuity;
    private final TradeBackfill backfill;
    /** Fills trade gaps one at a time, in the order found, off the delivery thread. */
    private final ExecutorService backfills;
    private final boolean rawFrames;
    private final Map<String, ConnectionState> connections = new ConcurrentHashMap<>();
    private final Set<String> everConnected = ConcurrentHashMap.newKeySet();

    ExchangeFeed(String exchange, Subscriber subscriber, InstrumentRegistry instruments, MarketPublisher publisher,
                 DeadLetters deadLetters, IngestMetrics metrics, TradeContinuity continuity, boolean rawFrames) {
        this.exchange = exchange;
        this.subscriber = subscriber;
        this.instruments = instruments;
        this.publisher = publisher;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.continuity = continuity;
        this.backfill = new TradeBackfill(exchange, subscriber, continuity, metrics, this::await);
        this.backfills = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, exchange + "-trade-backfill");
            t.setDaemon(true);
            return t;
        });
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
        if (spec.trades()) {
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
     * Publishes {@code trade} at once unless it is a repeat, judged by the connector's {@link TradeSequencing}
     * ({@link TradeContinuity}). A trade that skips positions also starts a backfill of the skipped ones on the
     * backfill thread, so the delivery thread never waits for REST.
     *
     * <p>What reaches the topic, per key: every trade at most once (by position; under
     * {@link TradeSequencing#NONE} by trade id among the recent ones); live trades in the order the stream delivers
     * them; a gap's trades, oldest first, when the history answers: after the live trade that revealed the gap and
     * after whatever live trades came meanwhile. A consumer that needs trades in order sorts by the position (trade
     * id, or trade sequence). A trade the stream delivers late into an open gap is published by the stream and
     * skipped by the backfill. What the backfill cannot get is counted as missed when it ends.
     */
    @Override
    public void onTrade(Trade trade) {
        metrics.received(exchange);
        String key = TopicKey.exchangeSymbol(exchange, trade.getSymbol());
        TradeContinuity.Admission admission = continuity.admit(exchange, key, subscriber.tradeSequencing(), trade);
        if (!admission.publish()) {
            LOG.debug("{}: trade {} of {} already published", exchange, trade.getTradeId(), trade.getSymbol());
            return;
        }
        publisher.trade(key, trade);
        if (admission.gap() != null) {
            backfillLater(admission.gap());
        }
    }

    private void backfillLater(TradeContinuity.Gap gap) {
        LOG.warn("{}: {} trades of {} skipped before {}: backfilling", exchange, gap.size(), gap.symbol(),
                gap.to() + 1);
        Optional<InstrumentDefinition> instrument = instruments.bySymbol(gap.symbol());
        if (instrument.isEmpty()) {
            continuity.close(gap);
            return;
        }
        try {
            backfills.execute(() -> backfill.fill(instrument.get().id(), gap, t -> publisher.trade(gap.key(), t)));
        } catch (RejectedExecutionException closing) {
            continuity.close(gap);
        }
    }

    @Override
    public void onMalformedFrame(MalformedFrame frame) {
        metrics.error("malformed-frame");
        deadLetters.frameFailed(exchange, null, frame.payload().getBytes(StandardCharsets.UTF_8), "MALFORMED_FRAME",
                frame.reason() + " (channel " + frame.channel() + ")");
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
        backfills.shutdownNow(); // a backfill waiting on REST is interrupted; what it had not got counts as missed
        try {
            if (!backfills.awaitTermination(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("{}: a trade backfill did not stop", exchange);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
