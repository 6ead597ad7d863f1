package io.exchangebus.sim.deribit;

import io.exchangebus.sim.ExchangeSimulator;
import io.exchangebus.sim.Simulator;
import io.exchangebus.sim.TradeIdScope;
import io.exchangebus.sim.account.ApiKey;
import io.exchangebus.sim.auth.AccessTokens;
import io.exchangebus.sim.fault.FaultInjector;
import io.exchangebus.sim.market.GeneratorConfig;
import io.exchangebus.sim.market.MarketDataGenerator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loopback Deribit (API v2) on the framework's {@link Simulator}: JSON-RPC over WebSocket at {@link #wsUri()}
 * ({@code ws://127.0.0.1:Q/ws/api/v2}) and over HTTP at {@link #restBaseUri()} ({@code http://127.0.0.1:P/api/v2}),
 * in the formats of the samples in {@code shared/fixtures/deribit/}. Instruments: see {@link DeribitCatalog}.
 *
 * <pre>{@code
 * try (DeribitSimulator sim = DeribitSimulator.builder().seed(7).build()) {
 *     ApiKey key = sim.createAccount("alice");            // client_id = key.keyId(), client_secret = key.secret()
 *     sim.deposit("alice", "BTC", "10");
 *     sim.generator("BTC-PERPETUAL").step();               // or builder().marketData(true)
 *     sim.publishNow();                                    // or let the publish thread run every 100 ms
 * }
 * }</pre>
 */
public final class DeribitSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeribitSimulator.class);

    private final Simulator sim;
    private final DeribitCore core;
    private final DeribitWsServer ws;
    private final DeribitHttpServer http;
    private final Map<String, MarketDataGenerator> generators = new LinkedHashMap<>();
    private final ScheduledExecutorService publisher;

    private DeribitSimulator(Builder b) {
        LocalDate expiry = b.optionExpiry != null ? b.optionExpiry
                : LocalDate.ofInstant(b.clock.instant(), ZoneOffset.UTC).plusDays(30);
        List<DeribitInstrument> listed = DeribitCatalog.defaults(expiry);
        Simulator.Builder sb = Simulator.builder().clock(b.clock).keySeed(b.seed)
                .firstIds(b.firstOrderId, b.firstTradeId).tradeIdScope(TradeIdScope.SETTLEMENT_ASSET);
        listed.forEach(i -> sb.instrument(i.engine()));
        this.sim = sb.build();
        AccessTokens tokens = new AccessTokens(b.clock, b.tokenLifetime, b.refreshLifetime, new Random(b.seed));
        this.core = new DeribitCore(sim, listed, tokens, new CreditLimiter(b.clock, b.nonMatching, b.matching),
                b.heartbeatSecond);
        this.ws = sim.manage(new DeribitWsServer(core, b.wsPort));
        core.ws(ws);
        this.http = sim.manage(new DeribitHttpServer(core, b.httpPort));
        sim.addListener(core::onEvent);
        http.start();
        ws.startAndWait();
        for (DeribitInstrument i : listed) {
            MarketDataGenerator g = sim.marketData(i.name(), generatorConfig(i, b));
            generators.put(i.name(), g);
            core.market().generator(i.name(), g);
        }
        if (b.marketData) {
            generators.values().forEach(MarketDataGenerator::start);
        }
        this.publisher = b.publishInterval == null ? null : startPublisher(b.publishInterval);
    }

    /** Perpetuals walk around their start; options quote their model price, on the 0.0005 tick, without walking. */
    private GeneratorConfig generatorConfig(DeribitInstrument i, Builder b) {
        long seed = b.seed + generators.size();
        if (!i.isOption()) {
            return new GeneratorConfig(seed, i.startPrice(), 10, 1, 20, 3, b.tradesPerStep, 5, "sim-market-maker",
                    "sim-taker", b.marketDataInterval);
        }
        BigDecimal step = new BigDecimal("0.0005");
        BigDecimal mid = core.market().mark(i).divide(step, 0, RoundingMode.HALF_UP).multiply(step)
                .max(new BigDecimal("0.01"));
        return new GeneratorConfig(seed, mid, 5, 5, 10, 0, b.tradesPerStep / 5, 2, "sim-market-maker", "sim-taker",
                b.marketDataInterval);
    }

    private ScheduledExecutorService startPublisher(Duration interval) {
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "deribit-publisher");
            t.setDaemon(true);
            return t;
        });
        s.scheduleAtFixedRate(this::publishLogged, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
        return s;
    }

    private void publishLogged() {
        try {
            core.tick();
        } catch (RuntimeException e) {
            LOG.error("Deribit publish interval failed", e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The framework's simulator: true books, received orders, accounts, clock. */
    public Simulator simulator() {
        return sim;
    }

    public FaultInjector faults() {
        return sim.faults();
    }

    /** {@code http://127.0.0.1:P/api/v2}; append {@code /public/get_time} etc. */
    public URI restBaseUri() {
        return URI.create(http.baseUri() + "/api/v2");
    }

    /** {@code ws://127.0.0.1:Q/ws/api/v2}. */
    public URI wsUri() {
        return ws.uri(DeribitWsServer.PATH);
    }

    /** The listed instrument names, perpetuals first, then the options. */
    public List<String> instruments() {
        return core.market().instruments().stream().map(DeribitInstrument::name).toList();
    }

    /** The names of the listed options (two strikes, call and put, one expiry). */
    public List<String> options() {
        return core.market().instruments().stream().filter(DeribitInstrument::isOption)
                .map(DeribitInstrument::name).toList();
    }

    /** The market-data generator of an instrument (started only if the builder asked; {@code step()} it by hand). */
    public MarketDataGenerator generator(String instrument) {
        MarketDataGenerator g = generators.get(instrument);
        if (g == null) {
            throw new IllegalArgumentException("unknown instrument: " + instrument);
        }
        return g;
    }

    /** Runs one publish interval now, on the caller's thread (aggregated books, trades, tickers, user channels). */
    public void publishNow() {
        core.tick();
    }

    /**
     * The label of an order placed through the API, by the engine's client order id of it
     * ({@link io.exchangebus.sim.ReceivedOrderCommand}'s {@code request().clientOrderId()}, which Deribit's API
     * does not take: the engine's ids are the simulator's own).
     */
    public Optional<String> labelOf(String engineClientOrderId) {
        return core.orders().tags(engineClientOrderId).map(t -> t.label);
    }

    public BigDecimal markPrice(String instrument) {
        return core.market().mark(core.market().instrument(instrument).orElseThrow());
    }

    public BigDecimal indexPrice(String currency) {
        return core.market().index(currency);
    }

    /** Creates an account with a generated key pair: {@code client_id} = {@link ApiKey#keyId()}, secret. */
    public ApiKey createAccount(String account) {
        return sim.accounts().create(account).apiKeys().get(0);
    }

    /** Adds given credentials to an account (e.g. the docs' {@code AMANDA}/{@code AMANDASECRECT}). */
    public ApiKey addCredentials(String account, String clientId, String clientSecret) {
        ApiKey key = new ApiKey(clientId, clientSecret);
        sim.accounts().addApiKey(account, key);
        return key;
    }

    public void deposit(String account, String currency, String amount) {
        sim.accounts().deposit(account, currency, new BigDecimal(amount));
    }

    /** Funds a demo account: 10 BTC, 100 ETH, 1 000 000 USDC. */
    public void fundDemo(String account) {
        deposit(account, "BTC", "10");
        deposit(account, "ETH", "100");
        deposit(account, "USDC", "1000000");
    }

    public String describeEndpoints() {
        return "exchange: deribit\n"
                + "REST:      " + restBaseUri() + "/{public|private}/{method}\n"
                + "WS API:    " + wsUri() + "\n";
    }

    @Override
    public void close() {
        if (publisher != null) {
            publisher.shutdownNow();
        }
        sim.close();
    }

    /** What {@link #launch} returns: the running simulator and the funded demo account's credentials. */
    public record Launched(DeribitSimulator simulator, String account, ApiKey demoKey)
            implements ExchangeSimulator.Running {
        @Override
        public String describe() {
            return simulator.describeEndpoints() + "demo account: " + account + "\n"
                    + "client_id:     " + demoKey.keyId() + "\n"
                    + "client_secret: " + demoKey.secret() + "\n";
        }

        @Override
        public ExchangeSimulator.Connection connection() {
            return new ExchangeSimulator.Connection(simulator.restBaseUri().toString(),
                    simulator.wsUri().toString(), simulator.wsUri().toString(), account, demoKey.keyId(),
                    demoKey.secret());
        }

        @Override
        public void close() {
            simulator.close();
        }
    }

    /**
     * For {@code exbus sim --exchange deribit --port P --seed S}: HTTP on {@code port}, WebSocket on
     * {@code port + 1} (0: free ports), market data running, a demo account funded, its key from {@code seed}.
     */
    public static Launched launch(int port, long seed) {
        DeribitSimulator sim = builder().httpPort(port).wsPort(port == 0 ? 0 : port + 1).seed(seed)
                .marketData(true).build();
        ApiKey key = sim.createAccount("demo");
        sim.fundDemo("demo");
        return new Launched(sim, "demo", key);
    }

    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private long seed = 1;
        private int httpPort;
        private int wsPort;
        private boolean marketData;
        private Duration marketDataInterval = Duration.ofMillis(100);
        private double tradesPerStep = 1.0;
        private Duration publishInterval = Duration.ofMillis(100);
        private Duration heartbeatSecond = Duration.ofSeconds(1);
        private Duration tokenLifetime = Duration.ofDays(365);
        private Duration refreshLifetime = Duration.ofDays(365);
        private CreditLimiter.Bucket nonMatching = CreditLimiter.Bucket.nonMatchingEngine();
        private CreditLimiter.Bucket matching = CreditLimiter.Bucket.matchingEngine();
        private LocalDate optionExpiry;
        private long firstOrderId = 4_008_965_646L;
        private long firstTradeId = 48_079_254L;

        private Builder() {
        }

        /** The server's clock: timestamps, token expiry, signature window, credit refill. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Seeds market data, generated keys and tokens. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder httpPort(int port) {
            this.httpPort = port;
            return this;
        }

        public Builder wsPort(int port) {
            this.wsPort = port;
            return this;
        }

        /** Runs the market-data generators on their own threads (default off: step them by hand). */
        public Builder marketData(boolean on) {
            this.marketData = on;
            return this;
        }

        public Builder marketDataInterval(Duration interval) {
            this.marketDataInterval = interval;
            return this;
        }

        public Builder tradesPerStep(double trades) {
            this.tradesPerStep = trades;
            return this;
        }

        /** How often 100ms/agg2 channels, tickers and portfolios go out (default 100 ms); null: only {@link #publishNow()}. */
        public Builder publishInterval(Duration interval) {
            this.publishInterval = interval;
            return this;
        }

        /** The length of one second of {@code set_heartbeat}'s interval (default 1 s; tests shorten it). */
        public Builder heartbeatSecond(Duration second) {
            this.heartbeatSecond = second;
            return this;
        }

        /** Access-token lifetime ({@code expires_in}; default 365 days, Deribit's documented example). */
        public Builder tokenLifetime(Duration lifetime) {
            this.tokenLifetime = lifetime;
            return this;
        }

        public Builder refreshTokenLifetime(Duration lifetime) {
            this.refreshLifetime = lifetime;
            return this;
        }

        /** Credit bucket of non-matching-engine requests: cost, pool, refill per second (default 500, 50 000, 10 000). */
        public Builder nonMatchingEngineCredits(long cost, long pool, long refillPerSecond) {
            this.nonMatching = new CreditLimiter.Bucket(cost, pool, refillPerSecond);
            return this;
        }

        /** Credit bucket of order entry and cancels (default 5 requests/s, burst 20: the lowest tier). */
        public Builder matchingEngineCredits(long cost, long pool, long refillPerSecond) {
            this.matching = new CreditLimiter.Bucket(cost, pool, refillPerSecond);
            return this;
        }

        /** The options' expiry day (08:00 UTC); default 30 days after the clock's start. */
        public Builder optionExpiry(LocalDate day) {
            this.optionExpiry = day;
            return this;
        }

        public Builder firstIds(long orderId, long tradeId) {
            this.firstOrderId = orderId;
            this.firstTradeId = tradeId;
            return this;
        }

        public DeribitSimulator build() {
            return new DeribitSimulator(this);
        }
    }
}
