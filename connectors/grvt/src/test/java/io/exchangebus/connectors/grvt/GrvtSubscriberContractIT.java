package io.exchangebus.connectors.grvt;

import io.exchangebus.connectors.core.contract.SimulatorProbe;
import io.exchangebus.connectors.core.contract.SubscriberContractTest;
import io.exchangebus.connectors.core.role.Subscriber;
import io.exchangebus.connectors.grvt.testing.GrvtSimulatorProbe;
import org.junit.jupiter.api.AfterAll;

/**
 * The core {@link SubscriberContractTest} for {@link GrvtSubscriber} against a running GRVT simulator over real
 * sockets ({@code v1.book.d@100} of {@code BTC_USDT_Perp}): first snapshot and a book equal to the simulator's,
 * resync after a {@code prev_sequence_number} gap, subscriptions restored after a dropped connection, malformed
 * frames reported.
 */
class GrvtSubscriberContractIT extends SubscriberContractTest {

    private static GrvtSimulatorProbe probe;

    static synchronized GrvtSimulatorProbe sharedProbe() {
        if (probe == null) {
            probe = GrvtSimulatorProbe.start();
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

    @Override
    protected SimulatorProbe probe() {
        return sharedProbe();
    }

    @Override
    protected Subscriber newSubscriber() {
        GrvtSimulatorProbe p = sharedProbe();
        return new GrvtSubscriber(p.publicConfig(), p.instruments());
    }
}
