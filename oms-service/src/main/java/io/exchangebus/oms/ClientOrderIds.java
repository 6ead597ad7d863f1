package io.exchangebus.oms;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.role.ClientOrderIdScheme;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Our client order ids ({@code PlaceOrder.clientOrderId}) and the exchanges' ones, by each exchange's own contract
 * ({@link ClientOrderIdScheme}, from its connector's {@code Oms} role): the exchange's id is a pure function of ours,
 * so every process names an order the same way. Reading ours back from the exchange's is derived where the contract
 * allows (an id sent as it is); where it does not (a hash), the pair is written to the send-intent topic before the
 * order is sent ({@link SendIntents#record}) and read back on assignment ({@link SendIntents#read}), so a restarted
 * OMS still writes updates under our id. Thread-safe.
 */
public final class ClientOrderIds {
    /** A pair whose ours cannot be read back from the exchange's id: persisted before the order is sent. */
    public record Pair(String exchange, String theirs, String ours) {
    }

    /** By {@code exchange + '|' + theirs}. Grows with the hashed ids sent; see README ("Not done yet"). */
    private final Map<String, String> ours = new ConcurrentHashMap<>();

    /**
     * The exchange's client order id of {@code ours} under {@code scheme}, or the contract's refusal naming the
     * exchange's rule. A pair that cannot be derived back is remembered in this process.
     *
     * @param exchange the exchange as commands and updates name it ({@code binance-spot})
     */
    public Result<String> toExchange(String exchange, ClientOrderIdScheme scheme, String ours) {
        Result<String> theirs = scheme.toExchange(ours);
        if (theirs.isOk() && !scheme.isDerivable(ours)) {
            remember(new Pair(exchange, theirs.value(), ours));
        }
        return theirs;
    }

    /** The pair to persist before {@code ours} is sent under {@code scheme}; null when ours is derived back. */
    public static Pair toPersist(String exchange, ClientOrderIdScheme scheme, String ours) {
        if (ours == null || scheme.isDerivable(ours)) {
            return null;
        }
        Result<String> theirs = scheme.toExchange(ours);
        return theirs.isOk() ? new Pair(exchange, theirs.value(), ours) : null;
    }

    /** Notes a pair (sent by this process, or read back from the send-intent topic). */
    public void remember(Pair pair) {
        ours.put(key(pair.exchange(), pair.theirs()), pair.ours());
    }

    /**
     * Our client order id of an exchange's id on {@code exchange}: the one it was derived from when a pair was
     * persisted, else itself (an id sent as it is, or an order this OMS did not send).
     */
    public String toOurs(String exchange, String theirs) {
        if (theirs == null) {
            return null;
        }
        return ours.getOrDefault(key(exchange, theirs), theirs);
    }

    private static String key(String exchange, String theirs) {
        return exchange + '|' + theirs;
    }
}
