package io.exchangebus.sim.grvt;

import io.exchangebus.sim.ExchangeSimulator;
import io.exchangebus.sim.SimulatorProvider;
import io.exchangebus.sim.fault.FaultInjector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GRVT's simulator, exchange id {@code grvt}, listed in
 * {@code META-INF/services/io.exchangebus.sim.SimulatorProvider} ({@code exbus sim --exchange grvt}). Its connection
 * names GRVT's endpoints as the connector does ({@code edge-url}, {@code trades-url}, {@code market-data-url}: the one
 * REST port; {@code trades-ws-url}, {@code market-data-ws-url}); the API key is the connection's key, the signer's
 * private key its secret, the sub-account id its account and its {@code sub-account-id} setting; a demo shows
 * {@code BTC_USDT_Perp} (our BTC-USDT-PERP, as Binance USD-M's BTCUSDT).
 */
public final class GrvtSimulatorProvider implements SimulatorProvider {

    @Override
    public List<ExchangeSimulator> simulators() {
        return List.of(new Grvt());
    }

    private record Grvt() implements ExchangeSimulator {
        @Override
        public String exchange() {
            return "grvt";
        }

        @Override
        public Running launch(int port, long seed) {
            return new Launched(GrvtSimulator.launch(port, seed));
        }
    }

    private record Launched(GrvtSimulator.Launched launched) implements ExchangeSimulator.Running {
        @Override
        public String describe() {
            return launched.describe();
        }

        @Override
        public ExchangeSimulator.Connection connection() {
            GrvtSimulator sim = launched.simulator();
            Map<String, String> endpoints = new LinkedHashMap<>();
            String rest = sim.restBaseUri().toString();
            endpoints.put("edge-url", rest);
            endpoints.put("trades-url", rest);
            endpoints.put("market-data-url", rest);
            endpoints.put("trades-ws-url", sim.tradesWsUri().toString());
            endpoints.put("market-data-ws-url", sim.marketDataWsUri().toString());
            String subAccount = launched.subAccountId().toString();
            return new ExchangeSimulator.Connection(rest, sim.marketDataWsUri().toString(),
                    sim.tradesWsUri().toString(), subAccount, launched.apiKey(), launched.signerPrivateKey(),
                    endpoints, List.of("BTC_USDT_Perp"), Map.of("sub-account-id", subAccount));
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
