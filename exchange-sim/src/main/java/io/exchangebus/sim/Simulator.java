package io.exchangebus.sim;

import io.exchangebus.sim.account.Accounts;
import io.exchangebus.sim.engine.BookSnapshot;
import io.exchangebus.sim.engine.CommandResult;
import io.exchangebus.sim.engine.EngineEvent;
import io.exchangebus.sim.engine.Instrument;
import io.exchangebus.sim.engine.MatchingEngine;
import io.exchangebus.sim.engine.OrderRequest;
import io.exchangebus.sim.fault.FaultInjector;
import io.exchangebus.sim.market.GeneratorConfig;
import io.exchangebus.sim.market.MarketDataGenerator;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated exchange's shared machinery: an engine per instrument (order ids unique across them, trade ids
 * unique within their {@link TradeIdScope}),
 * the accounts they book into, the fault injector, market-data generators, and the servers an exchange simulator
 * adds. Exchange simulators send order commands through {@link #place}, {@link #cancel}, {@link #amend} and
 * {@link #cancelAll} so that tests can read back what was received and when ({@link #receivedOrders()}), and read
 * the true book ({@link #book(String)}).
 *
 * <p>Threading: safe for concurrent use; each engine serializes its own commands (see {@link MatchingEngine}).
 */
public final class Simulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);
    /** Deposited to the generator's own accounts in every asset of the instrument: they never run dry. */
    private static final BigDecimal HOUSE_FUNDS = new BigDecimal("1000000000000");

    private final Clock clock;
    private final Accounts accounts;
    private final FaultInjector faults = new FaultInjector();
    private final Map<String, MatchingEngine> engines = new LinkedHashMap<>();
    /** Appended per order command, copied when read (a copy-on-write list copied it all on each add). */
    private final Queue<ReceivedOrderCommand> received = new ConcurrentLinkedQueue<>();
    private final Deque<AutoCloseable> managed = new ArrayDeque<>();

    private Simulator(Builder builder) {
        this.clock = builder.clock;
        this.accounts = new Accounts(builder.keyRandom);
        AtomicLong orderIds = new AtomicLong(builder.firstOrderId - 1);
        Map<String, AtomicLong> tradeSequences = new HashMap<>();
        for (Instrument instrument : builder.instruments) {
            // Each sequence (per symbol by default, as Binance does) starts at firstTradeId.
            AtomicLong tradeIds = tradeSequences.computeIfAbsent(builder.tradeIdScope.key(instrument),
                    k -> new AtomicLong(builder.firstTradeId - 1));
            engines.put(instrument.symbol(), new MatchingEngine(instrument, accounts, clock,
                    orderIds::incrementAndGet, tradeIds::incrementAndGet));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Clock clock() {
        return clock;
    }

    public Accounts accounts() {
        return accounts;
    }

    public FaultInjector faults() {
        return faults;
    }

    public List<Instrument> instruments() {
        return engines.values().stream().map(MatchingEngine::instrument).toList();
    }

    public MatchingEngine engine(String symbol) {
        MatchingEngine engine = engines.get(symbol);
        if (engine == null) {
            throw new IllegalArgumentException("unknown symbol: " + symbol);
        }
        return engine;
    }

    /** The true book of {@code symbol}, all levels. */
    public BookSnapshot book(String symbol) {
        return engine(symbol).book();
    }

    /** Every engine event of every instrument (listeners run on the commanding thread; see MatchingEngine). */
    public void addListener(Consumer<EngineEvent> listener) {
        engines.values().forEach(engine -> engine.addListener(listener));
    }

    public CommandResult place(String symbol, OrderRequest request) {
        var receivedAt = clock.instant();
        CommandResult result = engine(symbol).place(request);
        record(ReceivedOrderCommand.Kind.PLACE, symbol, request.account(), request, result.order().orderId(), null,
                null, receivedAt, result);
        return result;
    }

    public CommandResult cancel(String symbol, String account, long orderId) {
        var receivedAt = clock.instant();
        CommandResult result = engine(symbol).cancel(account, orderId);
        record(ReceivedOrderCommand.Kind.CANCEL, symbol, account, null, orderId, null, null, receivedAt, result);
        return result;
    }

    public CommandResult amend(String symbol, String account, long orderId, BigDecimal newPrice,
                               BigDecimal newQuantity) {
        var receivedAt = clock.instant();
        CommandResult result = engine(symbol).amend(account, orderId, newPrice, newQuantity);
        record(ReceivedOrderCommand.Kind.AMEND, symbol, account, null, orderId, newPrice, newQuantity, receivedAt,
                result);
        return result;
    }

    public CommandResult cancelAll(String symbol, String account) {
        var receivedAt = clock.instant();
        CommandResult result = engine(symbol).cancelAll(account);
        record(ReceivedOrderCommand.Kind.CANCEL_ALL, symbol, account, null, 0, null, null, receivedAt, result);
        return result;
    }

    private void record(ReceivedOrderCommand.Kind kind, String symbol, String account, OrderRequest request,
                        long orderId, BigDecimal price, BigDecimal qty, java.time.Instant receivedAt,
                        CommandResult result) {
        received.add(new ReceivedOrderCommand(kind, symbol, account, request, orderId, price, qty, receivedAt,
                result.rejectReason()));
    }

    /** Order commands received through this facade, in arrival order (generator orders are not included). */
    public List<ReceivedOrderCommand> receivedOrders() {
        return List.copyOf(received);
    }

    /**
     * A generator for {@code symbol}, its maker and taker accounts created and funded if missing; not started
     * (call {@link MarketDataGenerator#step()} or {@link MarketDataGenerator#start()}); closed with the simulator.
     */
    public MarketDataGenerator marketData(String symbol, GeneratorConfig config) {
        MatchingEngine engine = engine(symbol);
        Instrument instrument = engine.instrument();
        for (String account : List.of(config.makerAccount(), config.takerAccount())) {
            if (!accounts.exists(account)) {
                accounts.create(account);
            }
            accounts.deposit(account, instrument.base(), HOUSE_FUNDS);
            accounts.deposit(account, instrument.quote(), HOUSE_FUNDS);
            if (!instrument.settlementAsset().equals(instrument.quote())
                    && !instrument.settlementAsset().equals(instrument.base())) {
                accounts.deposit(account, instrument.settlementAsset(), HOUSE_FUNDS);
            }
        }
        return manage(new MarketDataGenerator(engine, config));
    }

    /** Closes {@code resource} (a server, a generator) when the simulator closes, in reverse order. */
    public synchronized <T extends AutoCloseable> T manage(T resource) {
        managed.push(resource);
        return resource;
    }

    @Override
    public synchronized void close() {
        List<Exception> failures = new ArrayList<>();
        while (!managed.isEmpty()) {
            try {
                managed.pop().close();
            } catch (Exception e) {
                failures.add(e);
            }
        }
        failures.forEach(e -> LOG.warn("error while closing the simulator", e));
    }

    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private Random keyRandom = new java.security.SecureRandom();
        private long firstOrderId = 1;
        private long firstTradeId = 1;
        private TradeIdScope tradeIdScope = TradeIdScope.INSTRUMENT;
        private final List<Instrument> instruments = new ArrayList<>();

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder instrument(Instrument instrument) {
            if (instruments.stream().anyMatch(i -> i.symbol().equals(instrument.symbol()))) {
                throw new IllegalArgumentException("duplicate symbol: " + instrument.symbol());
            }
            instruments.add(instrument);
            return this;
        }

        /** Seeds API-key generation, for reproducible keys in tests (default: SecureRandom). */
        public Builder keySeed(long seed) {
            this.keyRandom = new Random(seed);
            return this;
        }

        /**
         * Where order and trade ids start (exchanges' ids are rarely 1, 2, 3). Order ids are one sequence across
         * the simulator; trade ids are one sequence per {@link #tradeIdScope scope}, each starting at
         * {@code tradeId}.
         */
        public Builder firstIds(long orderId, long tradeId) {
            this.firstOrderId = orderId;
            this.firstTradeId = tradeId;
            return this;
        }

        /** Which instruments share a trade-id sequence (default: one per instrument). */
        public Builder tradeIdScope(TradeIdScope scope) {
            this.tradeIdScope = java.util.Objects.requireNonNull(scope, "scope");
            return this;
        }

        public Simulator build() {
            return new Simulator(this);
        }
    }
}
