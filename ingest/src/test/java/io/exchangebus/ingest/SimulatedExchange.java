package io.exchangebus.ingest;

import io.exchangebus.sim.binance.BinanceFamily;
import io.exchangebus.sim.binance.BinanceSimulator;
import io.exchangebus.sim.binance.BinanceSymbol;
import io.exchangebus.sim.engine.EngineEvent;
import io.exchangebus.sim.engine.Fill;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A Binance simulator (spot or USD-M) on loopback, with its own record of every trade it printed, and the
 * {@code exchanges} section of an ingest configuration pointing at it.
 */
final class SimulatedExchange implements AutoCloseable {
    private final BinanceFamily family;
    private final BinanceSimulator sim;
    private final List<Fill> printed = new CopyOnWriteArrayList<>();

    private SimulatedExchange(BinanceFamily family, BinanceSimulator sim) {
        this.family = family;
        this.sim = sim;
        sim.simulator().addListener(event -> {
            if (event instanceof EngineEvent.TradePrinted) {
                printed.add(((EngineEvent.TradePrinted) event).fill());
            }
        });
    }

    /** A simulator of {@code family} with BTCUSDT and ETHUSDT, its generators stepped by hand or started. */
    static SimulatedExchange start(BinanceFamily family, Consumer<BinanceSimulator.Builder> customise) {
        BinanceSimulator.Builder builder = BinanceSimulator.builder(family).seed(42)
                .symbol(family == BinanceFamily.SPOT ? BinanceSymbol.spotBtcUsdt() : BinanceSymbol.usdmBtcUsdt())
                .symbol(family == BinanceFamily.SPOT ? BinanceSymbol.spotEthUsdt() : BinanceSymbol.usdmEthUsdt());
        customise.accept(builder);
        return new SimulatedExchange(family, builder.build());
    }

    /** A simulator of {@code family} with {@code symbol} alone. */
    static SimulatedExchange start(BinanceFamily family, BinanceSymbol symbol,
                                   Consumer<BinanceSimulator.Builder> customise) {
        BinanceSimulator.Builder builder = BinanceSimulator.builder(family).seed(42).symbol(symbol);
        customise.accept(builder);
        return new SimulatedExchange(family, builder.build());
    }

    BinanceSimulator simulator() {
        return sim;
    }

    /** The exchange id: binance-spot or binance-usdm. */
    String exchange() {
        return family == BinanceFamily.SPOT ? "binance-spot" : "binance-usdm";
    }

    /** Every trade printed so far on {@code symbol}, in order. */
    List<Fill> printed(String symbol) {
        return printed.stream().filter(f -> f.symbol().equals(symbol)).toList();
    }

    /** The {@code exchanges.<id>} entry of a configuration, with custom endpoints at this simulator. */
    String exchangeYaml() {
        return "  " + exchange() + ":\n"
                + "    environment: custom\n"
                + "    rest-url: " + sim.restBaseUri() + "\n"
                + "    stream-url: " + sim.streamBaseUri() + "\n"
                + "    ws-api-url: " + sim.wsApiUri() + "\n";
    }

    @Override
    public void close() {
        sim.close();
    }
}
