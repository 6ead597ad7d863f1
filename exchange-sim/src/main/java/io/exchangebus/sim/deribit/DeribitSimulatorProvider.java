package io.exchangebus.sim.deribit;

import io.exchangebus.sim.ExchangeSimulator;
import io.exchangebus.sim.SimulatorProvider;
import java.util.List;

/**
 * Deribit's simulator, exchange id {@code deribit}, listed in
 * {@code META-INF/services/io.exchangebus.sim.SimulatorProvider} ({@code exbus sim --exchange deribit}).
 */
public final class DeribitSimulatorProvider implements SimulatorProvider {

    @Override
    public List<ExchangeSimulator> simulators() {
        return List.of(new Deribit());
    }

    /** {@link DeribitSimulator#launch}: HTTP on the port, WebSocket on the next. */
    private record Deribit() implements ExchangeSimulator {
        @Override
        public String exchange() {
            return "deribit";
        }

        @Override
        public Running launch(int port, long seed) {
            return DeribitSimulator.launch(port, seed);
        }
    }
}
