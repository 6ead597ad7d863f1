package io.exchangebus.connectors.deribit.mapping;

import static io.exchangebus.connectors.deribit.mapping.DeribitFields.decimal;
import static io.exchangebus.connectors.deribit.mapping.DeribitFields.decimalOrNull;
import static io.exchangebus.connectors.deribit.mapping.DeribitFields.integer;
import static io.exchangebus.connectors.deribit.mapping.DeribitFields.millis;
import static io.exchangebus.connectors.deribit.mapping.DeribitFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.avro.ExactDecimals;
import io.exchangebus.events.Fill;
import io.exchangebus.events.Liquidity;
import io.exchangebus.events.Side;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Deribit's own trades ({@code user.trades.{instrument|kind.currency}.{interval}} data, the {@code trades} of
 * {@code user.changes}, of a buy/sell/edit result, and {@code private/get_user_trades_by_*} results) as
 * {@link UserFill}s: the model's {@link Fill} (trade id, price, amount, fee, fee currency, maker/taker) with what
 * ties it to its order ({@code order_id}, {@code label}) and what the fill itself says (direction, {@code trade_seq},
 * index and mark price at the trade, the order's state after it).
 *
 * <p>A user trade carries no order quantity, so it is not an {@code OrderUpdate} by itself;
 * {@link OrderMapping#withFills} puts fills on the order they belong to. {@code amount} is in the instrument's
 * quantity unit (USD for inverse contracts, the coin for linear ones and options), as the order's. {@code fee} is
 * negative for a rebate, as Deribit sends it; {@code liquidity} {@code M}/{@code T} → MAKER/TAKER, anything else
 * refused. Pure functions; every refusal is an {@link UnmappableMessageException} naming the field.
 */
public final class UserTradeMapping {

    /** Trades in the order they happened: {@code trade_seq} is per instrument, so by time, then by sequence. */
    public static final Comparator<UserFill> CHRONOLOGICAL = Comparator
            .comparing((UserFill f) -> f.fill().getExchangeTime())
            .thenComparingLong(UserFill::tradeSequence);

    private UserTradeMapping() {
    }

    /**
     * One trade of ours.
     *
     * @param symbol Deribit's instrument name
     * @param instrumentId our id of it
     * @param exchangeOrderId Deribit's {@code order_id} of the order that traded
     * @param label the order's {@code label} (our client order id as sent), null when empty or absent
     * @param side the order's direction
     * @param tradeSequence Deribit's {@code trade_seq} (per instrument)
     * @param fill id, price, amount, fee (negative: rebate), fee currency, liquidity, time
     * @param indexPrice the index price at the trade, null when not given
     * @param markPrice the mark price at the trade, null when not given
     * @param orderState the order's state after the trade as Deribit says it ({@code open}, {@code filled},
     *     {@code archive} …), null when not given
     */
    public record UserFill(String symbol, String instrumentId, String exchangeOrderId, String label, Side side,
                           long tradeSequence, Fill fill, BigDecimal indexPrice, BigDecimal markPrice,
                           String orderState) {
        public UserFill {
            Objects.requireNonNull(symbol, "symbol");
            Objects.requireNonNull(instrumentId, "instrumentId");
            Objects.requireNonNull(exchangeOrderId, "exchangeOrderId");
            Objects.requireNonNull(side, "side");
            Objects.requireNonNull(fill, "fill");
        }
    }

    /** The trades of a {@code data} (or {@code result}) array; one that cannot be mapped refuses the whole array. */
    public static List<UserFill> fills(JsonNode trades) {
        if (trades == null || !trades.isArray()) {
            throw new UnmappableMessageException("user trades are not an array: "
                    + (trades == null ? "missing" : trades.getNodeType()));
        }
        List<UserFill> out = new ArrayList<>(trades.size());
        for (int i = 0; i < trades.size(); i++) {
            try {
                out.add(fill(trades.get(i)));
            } catch (UnmappableMessageException e) {
                throw new UnmappableMessageException("trades[" + i + "]: " + e.getMessage());
            }
        }
        return out;
    }

    /**
     * The trades of a {@code private/get_user_trades_by_*} result: {@code {"trades": [...], "has_more": bool}}
     * (an array is taken as the trades themselves).
     */
    public static List<UserFill> fromResult(JsonNode result) {
        if (result != null && result.isObject()) {
            return fills(result.get("trades"));
        }
        return fills(result);
    }

    /** One trade object. */
    public static UserFill fill(JsonNode t) {
        String symbol = text(t, "instrument_name");
        Fill fill = Fill.newBuilder()
                .setTradeId(text(t, "trade_id"))
                .setPrice(ExactDecimals.exact("price", decimal(t, "price")))
                .setQuantity(ExactDecimals.exact("amount", decimal(t, "amount")))
                .setFee(ExactDecimals.exact("fee", decimal(t, "fee")))
                .setFeeAsset(text(t, "fee_currency"))
                .setLiquidity(liquidity(text(t, "liquidity")))
                .setExchangeTime(millis(t, "timestamp"))
                .build();
        return new UserFill(symbol, DeribitSymbols.instrumentId(symbol).toString(), text(t, "order_id"),
                OrderMapping.label(t), MarketMapping.side(text(t, "direction")), integer(t, "trade_seq"), fill,
                decimalOrNull(t, "index_price"), decimalOrNull(t, "mark_price"),
                t.hasNonNull("state") ? text(t, "state") : null);
    }

    static Liquidity liquidity(String value) {
        return switch (value) {
            case "M" -> Liquidity.MAKER;
            case "T" -> Liquidity.TAKER;
            default -> throw new UnmappableMessageException("liquidity: unknown value '" + value + "'");
        };
    }
}
