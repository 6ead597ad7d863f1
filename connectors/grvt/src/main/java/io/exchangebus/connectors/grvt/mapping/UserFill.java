package io.exchangebus.connectors.grvt.mapping;

import io.exchangebus.events.Fill;
import io.exchangebus.events.Side;

/**
 * One of our fills ({@code v1.fill}, {@code fill_history}): the model's {@link Fill} and what it belongs to.
 *
 * @param subAccountId GRVT's sub-account
 * @param symbol GRVT's instrument name
 * @param instrumentId our id
 * @param exchangeOrderId GRVT's {@code order_id}
 * @param clientOrderId the {@code client_order_id}, or null
 * @param side our side ({@code is_buyer})
 * @param fill price, size, fee ({@code fee}, positive paid, negative a rebate), fee currency, liquidity, time
 */
public record UserFill(String subAccountId, String symbol, String instrumentId, String exchangeOrderId,
                       String clientOrderId, Side side, Fill fill) {
}
