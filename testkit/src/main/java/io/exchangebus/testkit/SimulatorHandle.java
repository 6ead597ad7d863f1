package io.exchangebus.testkit;

import io.exchangebus.connectors.core.spi.ExchangeConnectors;
import io.exchangebus.service.demo.DemoConfigs;
import io.exchangebus.sim.ExchangeSimulator;
import io.exchangebus.sim.fault.FaultInjector;
import java.util.List;

/**
 * One exchange's simulator, running in the test JVM on loopback: market data moving, a funded demo account that
 * the services are configured with (named {@link #account()} in their configuration and on the topics' keys).
 * Thread-safe.
 */
public final class SimulatorHandle implements AutoCloseable {
    private static final ExchangeConnectors CONNECTORS =
            ExchangeConnectors.load(SimulatorHandle.class.getClassLoader());

    private final String exchange;
    private final String account;
    private final ExchangeSimulator.Running running;
    private final ExchangeSimulator.Connection connection;

    private SimulatorHandle(String exchange, String account, ExchangeSimulator.Running running) {
        this.exchange = exchange;
        this.account = account;
        this.running = running;
        this.connection = running.connection();
    }

    /** Launches {@code simulator} on free loopback ports; the same seed gives the same market. */
    static SimulatorHandle launch(ExchangeSimulator simulator, long seed) {
        return new SimulatorHandle(simulator.exchange(), simulator.demoAccount(), simulator.launch(0, seed));
    }

    /** The exchange id: {@code binance-spot}, {@code binance-usdm}, {@code deribit}, {@code grvt}. */
    public String exchange() {
        return exchange;
    }

    /** The services' name of the funded account, as order commands and the topics' keys name it. */
    public String account() {
        return account;
    }

    /** The symbols the services subscribe to on this exchange, the first one a perpetual or spot pair. */
    public List<String> symbols() {
        return connectionForConfig().demoSymbols();
    }

    /**
     * Our instrument id of {@code symbol} ({@code BTC-USDT-PERP}, {@code BTC-USD-PERP}, …), as order commands carry
     * it.
     *
     * @throws IllegalArgumentException when the exchange's connector cannot read the symbol
     */
    public String instrumentId(String symbol) {
        return CONNECTORS.find(exchange).flatMap(c -> c.instrumentIdOf(symbol)).map(Object::toString)
                .orElseThrow(() -> new IllegalArgumentException("no instrument id for " + exchange + " " + symbol));
    }

    /** Where the simulator serves and the demo account's credentials (its {@code toString} hides them). */
    public ExchangeSimulator.Connection connection() {
        return connection;
    }

    /**
     * Faults on demand: dropped connections, sequence gaps, duplicates, malformed frames, 429 and 418 with retry
     * hints, slow answers, rejected logins. The services see them as they would see the exchange's.
     */
    public FaultInjector faults() {
        return running.faults();
    }

    /** The running simulator itself, e.g. for {@link ExchangeSimulator.Running#describe()}. */
    public ExchangeSimulator.Running running() {
        return running;
    }

    /** What the services' configuration is written from. */
    DemoConfigs.SimulatorConnection connectionForConfig() {
        return new DemoConfigs.SimulatorConnection(connection.restUrl(), connection.streamUrl(),
                connection.wsApiUrl(), connection.apiKey(), connection.secret(), connection.endpoints(),
                connection.symbols(), connection.accountSettings());
    }

    @Override
    public void close() {
        running.close();
    }

    @Override
    public String toString() {
        return "SimulatorHandle[" + exchange + ", account " + account + ", " + connection + "]";
    }
}
