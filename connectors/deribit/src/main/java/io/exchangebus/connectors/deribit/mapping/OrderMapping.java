package io.exchangebus.connectors.deribit.mapping;

import static io.exchangebus.connectors.deribit.mapping.DeribitFields.decimal;
import static io.exchangebus.connectors.deribit.mapping.DeribitFields.decimalOrNull;
import static io.exchangebus.connectors.deribit.mapping.DeribitFields.integerOrNull;
import static io.exchangebus.connectors.deribit.mapping.DeribitFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.avro.ExactDecimals;
import io.exchangebus.connectors.deribit.http.DeribitErrors;
import io.exchangebus.connectors.deribit.mapping.UserTradeMapping.UserFill;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.TimeInForce;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Deribit order objects as {@link OrderUpdate}s: the {@code data} of {@code user.orders.*.raw} (one object) and
 * {@code user.orders.*.100ms/agg2} (an array), the {@code order} of a buy/sell/edit result ({@code {order, trades}}),
 * a cancel result (the order itself), the {@code orders} of {@code user.changes}, and the items of
 * {@code get_open_orders*}, {@code get_order_history_by_*} and {@code get_order_state}.
 *
 * <pre>
 *   order_state   open → NEW (PARTIALLY_FILLED once filled_amount &gt; 0); untriggered → NEW (a stop waiting
 *                 for its trigger); triggered → as open; filled → FILLED; cancelled → CANCELED (cancel_reason is
 *                 the reason); rejected → REJECTED. Anything else is refused.
 *   order_type    limit → LIMIT, or LIMIT_MAKER when post_only; market → MARKET; stop_limit → STOP_LIMIT;
 *                 stop_market → STOP_MARKET; take_limit, take_market, market_limit, trailing_stop → UNKNOWN (the
 *                 model has no take-profit, market-limit or trailing type; the order is still reported, so that
 *                 its state and fills are not lost). Anything else is refused.
 *   time_in_force good_til_cancelled → GTC, good_til_day → GTD, immediate_or_cancel → IOC, fill_or_kill → FOK;
 *                 null on market kinds (Deribit reports good_til_cancelled on them, but takes none).
 *   price         the limit price; null on market kinds, where Deribit sends either its protection price or the
 *                 string "market_price" (untriggered stop/take market orders; NautilusTrader #3925) — read, not
 *                 refused. Any other string is refused.
 *   trigger_price → stopPrice; amount → quantity and filled_amount → filledQuantity, both in the instrument's
 *                 quantity unit (USD for inverse contracts); filled_amount may be absent on an untriggered order
 *                 (NautilusTrader #3995): zero then, refused otherwise. average_price → averagePrice, null before
 *                 the first fill. label → clientOrderId as sent (null when empty; the OMS reads a hashed label
 *                 back through its ClientOrderIdScheme). last_update_timestamp → exchangeTime.
 * </pre>
 * Pure functions; every refusal is an {@link UnmappableMessageException} naming the field.
 */
public final class OrderMapping {

    private OrderMapping() {
    }

    /** One order object, or each of an array of them ({@code user.orders} raw vs 100ms/agg2). */
    public static List<OrderUpdate> orders(JsonNode data, PrivateContext ctx, Instant received) {
        if (data == null || !(data.isArray() || data.isObject())) {
            throw new UnmappableMessageException("orders are neither an object nor an array");
        }
        if (data.isObject()) {
            return List.of(order(data, ctx, received));
        }
        List<OrderUpdate> out = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            try {
                out.add(order(data.get(i), ctx, received));
            } catch (UnmappableMessageException e) {
                throw new UnmappableMessageException("orders[" + i + "]: " + e.getMessage());
            }
        }
        return out;
    }

    /**
     * The {@code result} of {@code private/buy}, {@code sell} or {@code edit} ({@code {order, trades}}): one update
     * per trade the answer reports (see {@link #withFills}), or the order alone; a {@code private/cancel} result
     * (the order object itself) gives the order.
     */
    public static List<OrderUpdate> fromOrderResult(JsonNode result, PrivateContext ctx, Instant received) {
        if (result == null || !result.isObject()) {
            throw new UnmappableMessageException("result is not an object");
        }
        JsonNode order = result.get("order");
        if (order == null) {
            return List.of(order(result, ctx, received));
        }
        if (!order.isObject()) {
            throw new UnmappableMessageException("result.order is not an object");
        }
        JsonNode trades = result.get("trades");
        List<UserFill> fills = trades == null || trades.isNull() ? List.of() : UserTradeMapping.fills(trades);
        return withFills(order(order, ctx, received), fills);
    }

    /** One order object. */
    public static OrderUpdate order(JsonNode o, PrivateContext ctx, Instant received) {
        String symbol = text(o, "instrument_name");
        String state = text(o, "order_state");
        String deribitType = text(o, "order_type");
        boolean postOnly = o.path("post_only").asBoolean(false);
        OrderType type = type(deribitType, postOnly);
        boolean marketKind = isMarketKind(deribitType);
        BigDecimal quantity = decimal(o, "amount");
        BigDecimal filled = filled(o, state);
        BigDecimal average = decimalOrNull(o, "average_price");
        Long updated = integerOrNull(o, "last_update_timestamp");
        if (updated == null) {
            updated = integerOrNull(o, "creation_timestamp");
        }
        return OrderUpdate.newBuilder()
                .setExchange(DeribitErrors.EXCHANGE)
                .setAccount(ctx.account())
                .setSymbol(symbol)
                .setInstrumentId(DeribitSymbols.instrumentId(symbol).toString())
                .setClientOrderId(label(o))
                .setExchangeOrderId(text(o, "order_id"))
                .setSide(MarketMapping.side(text(o, "direction")))
                .setOrderType(type)
                .setTimeInForce(marketKind ? null : timeInForce(o))
                .setStatus(status(state, filled))
                .setPrice(marketKind ? null : limitPrice(o))
                .setStopPrice(exactOrNull("trigger_price", decimalOrNull(o, "trigger_price")))
                .setQuantity(ExactDecimals.exact("amount", quantity))
                .setFilledQuantity(ExactDecimals.exact("filled_amount", filled))
                .setAveragePrice(filled.signum() > 0 && average != null && average.signum() > 0
                        ? ExactDecimals.exact("average_price", average) : null)
                .setLastFill(null)
                .setReason(reason(o, state))
                .setExchangeTime(updated == null ? null : Instant.ofEpochMilli(updated))
                .setReceiveTime(Objects.requireNonNull(received, "received"))
                .setSource(ctx.source())
                .build();
    }

    /**
     * The order's updates with the fills that belong to it ({@code order_id} equal), one update per fill in the
     * order they happened, each with its {@code lastFill}: positions are built from fills, so none may be folded
     * away. The last update is {@code order} itself (Deribit's state after all of them); an earlier one has the
     * filled quantity of that moment (the final one less the fills after it), status PARTIALLY_FILLED (FILLED when
     * that is the whole amount), the fill's time, and no average price (Deribit gives only the final one). Fills of
     * other orders are ignored. With no fill of this order, the order alone.
     *
     * @throws UnmappableMessageException when the fills add up to more than the order's filled amount
     */
    public static List<OrderUpdate> withFills(OrderUpdate order, List<UserFill> fills) {
        List<UserFill> own = new ArrayList<>();
        for (UserFill f : fills) {
            if (f.exchangeOrderId().equals(order.getExchangeOrderId())) {
                own.add(f);
            }
        }
        if (own.isEmpty()) {
            return List.of(order);
        }
        own.sort(UserTradeMapping.CHRONOLOGICAL);
        List<OrderUpdate> out = new ArrayList<>(own.size());
        BigDecimal after = BigDecimal.ZERO;
        for (int i = own.size() - 1; i >= 0; i--) {
            UserFill f = own.get(i);
            if (i == own.size() - 1) {
                out.add(OrderUpdate.newBuilder(order).setLastFill(f.fill()).build());
            } else {
                BigDecimal filled = order.getFilledQuantity().subtract(after);
                if (filled.signum() <= 0) {
                    throw new UnmappableMessageException("trades of order " + order.getExchangeOrderId()
                            + " add up to more than its filled_amount " + order.getFilledQuantity().toPlainString());
                }
                out.add(0, OrderUpdate.newBuilder(order)
                        .setStatus(filled.compareTo(order.getQuantity()) >= 0 ? OrderStatus.FILLED
                                : OrderStatus.PARTIALLY_FILLED)
                        .setFilledQuantity(filled).setAveragePrice(null).setReason(null)
                        .setExchangeTime(f.fill().getExchangeTime()).setLastFill(f.fill()).build());
            }
            after = after.add(f.fill().getQuantity());
        }
        if (after.compareTo(order.getFilledQuantity()) > 0) {
            throw new UnmappableMessageException("trades of order " + order.getExchangeOrderId()
                    + " add up to " + after.stripTrailingZeros().toPlainString() + ", more than its filled_amount "
                    + order.getFilledQuantity().stripTrailingZeros().toPlainString());
        }
        return out;
    }

    /** Deribit's order state as ours. */
    public static OrderStatus status(String state, BigDecimal filled) {
        return switch (state) {
            case "open", "triggered" -> filled.signum() > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.NEW;
            case "untriggered" -> OrderStatus.NEW;
            case "filled" -> OrderStatus.FILLED;
            case "cancelled" -> OrderStatus.CANCELED;
            case "rejected" -> OrderStatus.REJECTED;
            default -> throw new UnmappableMessageException("order_state: unknown value '" + state + "'");
        };
    }

    /** Deribit's order type as ours; see the class comment for the kinds the model has no type for. */
    public static OrderType type(String deribitType, boolean postOnly) {
        return switch (deribitType) {
            case "limit" -> postOnly ? OrderType.LIMIT_MAKER : OrderType.LIMIT;
            case "market" -> OrderType.MARKET;
            case "stop_limit" -> OrderType.STOP_LIMIT;
            case "stop_market" -> OrderType.STOP_MARKET;
            case "take_limit", "take_market", "market_limit", "trailing_stop" -> OrderType.UNKNOWN;
            default -> throw new UnmappableMessageException("order_type: unknown value '" + deribitType + "'");
        };
    }

    /** The order's {@code label}, null when absent or empty. */
    static String label(JsonNode o) {
        JsonNode label = o.get("label");
        if (label == null || label.isNull()) {
            return null;
        }
        if (!label.isTextual()) {
            throw new UnmappableMessageException("label is not a string: " + label.getNodeType());
        }
        return label.textValue().isEmpty() ? null : label.textValue();
    }

    private static boolean isMarketKind(String deribitType) {
        return switch (deribitType) {
            case "market", "stop_market", "take_market" -> true;
            default -> false;
        };
    }

    private static TimeInForce timeInForce(JsonNode o) {
        JsonNode node = o.get("time_in_force");
        if (node == null || node.isNull()) {
            return null;
        }
        String tif = text(o, "time_in_force");
        return switch (tif) {
            case "good_til_cancelled" -> TimeInForce.GTC;
            case "good_til_day" -> TimeInForce.GTD;
            case "immediate_or_cancel" -> TimeInForce.IOC;
            case "fill_or_kill" -> TimeInForce.FOK;
            default -> throw new UnmappableMessageException("time_in_force: unknown value '" + tif + "'");
        };
    }

    /** A number, or the string {@code "market_price"} (null); any other string is refused. */
    private static BigDecimal limitPrice(JsonNode o) {
        JsonNode price = o.get("price");
        if (price == null || price.isNull()) {
            return null;
        }
        if (price.isTextual()) {
            if ("market_price".equals(price.textValue())) {
                return null;
            }
            throw new UnmappableMessageException("price: unknown text '" + price.textValue() + "'");
        }
        return ExactDecimals.exact("price", decimal("price", price));
    }

    private static BigDecimal filled(JsonNode o, String state) {
        JsonNode node = o.get("filled_amount");
        if ((node == null || node.isNull()) && "untriggered".equals(state)) {
            return BigDecimal.ZERO;
        }
        return decimal(o, "filled_amount");
    }

    private static String reason(JsonNode o, String state) {
        if (!"cancelled".equals(state) && !"rejected".equals(state)) {
            return null;
        }
        JsonNode reason = o.get("cancel_reason");
        return reason != null && reason.isTextual() ? reason.textValue() : null;
    }

    private static BigDecimal exactOrNull(String field, BigDecimal value) {
        return value == null ? null : ExactDecimals.exact(field, value);
    }
}
