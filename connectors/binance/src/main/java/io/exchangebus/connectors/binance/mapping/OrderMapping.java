package io.exchangebus.connectors.binance.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.core.role.Capability;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.number.ValueRange;
import io.exchangebus.events.CancelOrder;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.Side;
import io.exchangebus.events.TimeInForce;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Our order commands as Binance parameters, and Binance's order objects as {@link OrderUpdate}s, for both families.
 *
 * <p>Order types (spot: rest-api.md "New order"; USD-M: "New Order (TRADE)"):
 * <pre>
 *   ours                 spot                                 USD-M
 *   LIMIT                LIMIT + timeInForce (GTC default)    LIMIT + timeInForce (GTC default, GTD + goodTillDate)
 *   MARKET               MARKET                               MARKET
 *   LIMIT_MAKER          LIMIT_MAKER                          LIMIT + GTX (post-only)
 *   IMMEDIATE_OR_CANCEL  LIMIT + IOC                          LIMIT + IOC
 *   FILL_OR_KILL         LIMIT + FOK                          LIMIT + FOK
 *   STOP_LIMIT           STOP_LOSS_LIMIT + stopPrice          STOP + stopPrice
 *   STOP_MARKET          STOP_LOSS + stopPrice                STOP_MARKET + stopPrice
 * </pre>
 * Back from Binance, {@code LIMIT} is our LIMIT with its time in force (IOC/FOK stay visible there), spot
 * {@code LIMIT_MAKER} and USD-M {@code LIMIT}+{@code GTX} are our LIMIT_MAKER (time in force null), stop types map
 * back as above. Any other type or status (TAKE_PROFIT, TRAILING_STOP_MARKET, …) is an
 * {@link UnmappableMessageException}, never a default.
 *
 * <p>Decimals are sent as {@code stripTrailingZeros().toPlainString()}: the event model holds them at scale 18, and
 * Binance refuses more decimals than the asset's precision ({@code -1111}) even when they are zeros.
 */
public final class OrderMapping {

    private OrderMapping() {
    }

    /** A decimal as Binance wants it: plain, without trailing zeros. */
    public static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    /**
     * The parameters of a new order ({@code order.place} / {@code POST order}), without timestamp or signature.
     * Asks for {@code newOrderRespType=RESULT}, so the answer carries the order's status.
     *
     * @throws IllegalArgumentException naming the rule when the order cannot be expressed on this family (e.g. a
     *     time in force that contradicts its type); the OMS refuses such an order as INVALID_ORDER
     */
    public static Map<String, Object> placeParams(BinanceVenue venue, PlaceOrder order) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("symbol", order.getSymbol());
        p.put("side", order.getSide().name());
        TimeInForce tif = order.getTimeInForce();
        BinanceVenue.OrderTypes types = venue.orderTypes();
        switch (order.getOrderType()) {
            case LIMIT -> {
                p.put("type", "LIMIT");
                p.put("timeInForce", tif(venue, tif == null ? TimeInForce.GTC : tif));
            }
            case MARKET -> {
                requireNoTif(order, tif);
                p.put("type", "MARKET");
            }
            case LIMIT_MAKER -> {
                requireTif(order, tif, null);
                p.put("type", types.limitMaker());
                if (types.limitMakerTimeInForce() != null) {
                    p.put("timeInForce", types.limitMakerTimeInForce());
                }
            }
            case IMMEDIATE_OR_CANCEL -> {
                requireTif(order, tif, TimeInForce.IOC);
                p.put("type", "LIMIT");
                p.put("timeInForce", "IOC");
            }
            case FILL_OR_KILL -> {
                requireTif(order, tif, TimeInForce.FOK);
                p.put("type", "LIMIT");
                p.put("timeInForce", "FOK");
            }
            case STOP_LIMIT -> {
                p.put("type", types.stopLimit());
                p.put("timeInForce", tif(venue, tif == null ? TimeInForce.GTC : tif));
            }
            case STOP_MARKET -> {
                requireNoTif(order, tif);
                p.put("type", types.stopMarket());
            }
        }
        p.put("quantity", plain(order.getQuantity()));
        if (order.getPrice() != null) {
            p.put("price", plain(order.getPrice()));
        }
        if (order.getStopPrice() != null) {
            p.put("stopPrice", plain(order.getStopPrice()));
        }
        if (TimeInForce.GTD.name().equals(p.get("timeInForce"))) {
            if (order.getGoodTillTime() == null) {
                throw new IllegalArgumentException("GOOD_TILL_TIME: a GTD order needs goodTillTime");
            }
            p.put("goodTillDate", order.getGoodTillTime().toEpochMilli());
        }
        if (order.getReduceOnly()) {
            if (!venue.orderCapabilities().contains(Capability.REDUCE_ONLY)) {
                throw new IllegalArgumentException("REDUCE_ONLY: spot orders cannot be reduce-only");
            }
            p.put("reduceOnly", "true");
        }
        p.put("newClientOrderId", order.getClientOrderId());
        p.put("newOrderRespType", "RESULT");
        return p;
    }

    private static String tif(BinanceVenue venue, TimeInForce tif) {
        if (tif == TimeInForce.GTD && !venue.orderCapabilities().contains(Capability.TIME_IN_FORCE_GTD)) {
            throw new IllegalArgumentException("TIME_IN_FORCE: spot has no GTD time in force");
        }
        return tif.name();
    }

    private static void requireNoTif(PlaceOrder order, TimeInForce tif) {
        if (tif != null) {
            throw new IllegalArgumentException("TIME_IN_FORCE: a " + order.getOrderType()
                    + " order takes no time in force on Binance, was " + tif);
        }
    }

    private static void requireTif(PlaceOrder order, TimeInForce tif, TimeInForce allowed) {
        if (tif != null && tif != allowed) {
            throw new IllegalArgumentException("TIME_IN_FORCE: a " + order.getOrderType()
                    + " order cannot have time in force " + tif);
        }
    }

    /** The parameters naming one order ({@code order.cancel}, {@code order.status}): by exchange id, else ours. */
    public static Map<String, Object> orderRef(String symbol, String clientOrderId, String exchangeOrderId) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("symbol", symbol);
        if (exchangeOrderId != null) {
            p.put("orderId", parseOrderId(exchangeOrderId));
        } else if (clientOrderId != null) {
            p.put("origClientOrderId", clientOrderId);
        } else {
            throw new IllegalArgumentException("ORDER_REFERENCE: neither clientOrderId nor exchangeOrderId is given");
        }
        return p;
    }

    public static Map<String, Object> cancelParams(CancelOrder cancel) {
        return orderRef(cancel.getSymbol(), cancel.getClientOrderId(), cancel.getExchangeOrderId());
    }

    private static long parseOrderId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ORDER_REFERENCE: Binance order ids are integers, not '" + id + "'");
        }
    }

    /**
     * Spot {@code order.cancelReplace} with {@code cancelReplaceMode=STOP_ON_FAILURE}: cancels {@code current}
     * (named by its client order id) and places the same order with the new price and quantity.
     *
     * @param current the order as the exchange has it now ({@code order.status})
     * @param price the new price, or null to keep the current one
     * @param quantity the new quantity, or null for the current order's unfilled quantity (the new order must not
     *     buy again what the old one already bought)
     */
    public static Map<String, Object> cancelReplaceParams(OrderUpdate current, String newClientOrderId,
                                                          BigDecimal price, BigDecimal quantity) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("symbol", current.getSymbol());
        p.put("cancelReplaceMode", "STOP_ON_FAILURE");
        p.put("cancelOrigClientOrderId", current.getClientOrderId());
        p.put("side", current.getSide().name());
        switch (current.getOrderType()) {
            case LIMIT, IMMEDIATE_OR_CANCEL, FILL_OR_KILL -> {
                p.put("type", "LIMIT");
                p.put("timeInForce", current.getTimeInForce() == null ? "GTC" : current.getTimeInForce().name());
            }
            case LIMIT_MAKER -> p.put("type", "LIMIT_MAKER");
            case STOP_LIMIT -> {
                p.put("type", "STOP_LOSS_LIMIT");
                p.put("timeInForce", current.getTimeInForce() == null ? "GTC" : current.getTimeInForce().name());
                p.put("stopPrice", plain(current.getStopPrice()));
            }
            default -> throw new IllegalArgumentException("REPLACE_ORDER: a " + current.getOrderType()
                    + " order has no price to replace");
        }
        p.put("quantity", plain(quantity != null ? quantity
                : current.getQuantity().subtract(current.getFilledQuantity())));
        p.put("price", plain(price != null ? price : current.getPrice()));
        p.put("newClientOrderId", newClientOrderId);
        p.put("newOrderRespType", "RESULT");
        return p;
    }

    /**
     * USD-M {@code order.modify}: the same order (same order id and client order id; Binance keeps its queue
     * position only if the price is unchanged) with a new price and/or quantity; both are required by Binance, so a
     * null keeps the current value.
     */
    public static Map<String, Object> modifyParams(OrderUpdate current, BigDecimal price, BigDecimal quantity) {
        if (current.getOrderType() != OrderType.LIMIT && current.getOrderType() != OrderType.LIMIT_MAKER) {
            throw new IllegalArgumentException("REPLACE_ORDER: USD-M modifies LIMIT orders only, not "
                    + current.getOrderType());
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("symbol", current.getSymbol());
        p.put("orderId", parseOrderId(current.getExchangeOrderId()));
        p.put("side", current.getSide().name());
        p.put("quantity", plain(quantity != null ? quantity : current.getQuantity()));
        p.put("price", plain(price != null ? price : current.getPrice()));
        return p;
    }

    /**
     * One Binance order object (WebSocket API {@code order.*} results, REST order objects, openOrders/allOrders
     * items; spot and USD-M) as an update. The client order id is {@code origClientOrderId} when present (a spot
     * cancel answer's {@code clientOrderId} is the cancel request's own id).
     */
    public static OrderUpdate toUpdate(MappingContext ctx, JsonNode o, Instant received) {
        String symbol = BinanceFields.text(o, "symbol");
        String instrumentId = ctx.instrumentId(symbol);
        String binanceType = BinanceFields.text(o, "type");
        TimeInForce tif = null;
        String binanceTif = o.hasNonNull("timeInForce") ? o.get("timeInForce").asText() : null;
        OrderType type;
        switch (binanceType) {
            case "LIMIT" -> {
                if ("GTX".equals(binanceTif)) {
                    type = OrderType.LIMIT_MAKER;
                } else {
                    type = OrderType.LIMIT;
                    tif = timeInForce(binanceTif);
                }
            }
            case "LIMIT_MAKER" -> type = OrderType.LIMIT_MAKER;
            case "MARKET" -> type = OrderType.MARKET;
            case "STOP_LOSS_LIMIT", "STOP" -> {
                type = OrderType.STOP_LIMIT;
                tif = timeInForce(binanceTif);
            }
            case "STOP_LOSS", "STOP_MARKET" -> type = OrderType.STOP_MARKET;
            default -> throw new UnmappableMessageException("order type '" + binanceType + "' of order "
                    + o.path("orderId").asText() + " has no equivalent in our model");
        }
        BigDecimal quantity = BinanceFields.decimal(o, "origQty", ValueRange.NON_NEGATIVE);
        BigDecimal filled = BinanceFields.decimal(o, "executedQty", ValueRange.NON_NEGATIVE);
        OrderStatus status = status(BinanceFields.text(o, "status"), filled);
        BigDecimal price = positiveOrNull(o, "price");
        BigDecimal stop = positiveOrNull(o, "stopPrice");
        String clientOrderId = o.hasNonNull("origClientOrderId") ? o.get("origClientOrderId").asText()
                : o.hasNonNull("clientOrderId") ? o.get("clientOrderId").asText() : null;
        Long time = firstTime(o, "updateTime", "transactTime", "workingTime", "time");
        return OrderUpdate.newBuilder()
                .setExchange(ctx.exchange())
                .setAccount(ctx.account())
                .setSymbol(symbol)
                .setInstrumentId(instrumentId)
                .setClientOrderId(clientOrderId)
                .setExchangeOrderId(Long.toString(BinanceFields.integer(o, "orderId")))
                .setSide(side(BinanceFields.text(o, "side")))
                .setOrderType(type)
                .setTimeInForce(tif)
                .setStatus(status)
                .setPrice(type == OrderType.MARKET || type == OrderType.STOP_MARKET ? null : price)
                .setStopPrice(stop)
                .setQuantity(quantity)
                .setFilledQuantity(filled)
                .setAveragePrice(averagePrice(o, filled))
                .setLastFill(null)
                .setReason(null)
                .setExchangeTime(time == null ? null : Instant.ofEpochMilli(time))
                .setReceiveTime(received)
                .setSource(ctx.source())
                .build();
    }

    /** Binance's order status as ours; EXPIRED_IN_MATCH (self-trade prevention) is EXPIRED. */
    public static OrderStatus status(String binance, BigDecimal filled) {
        return switch (binance) {
            case "NEW", "PENDING_NEW" -> OrderStatus.NEW;
            case "PARTIALLY_FILLED" -> OrderStatus.PARTIALLY_FILLED;
            case "FILLED" -> OrderStatus.FILLED;
            case "CANCELED" -> OrderStatus.CANCELED;
            // spot: "currently unused"; the order is still open while its cancel is pending
            case "PENDING_CANCEL" -> filled.signum() > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.NEW;
            case "REJECTED" -> OrderStatus.REJECTED;
            case "EXPIRED", "EXPIRED_IN_MATCH" -> OrderStatus.EXPIRED;
            default -> throw new UnmappableMessageException("order status '" + binance + "' is not a Binance status we know");
        };
    }

    public static Side side(String binance) {
        return switch (binance) {
            case "BUY" -> Side.BUY;
            case "SELL" -> Side.SELL;
            default -> throw new UnmappableMessageException("side '" + binance + "' is neither BUY nor SELL");
        };
    }

    static TimeInForce timeInForce(String binance) {
        if (binance == null) {
            return null;
        }
        return switch (binance) {
            case "GTC" -> TimeInForce.GTC;
            case "IOC" -> TimeInForce.IOC;
            case "FOK" -> TimeInForce.FOK;
            case "GTD" -> TimeInForce.GTD;
            default -> throw new UnmappableMessageException("time in force '" + binance + "' has no equivalent");
        };
    }

    /**
     * The average fill price: USD-M's {@code avgPrice} when the order has fills; otherwise the cumulative quote
     * quantity (spot {@code cummulativeQuoteQty}, USD-M {@code cumQuote}) over the filled quantity, exact when the
     * division terminates within 18 decimals, else rounded half-even at the 18th. Null before the first fill, and
     * when spot says the quote quantity is not available (a negative {@code cummulativeQuoteQty}, the one signed
     * field here; USD-M's {@code avgPrice} and {@code cumQuote} are zero or above). A computed average beyond
     * {@code decimal(38, 18)} refuses the order, naming it, rather than failing later at serialization.
     */
    public static BigDecimal averagePrice(JsonNode o, BigDecimal filled) {
        if (filled.signum() <= 0) {
            return null;
        }
        if (o.hasNonNull("avgPrice")) {
            BigDecimal avg = BinanceFields.decimal(o, "avgPrice", ValueRange.NON_NEGATIVE);
            if (avg.signum() > 0) {
                return avg;
            }
        }
        String field = o.hasNonNull("cummulativeQuoteQty") ? "cummulativeQuoteQty"
                : o.hasNonNull("cumQuote") ? "cumQuote" : null;
        if (field == null) {
            return null;
        }
        BigDecimal quote = BinanceFields.decimal(o, field,
                field.equals("cumQuote") ? ValueRange.NON_NEGATIVE : ValueRange.SIGNED);
        if (quote.signum() <= 0) {
            return null;
        }
        BigDecimal average;
        try {
            average = quote.divide(filled).stripTrailingZeros();
        } catch (ArithmeticException nonTerminating) {
            average = quote.divide(filled, 18, RoundingMode.HALF_EVEN).stripTrailingZeros();
        }
        return BinanceFields.computed("averagePrice (" + field + "/executedQty)", average);
    }

    /** A price where Binance sends 0 for "none" (market orders, no stop): zero or above, null when zero. */
    private static BigDecimal positiveOrNull(JsonNode o, String field) {
        BigDecimal value = BinanceFields.optionalDecimal(o, field, ValueRange.NON_NEGATIVE);
        return value != null && value.signum() > 0 ? value : null;
    }

    private static Long firstTime(JsonNode o, String... fields) {
        for (String f : fields) {
            if (o.path(f).canConvertToLong() && o.get(f).asLong() > 0) {
                return o.get(f).asLong();
            }
        }
        return null;
    }
}
