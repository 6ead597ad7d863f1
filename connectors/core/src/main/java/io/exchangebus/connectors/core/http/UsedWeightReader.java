package io.exchangebus.connectors.core.http;

import java.util.OptionalInt;

/**
 * Reads from an answer how much of the current window's weight budget the exchange has counted for us (some
 * exchanges report it in a header), so that the transport's budget also counts what other processes on the same IP
 * or key have spent. Supplied by the exchange; called on the transport's I/O thread, must not block.
 */
@FunctionalInterface
public interface UsedWeightReader {

    /** Reads nothing: the transport counts only its own calls. */
    UsedWeightReader NONE = reply -> OptionalInt.empty();

    /** @return the weight used in the exchange's current window, or empty if the answer does not say */
    OptionalInt usedWeight(HttpReply reply);
}
