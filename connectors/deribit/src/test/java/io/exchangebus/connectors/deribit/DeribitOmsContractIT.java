package io.exchangebus.connectors.deribit;

import io.exchangebus.connectors.core.contract.OmsContractTest;
import io.exchangebus.connectors.core.contract.SimulatorProbe;
import io.exchangebus.connectors.core.role.Oms;
import io.exchangebus.connectors.deribit.auth.DeribitGrantType;
import io.exchangebus.connectors.deribit.testing.DeribitSimulatorProbe;
import org.junit.jupiter.api.AfterEach;

/** The core OMS contract against a fresh Deribit simulator per test, over real sockets. */
class DeribitOmsContractIT extends OmsContractTest {

    private DeribitSimulatorProbe sim;

    @Override
    protected SimulatorProbe probe() {
        sim = DeribitSimulatorProbe.start();
        return sim;
    }

    @Override
    protected Oms newOms() {
        return new DeribitOms(sim.accountConfig(DeribitGrantType.CLIENT_SIGNATURE), sim.instruments());
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
