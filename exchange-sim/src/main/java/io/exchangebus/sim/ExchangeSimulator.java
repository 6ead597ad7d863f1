package io.exchangebus.sim;

/**
 * The simulator of one exchange id, as {@code exbus sim} runs it: on loopback, with market data running and a
 * funded demo account. Found through {@link SimulatorProvider}. Thread-safe and stateless: each launch is a new
 * simulator.
 */
public interface ExchangeSimulator {

    /** The exchange id it simulates, the connector's: {@code binance-spot}, {@code binance-usdm}, … */
    String exchange();

    /**
     * Starts a simulator serving on loopback.
     *
     * @param port its first port (e.g. REST), the next ones for its other servers; 0 for free ports
     * @param seed seeds market data and the demo account's key: the same seed gives the same run
     */
    Running launch(int port, long seed);

    /** A simulator that serves until closed. */
    interface Running extends AutoCloseable {

        /** Its addresses and the demo account's credentials, for a person at a console (secrets included). */
        String describe();

        /** Stops serving; idempotent. */
        @Override
        void close();
    }
}
