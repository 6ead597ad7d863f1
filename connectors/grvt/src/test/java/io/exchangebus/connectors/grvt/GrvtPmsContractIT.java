package io.exchangebus.connectors.grvt;

import io.exchangebus.connectors.core.contract.PmsContractTest;
import io.exchangebus.connectors.core.contract.SimulatorProbe;
import io.exchangebus.connectors.core.role.Pms;
import io.exchangebus.connectors.grvt.testing.GrvtSimulatorProbe;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;

/**
 * The core PMS contract against a fresh GRVT simulator per test, over real sockets: a USDT deposit shows in the
 * polled {@code account_summary} (every 200 ms) as the balance the simulator holds, before and after a dropped
 * connection.
 */
class GrvtPmsContractIT extends PmsContractTest {

    private GrvtSimulatorProbe sim;

    @Override
    protected SimulatorProbe probe() {
        sim = GrvtSimulatorProbe.start();
        return sim;
    }

    @Override
    protected Pms newPms() {
        return new GrvtPms(sim.accountConfig(), Clock.systemUTC());
    }

    @Override
    protected String depositAsset() {
        return "USDT";
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
