package io.exchangebus.benchmarks.oms;

import io.exchangebus.sim.ReceivedOrderCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One simulated exchange of the OMS harnesses, in the harness's JVM: funds accounts, says how oms-service reaches it
 * and them, and what it received.
 */
interface BenchVenue extends AutoCloseable {

    BenchMarket market();

    /** Funds {@code account} at the simulator; its entry under oms-service's {@code accounts}, keys in {@code keys}. */
    String fundAccount(String account, Path keys) throws IOException;

    /** The exchange's entry under oms-service's {@code exchanges}. */
    String exchangeYaml();

    /** The orders and cancels the simulator received, in order. */
    List<ReceivedOrderCommand> received();

    /**
     * The key of one of our orders as the simulator records it ({@link #keyOf}): its account there and the
     * exchange's client order id of ours.
     */
    String keyOf(String account, String clientOrderId);

    /** The key of an order the simulator received: its account and client order id there. */
    default String keyOf(ReceivedOrderCommand received) {
        return received.account() + "/" + received.request().clientOrderId();
    }

    @Override
    void close();
}
