package io.exchangebus.connectors.binance;

import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.binance.testing.BinanceSimulatorProbe;
import io.exchangebus.connectors.binance.ws.BinanceUserDataStream;
import io.exchangebus.connectors.core.contract.PmsContractTest;
import io.exchangebus.connectors.core.contract.SimulatorProbe;
import io.exchangebus.connectors.core.role.Pms;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The core PMS contract for Binance Spot, against the Binance simulator. */
class BinanceSpotPmsContractIT extends PmsContractTest {

    private static BinanceSimulatorProbe sim;

    @BeforeAll
    static void startSimulator() {
        sim = BinanceSimulatorProbe.start(BinanceVenue.SPOT);
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    @Override
    protected SimulatorProbe probe() {
        return sim;
    }

    @Override
    protected Pms newPms() {
        return new BinancePms(sim.config().build(), sim.instruments(), BinanceUserDataStream.DEFAULT_KEEP_ALIVE,
                UnaryOperator.identity());
    }

    @Override
    protected String depositAsset() {
        return sim.simulator().symbols().get(0).quoteAsset();
    }
}
