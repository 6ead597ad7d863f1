package io.exchangebus.ingest;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.role.TradeSequencing;
import io.exchangebus.connectors.core.spi.ExchangeConnector;
import io.exchangebus.service.Service;
import io.exchangebus.service.config.ConfigErrors;
import io.exchangebus.service.config.ServiceConfig;
import io.exchangebus.service.exchange.ExchangeAccess;
import io.exchangebus.service.kafka.DeadLetters;
import io.exchangebus.service.ops.ReadinessCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest's work: for every configured subscription, the book and trades of one instrument from its exchange's
 * Subscriber to {@code market.book.v1} and {@code market.trades.v1} (and every frame to {@code market.raw.v1} when
 * {@code ingest.raw-frames} is on), with subscriptions added and removed while running ({@link Subscriptions}).
 *
 * <p>Start: the instruments of every exchange named by a subscription are fetched, every symbol checked (one the
 * exchange does not list stops the start, naming its key), then each exchange's Subscriber connects and subscribes.
 * Close: the Subscribers close first, so no event arrives after, then the producer writes what is in flight.
 */
final class IngestService implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

    private final ExchangeAccess access;
    private final List<SubscriptionSpec> configured;
    private final MarketPublisher publisher;
    private final DeadLetters deadLetters;
    private final IngestMetrics metrics;
    private final TradeContinuity continuity;
    private final boolean rawFrames;
    private final Map<String, ExchangeFeed> feeds = new LinkedHashMap<>();
    private final Subscriptions subscriptions = new Subscriptions(this::feed);
    private final LastTrades lastTrades;

    IngestService(ExchangeAccess access, ServiceConfig config, MarketPublisher publisher, DeadLetters deadLetters,
                  IngestMetrics metrics, LastTrades lastTrades) {
        this.access = access;
        this.configured = config.names(IngestKeys.SUBSCRIPTIONS).stream()
                .map(name -> SubscriptionSpec.fromConfig(config, name)).toList();
        this.publisher = publisher;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.continuity = new TradeContinuity(metrics);
        this.rawFrames = config.get(IngestKeys.RAW_FRAMES);
        this.lastTrades = lastTrades;
    }

    Subscriptions subscriptions() {
        return subscriptions;
    }

    @Override
    public void start() throws Exception {
        ConfigErrors unknown = new ConfigErrors();
        for (SubscriptionSpec spec : configured) {
            if (feed(spec.exchange()).instrument(spec.symbol()).isEmpty()) {
                unknown.add(IngestKeys.SYMBOL.pathFor(spec.name()), "exchange " + spec.exchange()
                        + " lists no symbol '" + spec.symbol() + "'");
            }
        }
        unknown.throwIfAny();
        Map<String, TradeSequencing> tradeKeys = new LinkedHashMap<>();
        for (SubscriptionSpec spec : configured) {
            if (spec.trades()) {
                tradeKeys.put(spec.key(), feed(spec.exchange()).tradeSequencing());
            }
        }
        lastTrades.read(tradeKeys).forEach(continuity::seed);
        for (SubscriptionSpec spec : configured) {
            subscriptions.put(spec);
        }
    }

    @Override
    public Map<String, ReadinessCheck> readinessChecks() {
        return Map.of("exchanges-connected", subscriptions::allConnected,
                "kafka-producer", publisher::healthy);
    }

    /** The open feed of {@code exchange}: instruments fetched and the Subscriber connected on first use. */
    private synchronized ExchangeFeed feed(String exchange) throws Subscriptions.Refused {
        ExchangeFeed open = feeds.get(exchange);
        if (open != null) {
            return open;
        }
        if (!access.exchangeIds().contains(exchange)) {
            throw new Subscriptions.Refused(404, "exchange '" + exchange + "' is not configured; configured: "
                    + access.exchangeIds());
        }
        ExchangeConnector connector = access.connector(exchange);
        InstrumentRegistry instruments = new InstrumentRegistry(exchange);
        Result<List<InstrumentDefinition>> listed = await(exchange, connector.instruments(access.settings(exchange)));
        if (!listed.isOk()) {
            throw new Subscriptions.Refused(502, "instruments of " + exchange + " not fetched: " + listed.error());
        }
        instruments.replaceAll(listed.value());
        ExchangeFeed feed = new ExchangeFeed(exchange, connector.subscriber(access.settings(exchange), instruments), instruments,
                publisher, deadLetters, metrics, continuity, rawFrames);
        Result<Void> connected = feed.connect();
        if (!connected.isOk()) {
            feed.close();
            throw new Subscriptions.Refused(502, exchange + " not connected: " + connected.error());
        }
        LOG.info("{}: {} instruments, connected", exchange, instruments.size());
        feeds.put(exchange, feed);
        return feed;
    }

    private static <T> Result<T> await(String exchange, java.util.concurrent.CompletableFuture<Result<T>> call)
            throws Subscriptions.Refused {
        try {
            return call.get(ExchangeFeed.CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new Subscriptions.Refused(502, exchange + " did not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Subscriptions.Refused(502, "interrupted");
        }
    }

    @Override
    public void close(Duration timeout) {
        subscriptions.close();
        List<ExchangeFeed> open;
        synchronized (this) {
            open = new ArrayList<>(feeds.values());
            feeds.clear();
        }
        open.forEach(ExchangeFeed::close);
        publisher.close(timeout);
        LOG.info("ingest closed: subscribers stopped, producer flushed");
    }
}
