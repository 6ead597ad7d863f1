package io.exchangebus.benchmarks.pipeline;

import io.exchangebus.sim.binance.BinanceFamily;
import io.exchangebus.sim.binance.BinanceSimulator;
import io.exchangebus.sim.binance.BinanceSymbol;
import io.exchangebus.sim.engine.BookSnapshot;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The exchange of the run: a Binance spot simulator on loopback with {@code n} symbols, whose market-data generators
 * this harness steps by hand (no timers), so that the market moves exactly as fast as the driver asks and stands
 * still at checkpoints. Each step of a symbol cancels and requotes its maker's ten levels a side and prints trades:
 * about 22 {@code depthUpdate} frames, each of which ingest publishes as one delta.
 *
 * <p>Threading: stepped and injected from the driver's thread only; {@link #trueBook} and {@link #lastUpdateId} may
 * be read from any thread (the engine locks).
 */
public final class SimulatedMarket implements AutoCloseable {
    /** The exchange id of the simulator in the services' configuration and in topic keys. */
    public static final String EXCHANGE = BinanceFamily.SPOT.cliName();

    private final BinanceSimulator sim;
    private final List<String> symbols;

    private SimulatedMarket(BinanceSimulator sim, List<String> symbols) {
        this.sim = sim;
        this.symbols = symbols;
    }

    /** A simulator with the first {@code count} of {@link #SYMBOLS}, generators not started. */
    public static SimulatedMarket start(int count, long seed) {
        return start(count, seed, 0);
    }

    /**
     * A simulator with the first {@code count} of {@link #SYMBOLS}, generators not started, allowing
     * {@code weightPerMinute} of REST request weight (0: Binance's own limit).
     */
    public static SimulatedMarket start(int count, long seed, int weightPerMinute) {
        if (count < 1 || count > SYMBOLS.size()) {
            throw new IllegalArgumentException("symbols: 1 to " + SYMBOLS.size() + ", was " + count);
        }
        BinanceSimulator.Builder builder = BinanceSimulator.builder(BinanceFamily.SPOT).seed(seed);
        if (weightPerMinute > 0) {
            builder.weightLimitPerMinute(weightPerMinute);
        }
        List<String> names = new ArrayList<>();
        for (BinanceSymbol symbol : SYMBOLS.subList(0, count)) {
            builder.symbol(symbol);
            names.add(symbol.symbol());
        }
        return new SimulatedMarket(builder.build(), List.copyOf(names));
    }

    public List<String> symbols() {
        return symbols;
    }

    /** The topic key of {@code symbol}: {@code binance-spot:SYMBOL}. */
    public static String key(String symbol) {
        return io.exchangebus.avro.topics.TopicKey.exchangeSymbol(EXCHANGE, symbol);
    }

    /** One step of {@code symbol}'s market (see the class comment). */
    public void step(String symbol) {
        sim.generator(symbol).step();
    }

    /**
     * Leaves out the next {@code depthUpdate} frame of {@code symbol} and makes more after it, so that the gap is
     * seen: one step, whose first frame (the maker's cancel) is the one skipped and whose next frames show the gap.
     * No other thread moves the market, so the skip cannot land on another symbol.
     *
     * @return the first update id of the frame left out
     */
    long skipOneFrame(String symbol) {
        long skipped = lastUpdateId(symbol) + 1;
        sim.faults().skipSequence(1);
        step(symbol);
        return skipped;
    }

    /** The simulator's true book of {@code symbol}, every level, with the update id it reflects. */
    BookSnapshot trueBook(String symbol) {
        return sim.simulator().book(symbol);
    }

    /** The update id of {@code symbol}'s last change. */
    public long lastUpdateId(String symbol) {
        return sim.simulator().engine(symbol).lastUpdateId();
    }

    /** The {@code exchanges.binance-spot} entry of a service's YAML: custom endpoints at this simulator. */
    String exchangeYaml() {
        return exchangeYaml(sim.restBaseUri(), sim.streamBaseUri(), sim.wsApiUri());
    }

    /** The {@code exchanges.binance-spot} entry of a service's YAML with these endpoints. */
    public static String exchangeYaml(URI rest, URI stream, URI wsApi) {
        return "  " + EXCHANGE + ":\n"
                + "    environment: custom\n"
                + "    rest-url: " + rest + "\n"
                + "    stream-url: " + stream + "\n"
                + "    ws-api-url: " + wsApi + "\n";
    }

    /** Binance's REST base of the simulator ({@code /api/v3/...} below it). */
    public URI restBaseUri() {
        return sim.restBaseUri();
    }

    /** Binance's market-stream base of the simulator ({@code /stream} below it). */
    public URI streamBaseUri() {
        return sim.streamBaseUri();
    }

    @Override
    public void close() {
        sim.close();
    }

    /**
     * The symbols a run may use, in order. BTCUSDT and ETHUSDT are the simulator's own; the others are shaped like
     * Binance spot symbols (tick, step, precisions of their price range) for this run, not copied from exchangeInfo:
     * the run needs several independent books whose keys spread over partitions, not these symbols' exact filters.
     */
    static final List<BinanceSymbol> SYMBOLS = List.of(
            BinanceSymbol.spotBtcUsdt(),
            BinanceSymbol.spotEthUsdt(),
            spot("SOLUSDT", "SOL", "0.01", "0.001", 2, 3, "150.00"),
            spot("BNBUSDT", "BNB", "0.01", "0.001", 2, 3, "600.00"),
            spot("XRPUSDT", "XRP", "0.0001", "0.1", 4, 1, "0.5000"),
            spot("ADAUSDT", "ADA", "0.0001", "0.1", 4, 1, "0.4500"),
            spot("LTCUSDT", "LTC", "0.01", "0.001", 2, 3, "80.00"),
            spot("LINKUSDT", "LINK", "0.01", "0.01", 2, 2, "15.00"));

    private static BinanceSymbol spot(String symbol, String base, String tick, String step, int pricePrecision,
                                      int quantityPrecision, String startMid) {
        return new BinanceSymbol(symbol, base, "USDT", new BigDecimal(tick), new BigDecimal(tick),
                new BigDecimal("1000000"), new BigDecimal(step), new BigDecimal(step), new BigDecimal("9000000"),
                new BigDecimal("100000"), new BigDecimal("5"), pricePrecision, quantityPrecision,
                new BigDecimal(startMid));
    }
}
