package io.exchangebus.connectors.deribit;

import io.exchangebus.connectors.core.contract.SimulatorProbe;
import io.exchangebus.connectors.core.contract.SubscriberContractTest;
import io.exchangebus.connectors.core.role.Subscriber;
import io.exchangebus.connectors.deribit.auth.DeribitGrantType;
import io.exchangebus.connectors.deribit.testing.DeribitSimulatorProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;

/**
 * The core {@link SubscriberContractTest} for {@link DeribitSubscriber} against a running Deribit simulator over
 * real sockets: public ({@code book.BTC-PERPETUAL.100ms}) and logged in ({@code .raw}, after {@code public/auth}
 * with {@code client_signature}). First snapshot and a book equal to the simulator's, resync after a
 * {@code prev_change_id} gap, subscriptions restored after a dropped connection, malformed frames reported.
 */
class DeribitSubscriberContractIT {

    private static DeribitSimulatorProbe probe;

    static synchronized DeribitSimulatorProbe probe() {
        if (probe == null) {
            probe = DeribitSimulatorProbe.start();
        }
        return probe;
    }

    @AfterAll
    static synchronized void stopSimulator() {
        if (probe != null) {
            probe.close();
            probe = null;
        }
    }

    @Nested
    class Public extends SubscriberContractTest {
        @Override
        protected SimulatorProbe probe() {
            return DeribitSubscriberContractIT.probe();
        }

        @Override
        protected Subscriber newSubscriber() {
            DeribitSimulatorProbe p = DeribitSubscriberContractIT.probe();
            return new DeribitSubscriber(p.publicConfig(), p.instruments());
        }
    }

    @Nested
    class LoggedIn extends SubscriberContractTest {
        @Override
        protected SimulatorProbe probe() {
            return DeribitSubscriberContractIT.probe();
        }

        @Override
        protected Subscriber newSubscriber() {
            DeribitSimulatorProbe p = DeribitSubscriberContractIT.probe();
            return new DeribitSubscriber(p.accountConfig(DeribitGrantType.CLIENT_SIGNATURE), p.instruments());
        }
    }
}
