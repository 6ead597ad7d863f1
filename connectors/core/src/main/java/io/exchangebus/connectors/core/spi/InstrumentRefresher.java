package io.exchangebus.connectors.core.spi;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentList;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.instrument.SkippedInstrument;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a running service's {@link InstrumentRegistry} up to date: fetches the exchange's instrument list
 * ({@link ExchangeConnector#instrumentList}) now and then and {@link InstrumentRegistry#refresh refreshes} the
 * registry with it. An instrument that cannot be mapped or added is skipped, logged with its reason and counted
 * ({@link #skipped()}); the rest of the list is used. Instruments no longer listed (expired options, delistings)
 * leave the registry and orders on them are refused as no longer listed. A failed fetch keeps the list there is.
 *
 * <p>Periodic refreshes are started one after another from the refresher's own daemon thread, the next a period after
 * the last ended; {@link #refreshNow} may be called from any thread besides (the registry serializes refreshes).
 * Thread-safe.
 */
public final class InstrumentRefresher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InstrumentRefresher.class);

    private final ExchangeConnector connector;
    private final ConnectorSettings settings;
    private final InstrumentRegistry instruments;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    /** Nothing is fetched until {@link #refreshNow} or {@link #start}. */
    public InstrumentRefresher(ExchangeConnector connector, ConnectorSettings settings,
                               InstrumentRegistry instruments) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.instruments = Objects.requireNonNull(instruments, "instruments");
        if (!connector.exchange().equals(instruments.exchange())) {
            throw new IllegalArgumentException("the registry of " + instruments.exchange()
                    + " given to the refresher of " + connector.exchange());
        }
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "instrument-refresh-" + connector.exchange());
            t.setDaemon(true);
            return t;
        });
    }

    /** Refreshes every {@code period}, the first time after one period (a service fills its registry at start). */
    public InstrumentRefresher start(Duration period) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("refresh period must be positive, was " + period);
        }
        long millis = period.toMillis();
        scheduler.scheduleWithFixedDelay(() -> refreshNow().join(), millis, millis, TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Fetches the list and refreshes the registry with it.
     *
     * @return what the refresh did, or why the list could not be fetched (the registry then unchanged); never
     *         completes exceptionally
     */
    public CompletableFuture<Result<InstrumentRegistry.Refresh>> refreshNow() {
        CompletableFuture<Result<InstrumentList>> fetched;
        try {
            fetched = connector.instrumentList(settings);
        } catch (RuntimeException e) {
            fetched = CompletableFuture.failedFuture(e);
        }
        return fetched.thenApply(this::apply).exceptionally(e -> {
            failures.incrementAndGet();
            LOG.warn("{}: instrument refresh failed, keeping {} instruments", connector.exchange(),
                    instruments.size(), e);
            return Result.err(ExchangeError.network(connector.exchange(), "instrument refresh failed: " + e));
        });
    }

    private Result<InstrumentRegistry.Refresh> apply(Result<InstrumentList> fetched) {
        if (!fetched.isOk()) {
            failures.incrementAndGet();
            LOG.warn("{}: could not fetch the instrument list, keeping {} instruments: {}", connector.exchange(),
                    instruments.size(), fetched.error());
            return Result.err(fetched.error());
        }
        InstrumentList list = fetched.value();
        InstrumentRegistry.Refresh refresh = instruments.refresh(list.instruments());
        List<SkippedInstrument> all = new ArrayList<>(list.skipped());
        all.addAll(refresh.skipped());
        for (SkippedInstrument s : all) {
            LOG.warn("{}: instrument {} skipped: {}", connector.exchange(), s.symbol(), s.reason());
        }
        skipped.addAndGet(all.size());
        for (InstrumentDefinition gone : refresh.delisted()) {
            LOG.info("{}: instrument {} ({}) is no longer listed; orders on it are refused", connector.exchange(),
                    gone.symbol(), gone.id());
        }
        if (refresh.kept()) {
            LOG.warn("{}: the instrument list had no usable instrument; keeping the {} there are",
                    connector.exchange(), refresh.listed());
        }
        return Result.ok(new InstrumentRegistry.Refresh(refresh.listed(), all, refresh.delisted(), refresh.kept()));
    }

    /** Instruments skipped over every refresh so far (one skipped on each of three refreshes counts three). */
    public long skipped() {
        return skipped.get();
    }

    /** Refreshes whose list could not be fetched. */
    public long failures() {
        return failures.get();
    }

    /** Stops refreshing; a refresh under way is interrupted. */
    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
