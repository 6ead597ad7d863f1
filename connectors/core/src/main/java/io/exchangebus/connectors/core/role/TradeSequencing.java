package io.exchangebus.connectors.core.role;

import io.exchangebus.events.Trade;

/**
 * How a {@link Subscriber} numbers the trades of one instrument, declared by the connector
 * ({@link Subscriber#tradeSequencing()}) because only the connector knows what its exchange's numbers mean: whether
 * a skipped number is a trade that never reached us, and which number to page the trade history from
 * ({@link Subscriber#tradesAfter}). The same rule holds for the stream and for the history.
 */
public enum TradeSequencing {
    /**
     * {@link Trade#getTradeId()} is a whole number, one more for each trade of the instrument: a skipped id is a
     * missed trade (Binance: {@code t} of {@code @trade}, {@code a} of {@code @aggTrade}).
     */
    CONSECUTIVE_TRADE_ID {
        @Override
        public Long position(Trade trade) {
            try {
                return Long.parseLong(trade.getTradeId());
            } catch (NumberFormatException e) {
                return null;
            }
        }
    },
    /**
     * {@link Trade#getTradeSequence()} is one more for each trade of the instrument, while the trade id is unique
     * but not consecutive per instrument (Deribit: {@code trade_id} is shared by a currency's instruments, so it
     * skips on one instrument whenever another trades; {@code trade_seq} is the instrument's own counter).
     */
    CONSECUTIVE_TRADE_SEQUENCE {
        @Override
        public Long position(Trade trade) {
            return trade.getTradeSequence();
        }
    },
    /**
     * No number whose steps can be checked (GRVT: text trade ids): no gap is detected and nothing is backfilled;
     * a trade is a repeat only when its trade id was seen before.
     */
    NONE {
        @Override
        public Long position(Trade trade) {
            return null;
        }
    };

    /**
     * Where {@code trade} stands in its instrument's sequence under this rule: the number that rises by one per
     * trade; null when the rule has none, or the trade lacks it (such a trade is not checked).
     */
    public abstract Long position(Trade trade);
}
