package io.exchangebus.connectors.grvt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The signed {@code order} of each create whose fate is not yet known, by GRVT client order id. A create that gets
 * no answer (socket lost, timeout, an OMS closed or killed between send and answer) may or may not have reached
 * GRVT; sending it again must be the <em>same</em> payload, which GRVT ignores as a duplicate (same nonce, same
 * signature, grvt.md §8, §12), never a new signature, which would be a second order. An entry is dropped once the
 * order's fate is known: its real order id seen on {@code v1.order}, or a refusal.
 *
 * <p>One store may be shared by the OMS instances of one sub-account (a restarted OMS in the same process);
 * across processes the caller looks the order up by client order id instead ({@link GrvtOms#findOrder}). Keeps the
 * latest {@code capacity} entries. Thread-safe. The payload holds a signature but no secret.
 */
public final class GrvtSignedOrders {

    /** How many signed creates of unknown fate are kept by default. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final int capacity;
    private final Map<String, String> pending = new LinkedHashMap<>();

    public GrvtSignedOrders() {
        this(DEFAULT_CAPACITY);
    }

    public GrvtSignedOrders(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** Keeps {@code order} (its exact text) as the one payload for {@code clientOrderId}, unless one is kept. */
    synchronized String keep(String clientOrderId, ObjectNode order) {
        String kept = pending.get(clientOrderId);
        if (kept != null) {
            return kept;
        }
        String text = order.toString();
        pending.put(clientOrderId, text);
        if (pending.size() > capacity) {
            Iterator<String> oldest = pending.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return text;
    }

    /** The payload kept for {@code clientOrderId}: what a retry must send, byte for byte. */
    synchronized Optional<String> payload(String clientOrderId) {
        return Optional.ofNullable(pending.get(clientOrderId));
    }

    /** The order's fate is known: a later create under this id is a new order, signed anew. */
    synchronized void settled(String clientOrderId) {
        if (clientOrderId != null) {
            pending.remove(clientOrderId);
        }
    }

    synchronized int size() {
        return pending.size();
    }
}
