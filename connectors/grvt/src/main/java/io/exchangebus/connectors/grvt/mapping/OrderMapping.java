package io.exchangebus.connectors.grvt.mapping;

import static io.exchangebus.connectors.core.number.ValueRange.NON_NEGATIVE;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.grvt.GrvtVenue;
import io.exchangebus.connectors.grvt.auth.GrvtTimeInForce;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.Side;
import io.exchangebus.events.TimeInForce;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * GRVT orders ({@code v1.order} feeds, {@code order}/{@code open_orders}/{@code order_history} items; full or lite)
 * to {@link OrderUpdate}, and {@code v1.state} to {@link GrvtOrderState} (grvt.md §8):
 * <pre>
 *   status     PENDING → NEW; OPEN → NEW, or PARTIALLY_FILLED once traded_size &gt; 0; FILLED → FILLED;
 *              REJECTED → REJECTED with reject_reason; CANCELLED → CANCELED (reason kept unless UNSPECIFIED)
 *   type       is_market → MARKET; post_only → LIMIT_MAKER; else LIMIT
 *   tif        GOOD_TILL_TIME → GTC (it lives at most until the signature's expiration, grvt.md §12),
 *              IMMEDIATE_OR_CANCEL → IOC, FILL_OR_KILL → FOK, ALL_OR_NONE and RETAIL_PRICE_IMPROVEMENT → UNKNOWN
 *   side       legs[0].is_buying_asset
 *   subAccount sub_account_id, so that fills reach the sub-account's position as v1.position reports it
 * </pre>
 * Only single-leg orders are mapped; an unknown status or time in force is refused, never defaulted.
 */
public final class OrderMapping {

    private OrderMapping() {
    }

    /** An order object (the {@code feed} of {@code v1.order}, or a REST result item). */
    public static Result<OrderUpdate> order(JsonNode order, boolean lite, PrivateContext ctx, Instant receivedAt) {
        return GrvtMapped.of(() -> order(GrvtObject.of(order, lite, lite ? "f" : "feed"), ctx, receivedAt));
    }

    /** The {@code feed} of {@code v1.state}. */
    public static Result<GrvtOrderState> state(JsonNode feed, boolean lite) {
        return GrvtMapped.of(() -> {
            GrvtObject f = GrvtObject.of(feed, lite, lite ? "f" : "feed");
            return state(f.text("order_id", "oi"), f.textOrNull("client_order_id", "co"),
                    f.object("order_state", "os"));
        });
    }

    static OrderUpdate order(GrvtObject o, PrivateContext ctx, Instant receivedAt) {
        JsonNode legs = o.array("legs", "l");
        if (legs.size() != 1) {
            throw new GrvtMappingException(o.name("legs", "l") + ": " + legs.size()
                    + " legs; only single-leg orders are mapped");
        }
        GrvtObject leg = GrvtObject.of(legs.get(0), o.lite(), o.name("legs", "l") + "[0]");
        String symbol = leg.text("instrument", "i");
        boolean market = o.bool("is_market", "im");
        String tifName = o.text("time_in_force", "ti");
        GrvtTimeInForce tif = GrvtTimeInForce.ofName(tifName).orElseThrow(() ->
                new GrvtMappingException(o.name("time_in_force", "ti") + ": unknown value " + tifName));
        BigDecimal price = leg.decimalOrNull("limit_price", "lp", NON_NEGATIVE);
        String clientOrderId = o.has("metadata", "m")
                ? o.object("metadata", "m").textOrNull("client_order_id", "co") : null;
        GrvtOrderState state = state(o.text("order_id", "oi"), clientOrderId, o.object("state", "s1"));
        return OrderUpdate.newBuilder()
                .setExchange(GrvtVenue.EXCHANGE).setAccount(ctx.account())
                .setSubAccount(o.textOrNull("sub_account_id", "sa"))
                .setSymbol(symbol).setInstrumentId(GrvtSymbols.instrumentId(symbol).toString())
                .setClientOrderId(clientOrderId)
                .setExchangeOrderId(state.exchangeOrderId())
                .setSide(leg.bool("is_buying_asset", "ib") ? Side.BUY : Side.SELL)
                .setOrderType(market ? OrderType.MARKET : o.bool("post_only", "po") ? OrderType.LIMIT_MAKER
                        : OrderType.LIMIT)
                .setTimeInForce(timeInForce(tif))
                .setStatus(state.status())
                .setPrice(market || price == null || price.signum() == 0 ? null : price)
                .setStopPrice(null)
                .setQuantity(leg.decimal("size", "s", io.exchangebus.connectors.core.number.ValueRange.POSITIVE))
                .setFilledQuantity(state.filledQuantity())
                .setAveragePrice(state.averagePrice())
                .setLastFill(null)
                .setReason(state.reason())
                .setExchangeTime(state.updateTime())
                .setReceiveTime(receivedAt)
                .setSource(ctx.source())
                .build();
    }

    private static GrvtOrderState state(String orderId, String clientOrderId, GrvtObject s) {
        BigDecimal traded = first(s, "traded_size", "ts");
        BigDecimal average = first(s, "avg_fill_price", "af");
        String statusName = s.text("status", "s");
        String reason = s.textOrNull("reject_reason", "rr");
        OrderStatus status = switch (statusName) {
            case "PENDING" -> OrderStatus.NEW;
            case "OPEN" -> traded.signum() > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.NEW;
            case "FILLED" -> OrderStatus.FILLED;
            case "REJECTED" -> OrderStatus.REJECTED;
            case "CANCELLED" -> OrderStatus.CANCELED;
            default -> throw new GrvtMappingException(s.name("status", "s") + ": unknown value " + statusName);
        };
        boolean keepsReason = status == OrderStatus.REJECTED || status == OrderStatus.CANCELED;
        return new GrvtOrderState(orderId, clientOrderId, status,
                keepsReason && reason != null && !reason.equals("UNSPECIFIED") ? reason : null,
                first(s, "book_size", "bs"), traded, average.signum() == 0 ? null : average,
                s.nanos("update_time", "ut"));
    }

    /** The first leg's value of a per-leg array. */
    private static BigDecimal first(GrvtObject s, String full, String lite) {
        JsonNode values = s.array(full, lite);
        if (values.size() != 1) {
            throw new GrvtMappingException(s.name(full, lite) + ": " + values.size() + " values for one leg");
        }
        return GrvtObject.decimal(s.name(full, lite) + "[0]", values.get(0), NON_NEGATIVE);
    }

    private static TimeInForce timeInForce(GrvtTimeInForce tif) {
        return switch (tif) {
            case GOOD_TILL_TIME -> TimeInForce.GTC;
            case IMMEDIATE_OR_CANCEL -> TimeInForce.IOC;
            case FILL_OR_KILL -> TimeInForce.FOK;
            case ALL_OR_NONE, RETAIL_PRICE_IMPROVEMENT -> TimeInForce.UNKNOWN;
        };
    }
}
