package io.exchangebus.sim;

import io.exchangebus.sim.engine.OrderRequest;
import io.exchangebus.sim.engine.RejectReason;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order command the simulator received, as tests read it back: when it arrived and what became of it.
 *
 * @param request the new order (PLACE only), else null
 * @param orderId the order it created or targeted; 0 for CANCEL_ALL
 * @param newPrice for AMEND, the requested price or null
 * @param newQuantity for AMEND, the requested quantity or null
 * @param rejectReason null if carried out
 */
public record ReceivedOrderCommand(Kind kind, String symbol, String account, OrderRequest request, long orderId,
                                   BigDecimal newPrice, BigDecimal newQuantity, Instant receivedAt,
                                   RejectReason rejectReason) {

    public enum Kind {
        PLACE,
        CANCEL,
        AMEND,
        CANCEL_ALL
    }
}
