package io.exchangebus.connectors.grvt;

import io.exchangebus.connectors.core.contract.DataFetcherContractTest;
import io.exchangebus.connectors.core.contract.SimulatorProbe;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.role.DataFetcher;
import io.exchangebus.connectors.grvt.testing.GrvtSimulatorProbe;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;

/**
 * The core DataFetcher contract against a fresh GRVT simulator per test, over real sockets, with the fetcher built
 * on the probe's account (API-key login, cookie, sub-account {@link GrvtSimulatorProbe#SUB_ACCOUNT}).
 */
class GrvtDataFetcherContractIT extends DataFetcherContractTest {

    private GrvtSimulatorProbe sim;

    @Override
    protected SimulatorProbe probe() {
        sim = GrvtSimulatorProbe.start();
        return sim;
    }

    @Override
    protected DataFetcher newDataFetcher() {
        GrvtClients clients = new GrvtClients(sim.accountConfig(), Clock.systemUTC());
        return new GrvtDataFetcher(clients.rest(clients.session()), "it", GrvtSimulatorProbe.SUB_ACCOUNT.toString(),
                new InstrumentRegistry("grvt"), Clock.systemUTC());
    }

    @AfterEach
    void stopSimulator() {
        if (role != null) {
            role.close();
        }
        if (sim != null) {
            sim.close();
        }
    }
}
