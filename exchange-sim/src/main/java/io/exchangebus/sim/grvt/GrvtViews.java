package io.exchangebus.sim.grvt;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.engine.Fill;
import io.exchangebus.sim.engine.OrderState;
import io.exchangebus.sim.engine.PriceLevel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

/**
 * Orders, fills, book levels and instruments in GRVT's full JSON, field for field as the documentation's examples
 * in {@code shared/fixtures/grvt/} (prices, sizes and ns times as strings). Pure functions.
 */
final class GrvtViews {

    private GrvtViews() {
    }

    /** The create acknowledgement: the order as sent, {@code order_id "0x00"}, status PENDING (grvt.md §8). */
    static ObjectNode ack(SignedOrder order, Instant now) {
        ObjectNode out = withCreateTime(order.sent(), now);
        out.put("order_id", "0x00");
        out.set("state", state("PENDING", "UNSPECIFIED", List.of(order.leg().size()), BigDecimal.ZERO,
                BigDecimal.ZERO, now));
        return reorder(out);
    }

    /** The order with its real id and state, as {@code v1.order}, {@code open_orders} and histories show it. */
    static ObjectNode order(OrderRecord r) {
        ObjectNode out = withCreateTime(r.order().sent(), r.createTime());
        out.put("order_id", r.orderId());
        out.set("state", state(r));
        return reorder(out);
    }

    /** The {@code v1.state} feed: {@code {order_id, client_order_id, order_state}}. */
    static ObjectNode stateFeed(OrderRecord r) {
        ObjectNode out = Json.object().put("order_id", r.orderId());
        out.put("client_order_id", String.valueOf(r.order().clientOrderId()));
        out.set("order_state", state(r));
        return out;
    }

    static ObjectNode state(OrderRecord r) {
        OrderState s = r.state();
        if (s == null) {
            return state("PENDING", r.rejectReason(), List.of(r.size()), BigDecimal.ZERO, BigDecimal.ZERO,
                    r.createTime());
        }
        BigDecimal avg = s.filledQuantity().signum() == 0 ? BigDecimal.ZERO
                : s.filledNotional().divide(s.filledQuantity(), 9, RoundingMode.HALF_EVEN);
        BigDecimal book = s.status().isOpen() ? s.remainingQuantity() : BigDecimal.ZERO;
        return state(status(s), r.rejectReason(), List.of(book), s.filledQuantity(), avg, s.updatedAt());
    }

    /** GRVT's order status of an engine state (grvt.md §8: PENDING, OPEN, FILLED, REJECTED, CANCELLED). */
    static String status(OrderState s) {
        return switch (s.status()) {
            case PENDING_TRIGGER -> "PENDING";
            case NEW, PARTIALLY_FILLED -> "OPEN";
            case FILLED -> "FILLED";
            case CANCELED -> "CANCELLED";
            case REJECTED -> "REJECTED";
        };
    }

    private static ObjectNode state(String status, String rejectReason, List<BigDecimal> bookSize,
                                    BigDecimal traded, BigDecimal avgPrice, Instant updated) {
        ObjectNode st = Json.object().put("status", status).put("reject_reason", rejectReason);
        ArrayNode book = st.putArray("book_size");
        bookSize.forEach(b -> book.add(Json.decimal(b)));
        st.putArray("traded_size").add(Json.decimal(traded));
        st.put("update_time", Json.nanos(updated));
        st.putArray("avg_fill_price").add(Json.decimal(avgPrice));
        return st;
    }

    /** One side of a fill as {@code v1.fill} and {@code fill_history} show it. */
    static ObjectNode fill(Fill f, OrderRecord r, boolean isTaker, BigDecimal mark, BigDecimal realizedPnl) {
        boolean isBuyer = r.order().leg().isBuyingAsset();
        BigDecimal fee = isTaker ? f.takerFee() : f.makerFee();
        ObjectNode out = Json.object().put("event_time", Json.nanos(f.time()))
                .put("sub_account_id", r.subAccountId().toString()).put("instrument", f.symbol())
                .put("is_buyer", isBuyer).put("is_taker", isTaker).put("size", Json.decimal(f.quantity()))
                .put("price", Json.decimal(f.price())).put("mark_price", Json.decimal(mark))
                .put("index_price", Json.decimal(mark)).put("interest_rate", 0.0)
                .put("forward_price", Json.decimal(mark)).put("realized_pnl", Json.decimal(realizedPnl))
                .put("fee", Json.decimal(fee));
        out.put("fee_rate", f.notional().signum() == 0 ? BigDecimal.ZERO
                : fee.divide(f.notional(), 9, RoundingMode.HALF_EVEN).stripTrailingZeros());
        return out.put("trade_id", f.tradeId() + "-1").put("order_id", r.orderId()).put("venue", "ORDERBOOK")
                .put("is_liquidation", false).put("client_order_id", String.valueOf(r.order().clientOrderId()))
                .put("signer", r.order().signature().signer()).put("broker", "UNSPECIFIED").put("is_rpi", false)
                .put("fee_currency", r.instrument().quote());
    }

    /** A public trade as {@code v1.trade} shows it. */
    static ObjectNode trade(Fill f, BigDecimal mark) {
        return Json.object().put("event_time", Json.nanos(f.time())).put("instrument", f.symbol())
                .put("is_taker_buyer", f.takerSide() == io.exchangebus.sim.engine.Side.BUY)
                .put("size", Json.decimal(f.quantity())).put("price", Json.decimal(f.price()))
                .put("mark_price", Json.decimal(mark)).put("index_price", Json.decimal(mark))
                .put("interest_rate", 0.0).put("forward_price", Json.decimal(mark))
                .put("trade_id", f.tradeId() + "-1").put("venue", "ORDERBOOK").put("is_rpi", false);
    }

    /**
     * Book levels {@code [{price, size, num_orders}]}. The engine's aggregated book does not count orders, so
     * {@code num_orders} is 1 on every level (a simulator simplification).
     */
    static ArrayNode levels(List<PriceLevel> levels) {
        ArrayNode out = Json.array();
        for (PriceLevel l : levels) {
            out.addObject().put("price", Json.decimal(l.price())).put("size", Json.decimal(l.quantity()))
                    .put("num_orders", l.quantity().signum() == 0 ? 0 : 1);
        }
        return out;
    }

    static ObjectNode instrument(GrvtInstrument i, Instant created) {
        ObjectNode out = Json.object().put("instrument", i.name()).put("instrument_hash", i.instrumentHash())
                .put("base", i.base()).put("quote", i.quote()).put("kind", "PERPETUAL");
        out.putArray("venues").add("ORDERBOOK");
        return out.put("settlement_period", "PERPETUAL").put("base_decimals", i.baseDecimals())
                .put("quote_decimals", i.quoteDecimals()).put("tick_size", i.tickSize().toPlainString())
                .put("min_size", i.minSize().toPlainString()).put("create_time", Json.nanos(created))
                .put("max_position_size", Json.decimal(i.maxPositionSize())).put("funding_interval_hours", 8)
                .put("adjusted_funding_rate_cap", 2.5).put("adjusted_funding_rate_floor", -2.5)
                .put("min_notional", Json.decimal(i.minNotional()));
    }

    private static ObjectNode withCreateTime(ObjectNode sent, Instant fallback) {
        ObjectNode out = sent.deepCopy();
        ObjectNode metadata = out.has("metadata") && out.get("metadata").isObject()
                ? (ObjectNode) out.get("metadata") : out.putObject("metadata");
        if (!metadata.hasNonNull("create_time")) {
            metadata.put("create_time", Json.nanos(fallback));
        }
        return out;
    }

    /** {@code order_id} first, then the order's fields, {@code state} after {@code metadata}, as documented. */
    private static ObjectNode reorder(ObjectNode in) {
        ObjectNode out = Json.object();
        out.set("order_id", in.get("order_id"));
        in.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("order_id") && !e.getKey().equals("state")) {
                out.set(e.getKey(), e.getValue());
            }
        });
        out.set("state", in.get("state"));
        return out;
    }
}
