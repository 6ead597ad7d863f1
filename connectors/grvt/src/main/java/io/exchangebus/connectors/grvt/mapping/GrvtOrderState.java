package io.exchangebus.connectors.grvt.mapping;

import io.exchangebus.events.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order's state as {@code v1.state} reports it: ids and state only, no instrument, side or size, so the OMS
 * joins it with the order it knows to make an {@code OrderUpdate}. Single-leg: the first leg's figures.
 *
 * @param exchangeOrderId GRVT's {@code order_id}
 * @param clientOrderId the {@code client_order_id}, or null
 * @param status our status (see {@link OrderMapping})
 * @param reason the reject or cancel reason when GRVT gives one other than {@code UNSPECIFIED}, else null
 * @param bookSize the size still on the book
 * @param filledQuantity the traded size
 * @param averagePrice the average fill price, null while nothing is filled
 * @param updateTime GRVT's {@code update_time}
 */
public record GrvtOrderState(String exchangeOrderId, String clientOrderId, OrderStatus status, String reason,
                             BigDecimal bookSize, BigDecimal filledQuantity, BigDecimal averagePrice,
                             Instant updateTime) {
}
