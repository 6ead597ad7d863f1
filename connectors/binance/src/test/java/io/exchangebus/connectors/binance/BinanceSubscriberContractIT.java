package io.exchangebus.connectors.binance;

import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.binance.testing.BinanceSimulatorProbe;
import io.exchangebus.connectors.core.contract.SimulatorProbe;
import io.exchangebus.connectors.core.contract.SubscriberContractTest;
import io.exchangebus.connectors.core.role.Subscriber;
import io.exchangebus.connectors.core.ws.BackoffPolicy;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;

/**
 * The core {@link SubscriberContractTest} for {@link BinanceSubscriber}, spot and USD-M, each against a running
 * Binance simulator of its family (one per family for the class): first snapshot and a book equal to the
 * simulator's, resync after a sequence gap, subscriptions restored after a dropped connection, malformed frames
 * reported.
 */
class BinanceSubscriberContractIT {
    private static final Map<BinanceVenue, BinanceSimulatorProbe> PROBES = new EnumMap<>(BinanceVenue.class);

    static synchronized BinanceSimulatorProbe probeOf(BinanceVenue venue) {
        return PROBES.computeIfAbsent(venue, BinanceSimulatorProbe::start);
    }

    static BinanceSubscriber subscriberOf(BinanceVenue venue) {
        BinanceSimulatorProbe probe = probeOf(venue);
        return new BinanceSubscriber(probe.config().build(), probe.instruments(),
                b -> b.backoff(new BackoffPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, 0.2)));
    }

    @AfterAll
    static synchronized void stopSimulators() {
        PROBES.values().forEach(BinanceSimulatorProbe::close);
        PROBES.clear();
    }

    @Nested
    class Spot extends SubscriberContractTest {
        @Override
        protected SimulatorProbe probe() {
            return probeOf(BinanceVenue.SPOT);
        }

        @Override
        protected Subscriber newSubscriber() {
            return subscriberOf(BinanceVenue.SPOT);
        }
    }

    @Nested
    class Usdm extends SubscriberContractTest {
        @Override
        protected SimulatorProbe probe() {
            return probeOf(BinanceVenue.USDM);
        }

        @Override
        protected Subscriber newSubscriber() {
            return subscriberOf(BinanceVenue.USDM);
        }
    }
}
