package io.exchangebus.connectors.binance;

import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.binance.testing.BinanceSimulatorProbe;
import io.exchangebus.connectors.core.contract.OmsContractTest;
import io.exchangebus.connectors.core.contract.SimulatorProbe;
import io.exchangebus.connectors.core.role.Oms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/** The core OMS contract, for each Binance family, against a fresh simulator per test. */
class BinanceOmsContractIT {

    abstract static class Family extends OmsContractTest {
        private BinanceSimulatorProbe sim;

        abstract BinanceVenue venue();

        @Override
        protected SimulatorProbe probe() {
            sim = BinanceSimulatorProbe.start(venue());
            return sim;
        }

        @Override
        protected Oms newOms() {
            return new BinanceOms(sim.config().build(), sim.instruments());
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

    @Nested
    class Spot extends Family {
        @Override
        BinanceVenue venue() {
            return BinanceVenue.SPOT;
        }
    }

    @Nested
    class Usdm extends Family {
        @Override
        BinanceVenue venue() {
            return BinanceVenue.USDM;
        }
    }
}
