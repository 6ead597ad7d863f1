package io.exchangebus.sim.binance;

import io.exchangebus.sim.ExchangeSimulator;
import io.exchangebus.sim.Simulator;
import io.exchangebus.sim.account.ApiKey;
import io.exchangebus.sim.fault.FaultInjector;
import io.exchangebus.sim.market.GeneratorConfig;
import io.exchangebus.sim.market.MarketDataGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loopback Binance (spot or USDⓈ-M futures) on the framework's {@link Simulator}: REST at {@link #restBaseUri()},
 * market and (USDⓈ-M) user-data streams at {@link #streamBaseUri()}, the WebSocket API at {@link #wsApiUri()}, all
 * in the wire formats of Binance's official documentation.
 *
 * <pre>{@code
 * try (BinanceSimulator sim = BinanceSimulator.builder(BinanceFamily.SPOT).seed(7).build()) {
 *     ApiKey key = sim.createAccount("alice");
 *     sim.deposit("alice", "USDT", "10000");
 *     // connect a client to sim.restBaseUri(), sim.streamBaseUri() + "/ws/btcusdt@depth", sim.wsApiUri()
 * }
 * }</pre>
 */
public final class BinanceSimulator implements AutoCloseable {

    private final BinanceFamily family;
    private final Simulator sim;
    private final BinanceCore core;
    private final ListenKeys listenKeys;
    private final BinanceRestServer rest;
    private final BinanceWsServer ws;
    private final Map<String, MarketDataGenerator> generators = new LinkedHashMap<>();

    private BinanceSimulator(Builder b) {
        this.family = b.family;
        BinanceVenue venue = BinanceVenue.of(b.family);
        List<BinanceSymbol> symbols = b.symbols.isEmpty() ? List.of(venue.defaultSymbol()) : List.copyOf(b.symbols);
        Simulator.Builder sb = Simulator.builder().clock(b.clock).keySeed(b.seed).firstIds(b.firstOrderId, b.firstTradeId);
        symbols.forEach(s -> sb.instrument(venue.instrument(s)));
        this.sim = sb.build();
        int weight = b.weightPerMinute > 0 ? b.weightPerMinute : venue.defaultWeightPerMinute();
        this.core = new BinanceCore(venue, sim, symbols, weight);
        this.listenKeys = new ListenKeys(b.clock, b.listenKeyValidity);
        int limit = b.streamLimit > 0 ? b.streamLimit : venue.defaultStreamLimit();
        this.rest = sim.manage(new BinanceRestServer(core, listenKeys, b.restPort));
        this.ws = sim.manage(new BinanceWsServer(core, listenKeys, b.wsPort, limit));
        rest.start();
        ws.startAndWait();
        for (BinanceSymbol s : symbols) {
            GeneratorConfig config = new GeneratorConfig(b.seed + generators.size(), s.startMid(), 10, 2, 200, 3,
                    b.tradesPerStep, 50, "sim-market-maker", "sim-taker", b.marketDataInterval);
            MarketDataGenerator generator = sim.marketData(s.symbol(), config);
            generators.put(s.symbol(), generator);
            if (b.marketData) {
                generator.start();
            }
        }
    }

    public static Builder builder(BinanceFamily family) {
        return new Builder(family);
    }

    public BinanceFamily family() {
        return family;
    }

    /** The framework's simulator: true book, received orders, faults, accounts, clock. */
    public Simulator simulator() {
        return sim;
    }

    public FaultInjector faults() {
        return sim.faults();
    }

    public List<BinanceSymbol> symbols() {
        return List.copyOf(core.symbols.values());
    }

    /** {@code http://127.0.0.1:P}; paths {@code /api/v3/...} (spot) or {@code /fapi/...} (USDⓈ-M). */
    public URI restBaseUri() {
        return rest.baseUri();
    }

    /** {@code ws://127.0.0.1:Q}; append {@code /ws/<stream>}, {@code /stream?streams=a/b} or (USDⓈ-M) {@code /ws/<listenKey>}. */
    public URI streamBaseUri() {
        return ws.uri("");
    }

    /** {@code ws://127.0.0.1:Q/ws-api/v3} (spot) or {@code ws://127.0.0.1:Q/ws-fapi/v1} (USDⓈ-M). */
    public URI wsApiUri() {
        return ws.uri(ws.apiPath());
    }

    /** The market-data generator of {@code symbol} (started only if the builder asked; {@code step()} it by hand). */
    public MarketDataGenerator generator(String symbol) {
        MarketDataGenerator g = generators.get(symbol);
        if (g == null) {
            throw new IllegalArgumentException("unknown symbol: " + symbol);
        }
        return g;
    }

    /** Creates an account with a freshly generated HMAC key (returned: key id = X-MBX-APIKEY, secret). */
    public ApiKey createAccount(String accountId) {
        return sim.accounts().create(accountId).apiKeys().get(0);
    }

    /** Adds a given HMAC key to an account (e.g. the documented example key, for the doc's signature vectors). */
    public ApiKey addHmacKey(String accountId, String apiKey, String secret) {
        ApiKey key = new ApiKey(apiKey, secret);
        sim.accounts().addApiKey(accountId, key);
        return key;
    }

    /**
     * Leaves {@code symbol} out of exchangeInfo from now on, as Binance does once a contract has been delivered or a
     * pair delisted; nothing else changes (its book and orders stay, for tests of what a client does first).
     */
    public void delist(String symbol) {
        core.delisted.add(symbol);
    }

    /** Registers an Ed25519 public key (PEM, X.509 SubjectPublicKeyInfo) under {@code apiKey} for the account. */
    public void addEd25519Key(String accountId, String apiKey, String publicKeyPem) {
        addEd25519Key(accountId, apiKey, BinanceSignatures.ed25519PublicKey(publicKeyPem));
    }

    public void addEd25519Key(String accountId, String apiKey, PublicKey publicKey) {
        sim.accounts().addApiKey(accountId, new ApiKey(apiKey, "ed25519-public-key"));
        core.ed25519Keys.put(apiKey, publicKey);
    }

    /** Credits the account and emits the account event (spot balanceUpdate + outboundAccountPosition; USDⓈ-M ACCOUNT_UPDATE DEPOSIT). */
    public void deposit(String accountId, String asset, BigDecimal amount) {
        core.deposit(accountId, asset, amount);
    }

    public void deposit(String accountId, String asset, String amount) {
        deposit(accountId, asset, new BigDecimal(amount));
    }

    /** The account's current valid listenKey (USDⓈ-M), if any. */
    public Optional<String> listenKey(String accountId) {
        return listenKeys.current(accountId).map(k -> k.value);
    }

    /** Printable endpoints, one per line. */
    public String describeEndpoints() {
        return "exchange: " + family.cliName() + "\n"
                + "REST:      " + restBaseUri() + core.venue.restPrefix() + "\n"
                + "streams:   " + streamBaseUri() + "/ws/<stream>  " + streamBaseUri() + "/stream?streams=a/b\n"
                + "WS API:    " + wsApiUri() + "\n";
    }

    @Override
    public void close() {
        sim.close();
    }

    /** What {@link #launch} returns: the running simulator and a funded demo account's HMAC key. */
    public record Launched(BinanceSimulator simulator, String account, ApiKey demoKey)
            implements ExchangeSimulator.Running {
        @Override
        public String describe() {
            return simulator.describeEndpoints() + "demo account: " + account + "\n"
                    + "X-MBX-APIKEY: " + demoKey.keyId() + "\n"
                    + "HMAC secret:  " + demoKey.secret() + "\n";
        }

        /**
         * Writes {@code rest-url}, {@code stream-url}, {@code ws-api-url}, {@code account}, {@code api-key} and
         * {@code secret} to {@code file}, owner-only, atomically: a reader sees all of it or no file.
         */
        public void writeConnectionFile(Path file) throws IOException {
            Path dir = file.toAbsolutePath().getParent();
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, "rest-url=" + simulator.restBaseUri() + "\n"
                    + "stream-url=" + simulator.streamBaseUri() + "\n"
                    + "ws-api-url=" + simulator.wsApiUri() + "\n"
                    + "account=" + account + "\n"
                    + "api-key=" + demoKey.keyId() + "\n"
                    + "secret=" + demoKey.secret() + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }

        @Override
        public void close() {
            simulator.close();
        }
    }

    /**
     * For {@code exbus sim --exchange binance-spot|binance-usdm --port P --seed S}: REST on {@code port}, WebSocket
     * on {@code port + 1} (0: free ports), market data running, a demo account funded with a key from {@code seed}.
     */
    public static Launched launch(BinanceFamily family, int port, long seed) {
        BinanceSimulator sim = builder(family).restPort(port).wsPort(port == 0 ? 0 : port + 1).seed(seed)
                .marketData(true).build();
        // Keys come from the simulator's seeded key generator: the same seed gives the same demo key.
        ApiKey key = sim.createAccount("demo");
        sim.core.venue.fundDemo(sim, "demo");
        return new Launched(sim, "demo", key);
    }

    /**
     * Runs a simulator until killed: {@code BinanceSimulator binance-spot|binance-usdm [port] [seed] [connection-file]}.
     * With a connection file, the endpoints and the demo account's key and secret are written there (a properties
     * file readable by its owner only, replaced atomically once the simulator serves) and the secret is not printed;
     * without one, {@link Launched#describe()} is printed, secret included, for a person at a console.
     */
    public static void main(String[] args) throws InterruptedException, IOException {
        BinanceFamily family = BinanceFamily.fromCliName(args.length > 0 ? args[0] : "binance-spot");
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        Launched launched = launch(family, port, seed);
        Runtime.getRuntime().addShutdownHook(new Thread(launched::close));
        if (args.length > 3) {
            launched.writeConnectionFile(Path.of(args[3]));
            System.out.print(launched.simulator().describeEndpoints() + "demo account: " + launched.account()
                    + " (key and secret in " + args[3] + ")\n");
        } else {
            System.out.print(launched.describe());
        }
        System.out.flush();
        Thread.currentThread().join();
    }

    public static final class Builder {
        private final BinanceFamily family;
        private final List<BinanceSymbol> symbols = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private long seed = 1;
        private int restPort;
        private int wsPort;
        private Duration listenKeyValidity = Duration.ofMinutes(60);
        private int streamLimit;
        private boolean marketData;
        private Duration marketDataInterval = Duration.ofMillis(100);
        private double tradesPerStep = 1.0;
        private int weightPerMinute;
        private long firstOrderId = 12_569_099_453L;
        private long firstTradeId = 1_650_422_481L;

        private Builder(BinanceFamily family) {
            this.family = family;
        }

        /** Adds a symbol (default: BTCUSDT of the family, see {@link BinanceSymbol}). */
        public Builder symbol(BinanceSymbol symbol) {
            symbols.add(symbol);
            return this;
        }

        /** The server's clock (timestamps, recvWindow, listenKey validity, rate windows). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Seeds API keys and market data. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder restPort(int port) {
            this.restPort = port;
            return this;
        }

        public Builder wsPort(int port) {
            this.wsPort = port;
            return this;
        }

        public Builder listenKeyValidity(Duration validity) {
            this.listenKeyValidity = validity;
            return this;
        }

        /** Streams per market-stream connection (default 1024 spot, 200 USDⓈ-M); more closes the connection. */
        public Builder streamLimit(int limit) {
            this.streamLimit = limit;
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

        /** REQUEST_WEIGHT per minute (default 6000 spot, 2400 USDⓈ-M). */
        public Builder weightLimitPerMinute(int weight) {
            this.weightPerMinute = weight;
            return this;
        }

        public Builder firstIds(long orderId, long tradeId) {
            this.firstOrderId = orderId;
            this.firstTradeId = tradeId;
            return this;
        }

        public BinanceSimulator build() {
            return new BinanceSimulator(this);
        }
    }
}
