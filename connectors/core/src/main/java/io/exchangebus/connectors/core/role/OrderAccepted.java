package io.exchangebus.connectors.core.role;

import io.exchangebus.events.OrderStatus;
import java.time.Instant;

/**
 * The exchange's acknowledgement of an order request.
 *
 * @param clientOrderId the client order id sent to the exchange
 * @param exchangeOrderId the exchange's order id, when it gives one
 * @param status the order's status in the answer
 * @param exchangeTime the exchange's time of the answer, when it gives one
 */
public record OrderAccepted(String clientOrderId, String exchangeOrderId, OrderStatus status, Instant exchangeTime) {
}
