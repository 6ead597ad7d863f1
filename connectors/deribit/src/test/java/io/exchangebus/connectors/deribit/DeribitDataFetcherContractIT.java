package io.exchangebus.connectors.deribit;

import io.exchangebus.connectors.core.contract.DataFetcherContractTest;
import io.exchangebus.connectors.core.contract.SimulatorProbe;
import io.exchangebus.connectors.core.role.DataFetcher;
import io.exchangebus.connectors.deribit.testing.DeribitSimulatorProbe;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The core DataFetcher contract against a fresh Deribit simulator per test, over real sockets, with the fetcher
 * built as {@code DeribitConnector} builds it (no currencies configured: those the instruments settle in).
 */
class DeribitDataFetcherContractIT extends DataFetcherContractTest {

    private DeribitSimulatorProbe sim;

    @Override
    protected SimulatorProbe probe() {
        sim = DeribitSimulatorProbe.start();
        return sim;
    }

    @Override
    protected DataFetcher newDataFetcher() {
        return DeribitFetchers.forSimulator(sim.simulator().restBaseUri(), sim.credentials(), List.of());
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
