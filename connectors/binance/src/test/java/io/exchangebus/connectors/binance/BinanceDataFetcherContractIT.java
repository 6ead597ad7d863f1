package io.exchangebus.connectors.binance;

import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.binance.testing.BinanceSimulatorProbe;
import io.exchangebus.connectors.core.contract.DataFetcherContractTest;
import io.exchangebus.connectors.core.contract.SimulatorProbe;
import io.exchangebus.connectors.core.role.DataFetcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/** The core DataFetcher contract, for each Binance family, against a fresh simulator per test. */
class BinanceDataFetcherContractIT {

    abstract static class Family extends DataFetcherContractTest {
        private BinanceSimulatorProbe sim;

        abstract BinanceVenue venue();

        @Override
        protected SimulatorProbe probe() {
            sim = BinanceSimulatorProbe.start(venue());
            return sim;
        }

        @Override
        protected DataFetcher newDataFetcher() {
            return new BinanceDataFetcher(sim.config().build());
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
