package io.exchangebus.connectors.grvt;

import io.exchangebus.connectors.core.contract.OmsContractTest;
import io.exchangebus.connectors.core.contract.SimulatorProbe;
import io.exchangebus.connectors.core.role.Oms;
import io.exchangebus.connectors.grvt.testing.GrvtSimulatorProbe;
import io.exchangebus.events.PlaceOrder;
import java.math.BigDecimal;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;

/**
 * The core OMS contract against a fresh GRVT simulator per test, over real sockets. The contract's client order
 * ids are ours; GRVT's are made from them by the OMS's scheme before placing, as oms-service does.
 */
class GrvtOmsContractIT extends OmsContractTest {

    private GrvtSimulatorProbe sim;

    @Override
    protected SimulatorProbe probe() {
        sim = GrvtSimulatorProbe.start();
        return sim;
    }

    @Override
    protected Oms newOms() {
        return GrvtOms.of(sim.accountConfig(), sim.instruments(), new GrvtSignedOrders(), Clock.systemUTC());
    }

    @Override
    protected PlaceOrder passiveBuy(BigDecimal quantity) {
        PlaceOrder order = super.passiveBuy(quantity);
        order.setClientOrderId(GrvtClientOrderIds.SCHEME.toExchange(order.getClientOrderId()).value());
        return order;
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
