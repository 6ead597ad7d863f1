package io.exchangebus.sim.deribit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.engine.Fill;
import io.exchangebus.sim.engine.Liquidity;
import io.exchangebus.sim.engine.OrderState;
import io.exchangebus.sim.engine.OrderStatus;
import io.exchangebus.sim.engine.Side;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Deribit's order and user-trade objects (fixtures: {@code ws_order_*}, {@code user.orders.*}, {@code user.trades.*}). */
final class OrderViews {

    private final DeribitMarket market;
    private final Map<String, Integer> userIds = new ConcurrentHashMap<>();
    private final AtomicInteger nextUserId = new AtomicInteger(96103);

    OrderViews(DeribitMarket market) {
        this.market = market;
    }

    /** Deribit's {@code order_id}: a number as text for BTC; other currencies prefix theirs ({@code USDC-}, {@code ETH-}). */
    static String orderId(DeribitInstrument i, long id) {
        return prefixed(i, id);
    }

    static String prefixed(DeribitInstrument i, long id) {
        return i.currency().equals("BTC") ? Long.toString(id) : i.currency() + "-" + id;
    }

    /** The engine id in an {@code order_id}, or -1 if it is not one of ours. */
    static long parseOrderId(String orderId) {
        String digits = orderId.substring(orderId.lastIndexOf('-') + 1);
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    int userId(String account) {
        return userIds.computeIfAbsent(account, a -> nextUserId.getAndIncrement());
    }

    static String state(OrderState o) {
        return switch (o.status()) {
            case PENDING_TRIGGER -> "untriggered";
            case NEW, PARTIALLY_FILLED -> "open";
            case FILLED -> "filled";
            case CANCELED -> "cancelled";
            case REJECTED -> "rejected";
        };
    }

    static BigDecimal averagePrice(OrderState o) {
        return o.filledQuantity().signum() == 0 ? BigDecimal.ZERO
                : o.filledNotional().divide(o.filledQuantity(), MathContext.DECIMAL64);
    }

    ObjectNode order(OrderState o, OrderTags t) {
        DeribitInstrument i = t.instrument;
        ObjectNode n = Json.object().put("label", t.label);
        price(n, o, t);
        n.put("user_id", userId(t.account));
        n.set("amount", Json.num(o.quantity()));
        n.put("direction", DeribitMarket.direction(o.side())).put("time_in_force", t.timeInForce)
                .put("instrument_name", i.name()).put("web", false).put("api", true)
                .put("order_id", orderId(i, o.orderId()))
                .put("creation_timestamp", o.createdAt().toEpochMilli()).put("replaced", t.replaced);
        n.set("filled_amount", Json.num(o.filledQuantity()));
        n.put("last_update_timestamp", o.updatedAt().toEpochMilli()).put("post_only", t.postOnly)
                .put("reduce_only", t.reduceOnly);
        n.set("average_price", Json.num(averagePrice(o)));
        n.put("mmp", false);
        n.set("contracts", Json.num(i.engine().contracts(o.quantity())));
        n.put("reject_post_only", t.rejectPostOnly).put("order_state", state(o)).put("order_type", t.orderType)
                .put("is_liquidation", false).put("risk_reducing", false);
        n.set("max_show", Json.num(o.quantity()));
        n.set("commission", Amounts.account(t.commission(), i.currency()));
        n.set("profit_loss", Json.num(BigDecimal.ZERO));
        if (o.status() == OrderStatus.CANCELED) {
            n.put("cancel_reason", t.cancelReason);
        }
        if (t.isStop()) {
            n.set("trigger_price", Json.num(t.triggerPrice));
            n.put("trigger", t.trigger).put("triggered", o.status() != OrderStatus.PENDING_TRIGGER);
        }
        return n;
    }

    /** A number, or {@code "market_price"} for market orders without fills and untriggered stop-market orders. */
    private static void price(ObjectNode n, OrderState o, OrderTags t) {
        if (o.price() != null) {
            n.set("price", Json.num(o.price()));
        } else if (o.filledQuantity().signum() > 0) {
            n.set("price", Json.num(averagePrice(o)));
        } else {
            n.put("price", "market_price");
        }
    }

    /** One side of a fill, as the account that owns {@code order} sees it. */
    ObjectNode userTrade(Fill f, OrderState order, OrderTags t, Liquidity liquidity) {
        DeribitInstrument i = t.instrument;
        boolean maker = liquidity == Liquidity.MAKER;
        ObjectNode n = Json.object().put("trade_seq", f.tradeSeq()).put("trade_id", prefixed(i, f.tradeId()))
                .put("timestamp", f.time().toEpochMilli()).put("tick_direction", market.tickDirection(f))
                .put("state", state(order)).put("self_trade", f.makerAccount().equals(f.takerAccount()))
                .put("reduce_only", t.reduceOnly);
        n.set("price", Json.num(f.price()));
        n.put("post_only", t.postOnly).put("order_type", t.orderType).put("order_id", orderId(i, order.orderId()));
        n.putNull("matching_id");
        n.set("mark_price", Json.num(market.mark(i)));
        n.put("liquidity", maker ? "M" : "T").put("instrument_name", i.name());
        n.set("index_price", Json.num(market.index(i)));
        String feeCurrency = maker ? f.makerFeeAsset() : f.takerFeeAsset();
        n.put("fee_currency", feeCurrency);
        n.set("fee", Amounts.account(maker ? f.makerFee() : f.takerFee(), feeCurrency));
        Side side = maker ? f.takerSide().opposite() : f.takerSide();
        n.put("direction", DeribitMarket.direction(side));
        n.set("amount", Json.num(f.quantity()));
        n.set("contracts", Json.num(i.engine().contracts(f.quantity())));
        n.put("label", t.label);
        n.set("profit_loss", Json.num(BigDecimal.ZERO));
        return n;
    }
}
