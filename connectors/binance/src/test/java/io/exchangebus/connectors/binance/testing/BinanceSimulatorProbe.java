package io.exchangebus.connectors.binance.testing;

import io.exchangebus.connectors.binance.auth.BinanceKeyType;
import io.exchangebus.connectors.binance.auth.BinanceSigner;
import io.exchangebus.connectors.binance.config.BinanceConfig;
import io.exchangebus.connectors.binance.config.BinanceEndpoints;
import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.core.contract.SimulatorProbe;
import io.exchangebus.connectors.core.credentials.ApiCredentials;
import io.exchangebus.connectors.core.credentials.Secret;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentId;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.instrument.TradingRules;
import io.exchangebus.sim.ReceivedOrderCommand;
import io.exchangebus.sim.account.ApiKey;
import io.exchangebus.sim.account.Balance;
import io.exchangebus.sim.binance.BinanceFamily;
import io.exchangebus.sim.binance.BinanceSimulator;
import io.exchangebus.sim.binance.BinanceSymbol;
import io.exchangebus.sim.engine.BookSnapshot;
import io.exchangebus.sim.engine.PriceLevel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The core contracts' {@link SimulatorProbe} over a running Binance simulator of one family, with a funded account
 * ({@value #ACCOUNT}) holding an HMAC key, and what a test needs to build roles against it: the endpoints, a config
 * builder with that key, and the instrument registry of the simulator's symbols. Market data runs on the
 * simulator's own threads, so books move and trades print without the test stepping anything.
 */
public final class BinanceSimulatorProbe implements SimulatorProbe, AutoCloseable {

    public static final String ACCOUNT = "trader";

    private final BinanceVenue venue;
    private final BinanceSimulator sim;
    private final ApiKey key;
    private final BinanceSymbol symbol;

    private BinanceSimulatorProbe(BinanceVenue venue, BinanceSimulator sim) {
        this.venue = venue;
        this.sim = sim;
        this.symbol = sim.symbols().get(0);
        this.key = sim.createAccount(ACCOUNT);
        if (venue == BinanceVenue.SPOT) {
            sim.deposit(ACCOUNT, symbol.baseAsset(), "10");
        }
        sim.deposit(ACCOUNT, symbol.quoteAsset(), "1000000");
    }

    /** A running simulator of {@code venue} with market data on, every other setting its default. */
    public static BinanceSimulatorProbe start(BinanceVenue venue) {
        return start(venue, builder -> { });
    }

    /** A running simulator of {@code venue} with market data on, after {@code customise} has set the rest. */
    public static BinanceSimulatorProbe start(BinanceVenue venue, Consumer<BinanceSimulator.Builder> customise) {
        BinanceSimulator.Builder builder = BinanceSimulator.builder(family(venue)).seed(42).marketData(true);
        customise.accept(builder);
        return new BinanceSimulatorProbe(venue, builder.build());
    }

    public static BinanceFamily family(BinanceVenue venue) {
        return venue == BinanceVenue.SPOT ? BinanceFamily.SPOT : BinanceFamily.USDM;
    }

    public BinanceVenue venue() {
        return venue;
    }

    public BinanceSimulator simulator() {
        return sim;
    }

    public String account() {
        return ACCOUNT;
    }

    /** The simulator's REST, stream and WebSocket API addresses. */
    public BinanceEndpoints endpoints() {
        return new BinanceEndpoints(venue, sim.restBaseUri(), sim.streamBaseUri(), sim.wsApiUri());
    }

    /** The HMAC signer of the probe's account. */
    public BinanceSigner signer() {
        return BinanceSigner.of(new ApiCredentials(ACCOUNT, key.keyId(), Secret.of(key.secret())),
                BinanceKeyType.HMAC);
    }

    /** A config for the simulator, signed with the probe's account's HMAC key; adjust and build. */
    public BinanceConfig.Builder config() {
        return BinanceConfig.builder(endpoints()).signer(signer());
    }

    /** The simulator's symbols as our instruments. */
    public InstrumentRegistry instruments() {
        InstrumentRegistry registry = new InstrumentRegistry(venue.exchange());
        registry.replaceAll(sim.symbols().stream().map(this::definition).toList());
        return registry;
    }

    @Override
    public InstrumentDefinition instrument() {
        return definition(symbol);
    }

    private InstrumentDefinition definition(BinanceSymbol s) {
        InstrumentId id = venue == BinanceVenue.SPOT ? InstrumentId.spot(s.baseAsset(), s.quoteAsset())
                : InstrumentId.perpetual(s.baseAsset(), s.quoteAsset());
        TradingRules rules = new TradingRules(s.tickSize(), s.stepSize(), s.minQty(), s.maxQty(), s.minNotional(),
                BigDecimal.ONE);
        return new InstrumentDefinition(venue.exchange(), s.symbol(), id, s.quoteAsset(), null, rules, true);
    }

    /** Half the generator's starting mid, on the tick: far below anything the market reaches in a test. */
    @Override
    public BigDecimal passiveBuyPrice() {
        BigDecimal half = symbol.startMid().divide(BigDecimal.valueOf(2), symbol.tickSize().scale(),
                RoundingMode.DOWN);
        return half.divide(symbol.tickSize(), 0, RoundingMode.DOWN).multiply(symbol.tickSize());
    }

    @Override
    public TrueBook trueBook(int depth) {
        BookSnapshot book = sim.simulator().book(symbol.symbol()).top(depth);
        return new TrueBook(entries(book.bids()), entries(book.asks()));
    }

    private static List<Map.Entry<BigDecimal, BigDecimal>> entries(List<PriceLevel> levels) {
        return levels.stream().map(l -> Map.entry(l.price(), l.quantity())).toList();
    }

    @Override
    public List<String> clientOrderIdsReceived() {
        return sim.simulator().receivedOrders().stream()
                .filter(o -> o.kind() == ReceivedOrderCommand.Kind.PLACE && ACCOUNT.equals(o.account()))
                .map(o -> o.request().clientOrderId())
                .toList();
    }

    @Override
    public Map<String, BigDecimal> freeBalances() {
        Map<String, BigDecimal> free = new TreeMap<>();
        sim.simulator().accounts().snapshot(ACCOUNT).balances().values()
                .forEach((Balance b) -> free.put(b.asset(), b.free()));
        return free;
    }

    @Override
    public void deposit(String asset, BigDecimal amount) {
        sim.deposit(ACCOUNT, asset, amount);
    }

    @Override
    public void dropConnections() {
        sim.faults().dropConnections();
    }

    @Override
    public void skipSequence() {
        sim.faults().skipSequence(1);
    }

    @Override
    public void sendMalformedFrame() {
        sim.faults().sendMalformedFrame();
    }

    @Override
    public void close() {
        sim.close();
    }
}
