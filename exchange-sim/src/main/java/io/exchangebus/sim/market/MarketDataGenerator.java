package io.exchangebus.sim.market;

import io.exchangebus.sim.engine.Instrument;
import io.exchangebus.sim.engine.MatchingEngine;
import io.exchangebus.sim.engine.OrderRequest;
import io.exchangebus.sim.engine.Side;
import java.math.BigDecimal;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves one instrument's book through its real engine: a market maker quoting around a random-walk mid and a taker
 * printing trades. All randomness comes from one {@link SplittableRandom} seeded by the config, so the same seed on
 * a fresh engine (same ids, same clock) gives the same commands and the same engine events; only when steps run
 * (by {@link #start()}) depends on the wall clock.
 *
 * <p>The accounts named in the config must exist and be funded if the engine books into a ledger.
 * Threading: {@link #step()} may be called from any thread; the engine serializes commands.
 */
public final class MarketDataGenerator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MarketDataGenerator.class);

    private final MatchingEngine engine;
    private final GeneratorConfig config;
    private final Instrument instrument;
    private final SplittableRandom random;
    private final long minMidTicks;
    /** Written only by {@link #step()} (under this object's lock); volatile so {@link #mid()} takes no lock. */
    private volatile long midTicks;
    private ScheduledExecutorService scheduler;

    public MarketDataGenerator(MatchingEngine engine, GeneratorConfig config) {
        this.engine = engine;
        this.config = config;
        this.instrument = engine.instrument();
        this.random = new SplittableRandom(config.seed());
        BigDecimal[] ticks = config.startMid().divideAndRemainder(instrument.tickSize());
        if (ticks[1].signum() != 0) {
            throw new IllegalArgumentException("startMid is not on the tick: " + config.startMid());
        }
        this.midTicks = ticks[0].longValueExact();
        this.minMidTicks = (long) config.levelsPerSide() * config.levelSpacingTicks() + 1;
        if (midTicks < minMidTicks) {
            throw new IllegalArgumentException("startMid too low for the quoted levels");
        }
    }

    /** One step: walk the mid, requote, print trades. */
    public synchronized void step() {
        int walk = config.maxWalkTicks();
        midTicks = Math.max(minMidTicks, midTicks + random.nextInt(-walk, walk + 1));
        requote();
        int trades = (int) config.tradesPerStep();
        if (random.nextDouble() < config.tradesPerStep() - trades) {
            trades++;
        }
        for (int i = 0; i < trades; i++) {
            Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
            engine.place(OrderRequest.market(config.takerAccount(), side, lots(config.maxTakerLots()).toPlainString()));
        }
    }

    private void requote() {
        engine.cancelAll(config.makerAccount());
        for (int level = 1; level <= config.levelsPerSide(); level++) {
            long offset = (long) level * config.levelSpacingTicks();
            quote(Side.BUY, midTicks - offset);
            quote(Side.SELL, midTicks + offset);
        }
    }

    private void quote(Side side, long priceTicks) {
        BigDecimal price = instrument.tickSize().multiply(BigDecimal.valueOf(priceTicks));
        engine.place(OrderRequest.limit(config.makerAccount(), side, price.toPlainString(),
                lots(config.maxQuoteLots()).toPlainString()));
    }

    private BigDecimal lots(int max) {
        return instrument.lotSize().multiply(BigDecimal.valueOf(1 + random.nextInt(max)));
    }

    /** A failed step must not end the schedule silently (an exception would cancel it). */
    private void stepLogged() {
        try {
            step();
        } catch (RuntimeException e) {
            LOG.error("market-data step failed for {}", instrument.symbol(), e);
        }
    }

    /**
     * The current mid price. Takes no lock: {@link #step()} holds this generator's lock while it calls into the
     * engine, so an engine listener asking for the mid (an index price) must not wait for that lock.
     */
    public BigDecimal mid() {
        return instrument.tickSize().multiply(BigDecimal.valueOf(midTicks));
    }

    /** Runs {@link #step()} every {@code stepInterval} on its own daemon thread until {@link #close()}. */
    public synchronized MarketDataGenerator start() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "market-data-" + instrument.symbol());
                t.setDaemon(true);
                return t;
            });
            long nanos = config.stepInterval().toNanos();
            scheduler.scheduleAtFixedRate(this::stepLogged, 0, nanos, TimeUnit.NANOSECONDS);
        }
        return this;
    }

    @Override
    public void close() {
        ScheduledExecutorService s;
        synchronized (this) {
            s = scheduler;
            scheduler = null;
        }
        if (s != null) {
            s.shutdownNow();
            try {
                s.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
