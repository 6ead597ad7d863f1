package io.exchangebus.sim.binance;

import io.exchangebus.sim.ExchangeSimulator;
import io.exchangebus.sim.SimulatorProvider;
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
        public BinanceSimulator.Launched launch(int port, long seed) {
            return BinanceSimulator.launch(family, port, seed);
        }
    }
}
