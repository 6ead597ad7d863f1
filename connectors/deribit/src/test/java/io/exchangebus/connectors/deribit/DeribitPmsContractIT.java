package io.exchangebus.connectors.deribit;

import io.exchangebus.connectors.core.contract.PmsContractTest;
import io.exchangebus.connectors.core.contract.SimulatorProbe;
import io.exchangebus.connectors.core.role.Pms;
import io.exchangebus.connectors.deribit.auth.DeribitGrantType;
import io.exchangebus.connectors.deribit.testing.DeribitSimulatorProbe;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The core PMS contract against a fresh Deribit simulator per test, over real sockets: a deposit shows in
 * {@code user.portfolio.any} as the BTC balance the simulator holds, before and after a dropped connection.
 */
class DeribitPmsContractIT extends PmsContractTest {

    private DeribitSimulatorProbe sim;

    @Override
    protected SimulatorProbe probe() {
        sim = DeribitSimulatorProbe.start();
        return sim;
    }

    @Override
    protected Pms newPms() {
        return new DeribitPms(sim.accountConfig(DeribitGrantType.CLIENT_SIGNATURE), null, List.of());
    }

    @Override
    protected String depositAsset() {
        return "BTC";
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
