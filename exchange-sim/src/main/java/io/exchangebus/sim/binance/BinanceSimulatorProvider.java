package io.exchangebus.sim.binance;

import io.exchangebus.sim.ExchangeSimulator;
import io.exchangebus.sim.SimulatorProvider;
import io.exchangebus.sim.fault.FaultInjector;
import java.util.Arrays;
import java.util.List;

/** Binance's simulators, one per family: {@code binance-spot} and {@code binance-usdm}. Found by ServiceLoader. */
public final class BinanceSimulatorProvider implements SimulatorProvider {

    @Override
    public List<ExchangeSimulator> simulators() {
        return Arrays.stream(BinanceFamily.values()).<ExchangeSimulator>map(Family::new).toList();
    }

    /** {@link BinanceSimulator#launch}: REST on the port, WebSocket on the next. */
    private record Family(BinanceFamily family) implements ExchangeSimulator {
        @Override
        public String exchange() {
            return family.cliName();
        }

        @Override
        public ExchangeSimulator.Running launch(int port, long seed) {
            return new Demo(BinanceSimulator.launch(family, port, seed));
        }

        @Override
        public String demoAccount() {
            return family == BinanceFamily.SPOT ? "spot" : "perp";
        }
    }

    /** {@link BinanceSimulator.Launched}, with its connection for a launcher in another process. */
    private record Demo(BinanceSimulator.Launched launched) implements ExchangeSimulator.Running {
        @Override
        public String describe() {
            return launched.describe();
        }

        @Override
        public ExchangeSimulator.Connection connection() {
            BinanceSimulator sim = launched.simulator();
            return new ExchangeSimulator.Connection(sim.restBaseUri().toString(), sim.streamBaseUri().toString(),
                    sim.wsApiUri().toString(), launched.account(), launched.demoKey().keyId(),
                    launched.demoKey().secret());
        }

        @Override
        public FaultInjector faults() {
            return launched.simulator().faults();
        }

        @Override
        public void close() {
            launched.close();
        }
    }
}
