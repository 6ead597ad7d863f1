package io.exchangebus.sim.deribit;

import io.exchangebus.sim.ExchangeSimulator;
import io.exchangebus.sim.SimulatorProvider;
import io.exchangebus.sim.fault.FaultInjector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deribit's simulator, exchange id {@code deribit}, listed in
 * {@code META-INF/services/io.exchangebus.sim.SimulatorProvider} ({@code exbus sim --exchange deribit},
 * {@code exbus demo}). Its connection names Deribit's endpoints ({@code ws-url}, {@code rest-url}) and the symbols a
 * demo shows: the inverse perpetual and the first listed option.
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
            return new Launched(DeribitSimulator.launch(port, seed));
        }
    }

    /** The launched simulator, with the endpoints and demo symbols in its connection. */
    private record Launched(DeribitSimulator.Launched launched) implements ExchangeSimulator.Running {
        @Override
        public String describe() {
            return launched.describe();
        }

        @Override
        public ExchangeSimulator.Connection connection() {
            ExchangeSimulator.Connection c = launched.connection();
            DeribitSimulator sim = launched.simulator();
            Map<String, String> endpoints = new LinkedHashMap<>();
            endpoints.put("ws-url", sim.wsUri().toString());
            endpoints.put("rest-url", sim.restBaseUri().toString());
            return new ExchangeSimulator.Connection(c.restUrl(), c.streamUrl(), c.wsApiUrl(), c.account(),
                    c.apiKey(), c.secret(), endpoints, List.of("BTC-PERPETUAL", sim.options().get(0)));
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
