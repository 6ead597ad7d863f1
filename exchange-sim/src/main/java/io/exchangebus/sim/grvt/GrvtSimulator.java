package io.exchangebus.sim.grvt;

import io.exchangebus.sim.ExchangeSimulator;
import io.exchangebus.sim.Simulator;
import io.exchangebus.sim.auth.CookieSessions;
import io.exchangebus.sim.fault.FaultInjector;
import io.exchangebus.sim.market.GeneratorConfig;
import io.exchangebus.sim.market.MarketDataGenerator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loopback GRVT (grvt.md) on the framework's {@link Simulator}: REST for the edge, trades and market-data hosts
 * on one port ({@link #restBaseUri()}: {@code /auth/api_key/login}, {@code /full/v1/...}), and JSON-RPC WebSockets
 * at {@code /ws/full} on a trades host ({@link #tradesWsUri()}) and a market-data host ({@link #marketDataWsUri()}).
 * Orders carry EIP-712 signatures checked on {@link Builder#chainId chain} 326 (testnet) by default.
 *
 * <pre>{@code
 * try (GrvtSimulator sim = GrvtSimulator.builder().build()) {
 *     sim.createAccount("0xc73c…", "api-key", new BigInteger("8289849667772468"), "0xee2060…");
 *     sim.deposit(new BigInteger("8289849667772468"), "USDT", "100000");
 * }
 * }</pre>
 */
public final class GrvtSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GrvtSimulator.class);

    private final Simulator sim;
    private final GrvtCore core;
    private final GrvtRestServer rest;
    private final GrvtWsServer trades;
    private final GrvtWsServer marketData;
    private final Map<String, MarketDataGenerator> generators = new LinkedHashMap<>();
    private final ScheduledExecutorService publisher;

    private GrvtSimulator(Builder b) {
        List<GrvtInstrument> listed = GrvtInstrument.defaults();
        Simulator.Builder sb = Simulator.builder().clock(b.clock).keySeed(b.seed).firstIds(b.firstOrderId, 1);
        listed.forEach(i -> sb.instrument(i.engine()));
        this.sim = sb.build();
        GrvtAccounts accounts = new GrvtAccounts(sim.accounts());
        GrvtAuth auth = new GrvtAuth(new CookieSessions(GrvtAuth.COOKIE, b.clock, b.cookieLifetime,
                new Random(b.seed)), accounts, sim.faults());
        this.core = new GrvtCore(sim, listed, accounts, auth, new OrderSignatures(b.chainId),
                new GrvtRateLimiter(b.clock, b.rateLimit, b.rateWindow));
        sim.addListener(core::onEvent);
        this.rest = sim.manage(new GrvtRestServer(core, b.restPort));
        this.trades = sim.manage(new GrvtWsServer(core, b.tradesPort, true));
        this.marketData = sim.manage(new GrvtWsServer(core, b.marketDataPort, false));
        core.addServer(trades);
        core.addServer(marketData);
        rest.start();
        trades.startAndWait();
        marketData.startAndWait();
        for (GrvtInstrument i : listed) {
            GeneratorConfig config = new GeneratorConfig(b.seed + generators.size(), i.startPrice(), 10, 1, 20, 3,
                    1.0, 5, "sim-market-maker", "sim-taker", Duration.ofMillis(100));
            generators.put(i.name(), sim.marketData(i.name(), config));
        }
        if (b.marketData) {
            generators.values().forEach(MarketDataGenerator::start);
        }
        this.publisher = b.publishInterval == null ? null : startPublisher(b.publishInterval);
    }

    private ScheduledExecutorService startPublisher(Duration every) {
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "grvt-publisher");
            t.setDaemon(true);
            return t;
        });
        s.scheduleAtFixedRate(() -> {
            try {
                core.marketStreams().tick();
            } catch (RuntimeException e) {
                LOG.error("GRVT publish interval failed", e);
            }
        }, every.toNanos(), every.toNanos(), TimeUnit.NANOSECONDS);
        return s;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A main account {@code accountId} (what {@code X-Grvt-Account-Id} carries) logging in with {@code apiKey}, and
     * its trading sub-account {@code subAccountId} whose orders {@code signer} (an 0x address) signs.
     */
    public void createAccount(String accountId, String apiKey, BigInteger subAccountId, String signer) {
        core.accounts().createMain(accountId, apiKey);
        core.accounts().createSubAccount(accountId, subAccountId, signer);
    }

    /** Another sub-account of an existing main account. */
    public void createSubAccount(String accountId, BigInteger subAccountId, String signer) {
        core.accounts().createSubAccount(accountId, subAccountId, signer);
    }

    public void deposit(BigInteger subAccountId, String currency, String amount) {
        sim.accounts().deposit(GrvtAccounts.ledgerId(subAccountId), currency, new BigDecimal(amount));
    }

    /** {@code http://127.0.0.1:P}: the edge, trades and market-data REST hosts. */
    public URI restBaseUri() {
        return rest.baseUri();
    }

    /** {@code ws://127.0.0.1:Q/ws/full}: private streams and order entry. */
    public URI tradesWsUri() {
        return trades.uri(GrvtWsServer.PATH);
    }

    /** {@code ws://127.0.0.1:R/ws/full}: public streams. */
    public URI marketDataWsUri() {
        return marketData.uri(GrvtWsServer.PATH);
    }

    public Simulator simulator() {
        return sim;
    }

    public FaultInjector faults() {
        return sim.faults();
    }

    public List<String> instruments() {
        return core.instruments().stream().map(GrvtInstrument::name).toList();
    }

    public MarketDataGenerator generator(String instrument) {
        MarketDataGenerator g = generators.get(instrument);
        if (g == null) {
            throw new IllegalArgumentException("unknown instrument: " + instrument);
        }
        return g;
    }

    /** One publish interval now: {@code v1.book.s}, {@code v1.ticker.s}, {@code v1.ticker.d}. */
    public void publishNow() {
        core.marketStreams().tick();
    }

    /** The market-data gateway restarts: book sequence numbers start again from a snapshot at 0. */
    public void restartGateway() {
        core.marketStreams().restartGateway();
    }

    public String describeEndpoints() {
        return "exchange: grvt\nREST:             " + restBaseUri() + "\nWS trades:        " + tradesWsUri()
                + "\nWS market data:   " + marketDataWsUri() + "\n";
    }

    @Override
    public void close() {
        if (publisher != null) {
            publisher.shutdownNow();
        }
        sim.close();
    }

    /** What {@link #launch} returns: the simulator and its funded demo account. */
    public record Launched(GrvtSimulator simulator, String accountId, String apiKey, BigInteger subAccountId,
                           String signerPrivateKey) implements ExchangeSimulator.Running {
        @Override
        public String describe() {
            return simulator.describeEndpoints() + "account id:     " + accountId + "\nsub-account id: "
                    + subAccountId + "\napi key:        " + apiKey + "\n";
        }

        @Override
        public void close() {
            simulator.close();
        }
    }

    /**
     * For {@code exbus sim --exchange grvt --port P --seed S}: REST on {@code port}, trades WS on {@code port + 1},
     * market-data WS on {@code port + 2} (0: free ports); market data running; a demo account funded with 1 000 000
     * USDT whose signer key derives from {@code seed}.
     */
    public static Launched launch(int port, long seed) {
        GrvtSimulator sim = builder().restPort(port).tradesPort(port == 0 ? 0 : port + 1)
                .marketDataPort(port == 0 ? 0 : port + 2).seed(seed).marketData(true).build();
        DemoAccount demo = DemoAccount.of(seed);
        sim.createAccount(demo.accountId(), demo.apiKey(), demo.subAccountId(), demo.signer());
        sim.deposit(demo.subAccountId(), "USDT", "1000000");
        return new Launched(sim, demo.accountId(), demo.apiKey(), demo.subAccountId(), demo.privateKey());
    }

    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private long seed = 1;
        private int restPort;
        private int tradesPort;
        private int marketDataPort;
        private long chainId = 326;
        private Duration cookieLifetime = Duration.ofHours(24);
        private int rateLimit = 1200;
        private Duration rateWindow = Duration.ofSeconds(60);
        private boolean marketData;
        private Duration publishInterval = Duration.ofMillis(500);
        private long firstOrderId = 0x1_0000_0001L;

        private Builder() {
        }

        /** The server's clock: cookie expiry, signature expiration, rate windows, timestamps. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder restPort(int port) {
            this.restPort = port;
            return this;
        }

        public Builder tradesPort(int port) {
            this.tradesPort = port;
            return this;
        }

        public Builder marketDataPort(int port) {
            this.marketDataPort = port;
            return this;
        }

        /** The EIP-712 chain id orders must be signed for: 325 production, 326 testnet (default). */
        public Builder chainId(long chainId) {
            this.chainId = chainId;
            return this;
        }

        /** How long a {@code gravity} cookie lives (default 24 h, ccxt's assumption; tests shorten it). */
        public Builder cookieLifetime(Duration lifetime) {
            this.cookieLifetime = lifetime;
            return this;
        }

        /** Order-entry and cancel requests per account per window (default 1200 per 60 s); over it: 1006. */
        public Builder rateLimit(int requests, Duration window) {
            this.rateLimit = requests;
            this.rateWindow = window;
            return this;
        }

        /** Runs the market-data generators on their own threads (default off: step them by hand). */
        public Builder marketData(boolean on) {
            this.marketData = on;
            return this;
        }

        /** How often snapshot streams publish (default 500 ms, GRVT's slowest common rate); null: only by hand. */
        public Builder publishInterval(Duration interval) {
            this.publishInterval = interval;
            return this;
        }

        public GrvtSimulator build() {
            return new GrvtSimulator(this);
        }
    }
}
