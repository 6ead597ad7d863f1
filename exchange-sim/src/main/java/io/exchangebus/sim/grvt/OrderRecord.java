package io.exchangebus.sim.grvt;

import io.exchangebus.sim.engine.OrderState;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;

/**
 * One order the simulator accepted: the signed order as sent, and its latest engine state (null until the engine
 * took it). Mutable: the engine's listener updates {@link #state} under the engine's lock; readers see a whole
 * {@link OrderState} (volatile).
 */
final class OrderRecord {

    private final SignedOrder order;
    private final GrvtInstrument instrument;
    private final Instant createTime;
    private volatile OrderState state;
    private volatile String rejectReason = "UNSPECIFIED";

    OrderRecord(SignedOrder order, GrvtInstrument instrument, Instant createTime) {
        this.order = order;
        this.instrument = instrument;
        this.createTime = createTime;
    }

    SignedOrder order() {
        return order;
    }

    GrvtInstrument instrument() {
        return instrument;
    }

    BigInteger subAccountId() {
        return order.subAccountId();
    }

    Instant createTime() {
        return createTime;
    }

    OrderState state() {
        return state;
    }

    void state(OrderState state) {
        this.state = state;
    }

    /** GRVT's {@code reject_reason} ({@code UNSPECIFIED} unless rejected or cancelled for a reason). */
    String rejectReason() {
        return rejectReason;
    }

    void rejectReason(String reason) {
        this.rejectReason = reason;
    }

    /** GRVT's order id: {@code 0x} and 32 hex digits of the engine's id; {@code 0x00} before the engine took it. */
    String orderId() {
        return state == null ? "0x00" : hexId(state.orderId());
    }

    boolean isOpen() {
        return state != null && state.status().isOpen();
    }

    BigDecimal size() {
        return order.leg().size();
    }

    static String hexId(long engineId) {
        return String.format("0x%032x", engineId);
    }

    /** The engine id of a GRVT order id, or -1 if it is not one of ours. */
    static long engineId(String orderId) {
        if (orderId == null || !orderId.startsWith("0x") || orderId.length() < 3) {
            return -1;
        }
        try {
            BigInteger id = new BigInteger(orderId.substring(2), 16);
            return id.bitLength() < 63 ? id.longValue() : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
