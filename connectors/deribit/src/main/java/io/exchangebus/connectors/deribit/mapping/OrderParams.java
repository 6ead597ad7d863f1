package io.exchangebus.connectors.deribit.mapping;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.deribit.http.DeribitErrors;
import io.exchangebus.events.CancelAll;
import io.exchangebus.events.CancelOrder;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.TimeInForce;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Our order commands as Deribit JSON-RPC requests (shared/venues/deribit.md §8, §9), or the reason they cannot be
 * sent ({@code INVALID_ORDER} naming the rule): an order Deribit would take differently from what we mean is refused
 * here, never sent.
 *
 * <pre>
 *   ours                 method/params
 *   LIMIT                type limit, price, time_in_force (GTC default; IOC, FOK; GTD only as good_til_day)
 *   LIMIT_MAKER          type limit, price, post_only true, reject_post_only true (rejected with 11054 if it
 *                        would cross; never silently re-priced), time_in_force good_til_cancelled (Deribit takes
 *                        post_only only with it)
 *   IMMEDIATE_OR_CANCEL  type limit, price, time_in_force immediate_or_cancel
 *   FILL_OR_KILL         type limit, price, time_in_force fill_or_kill
 *   MARKET               type market; no price, no time_in_force (Deribit rejects it on market kinds)
 *   STOP_LIMIT           type stop_limit, price, trigger_price, trigger last_price, time_in_force as LIMIT
 *   STOP_MARKET          type stop_market, trigger_price, trigger last_price; no time_in_force
 * </pre>
 * {@code private/buy} or {@code private/sell} by side; {@code instrument_name} the order's symbol, which must be
 * the Deribit name of its instrument id; {@code amount} the quantity as it is, in the instrument's quantity unit (USD
 * for inverse contracts, the coin for linear ones and options: {@code InstrumentDefinition.quantityUnit}); {@code
 * reduce_only} when set; {@code label} our client order id through {@link DeribitLabels#SCHEME} (at most 64
 * characters). GTD: Deribit has no expiry time, only {@code good_til_day}, which ends at the next 08:00 UTC session
 * end; a GTD order is sent only when its goodTillTime is that very moment. Stop orders trigger on the last price
 * (Deribit requires a {@code trigger}; the model has no trigger kind; last price is Binance's default too).
 *
 * <p>Decimals are sent as plain numbers without trailing zeros ({@link #plain}). Stateless.
 */
public final class OrderParams {

    /** Deribit's trading session ends (and good_til_day orders expire) at 08:00 UTC. */
    public static final LocalTime SESSION_END_UTC = LocalTime.of(8, 0);
    private static final String TRIGGER = "last_price";

    private OrderParams() {
    }

    /** A JSON-RPC call: {@code method} ({@code private/buy} …) with its named {@code params}, in order. */
    public record DeribitRequest(String method, Map<String, Object> params) {
        public DeribitRequest {
            Objects.requireNonNull(method, "method");
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }
    }

    /**
     * The {@code private/buy} or {@code private/sell} request of a new order.
     *
     * @param now the current time, to tell whether a GTD order's goodTillTime is the current session's end
     */
    public static Result<DeribitRequest> place(PlaceOrder order, Instant now) {
        Objects.requireNonNull(now, "now");
        String instrument = order.getSymbol();
        try {
            if (!DeribitSymbols.instrumentId(instrument).toString().equals(order.getInstrumentId())) {
                return refuse("INSTRUMENT", "symbol " + instrument + " is not the Deribit name of "
                        + order.getInstrumentId());
            }
        } catch (UnmappableMessageException e) {
            return refuse("INSTRUMENT", e.getMessage());
        }
        if (order.getQuantity().signum() <= 0) {
            return refuse("QUANTITY", "quantity must be positive");
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("instrument_name", instrument);
        p.put("amount", plain(order.getQuantity()));
        OrderType type = order.getOrderType();
        Result<Void> typed = typeParams(p, order, now);
        if (!typed.isOk()) {
            return Result.err(typed.error());
        }
        if (type != OrderType.STOP_LIMIT && type != OrderType.STOP_MARKET && order.getStopPrice() != null) {
            return refuse("STOP_PRICE", "a " + type + " order takes no stopPrice");
        }
        if (order.getReduceOnly()) {
            p.put("reduce_only", true);
        }
        Result<String> label = DeribitLabels.SCHEME.toExchange(order.getClientOrderId());
        if (!label.isOk()) {
            return Result.err(label.error());
        }
        p.put("label", label.value());
        String method = switch (order.getSide()) {
            case BUY -> "private/buy";
            case SELL -> "private/sell";
        };
        return Result.ok(new DeribitRequest(method, p));
    }

    /**
     * {@code private/edit}: the same order ({@code order_id}, label and queue rules are Deribit's: the queue position
     * is kept only when the amount decreases at the same price). Deribit cannot change an order's label, so the
     * edited order keeps its client order id: a replace's {@code newClientOrderId} must be mapped by the OMS to the
     * same order with a new amount and/or price; a null keeps the
     * current value, since Deribit wants both. A post-only order is edited post-only with {@code reject_post_only}
     * (else Deribit re-prices it). Orders without a limit price (market and stop-market kinds, and the types the
     * model does not know) are refused.
     *
     * @param current the order as last reported
     */
    public static Result<DeribitRequest> edit(OrderUpdate current, BigDecimal quantity, BigDecimal price) {
        OrderType type = current.getOrderType();
        if (type != OrderType.LIMIT && type != OrderType.LIMIT_MAKER && type != OrderType.STOP_LIMIT
                && type != OrderType.IMMEDIATE_OR_CANCEL && type != OrderType.FILL_OR_KILL) {
            return refuse("REPLACE_ORDER", "a " + type + " order has no limit price to edit");
        }
        BigDecimal amount = quantity != null ? quantity : current.getQuantity();
        BigDecimal newPrice = price != null ? price : current.getPrice();
        if (amount.signum() <= 0 || newPrice == null || newPrice.signum() <= 0) {
            return refuse("REPLACE_ORDER", "the new amount and price must be positive");
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("order_id", current.getExchangeOrderId());
        p.put("amount", plain(amount));
        p.put("price", plain(newPrice));
        if (type == OrderType.LIMIT_MAKER) {
            p.put("post_only", true);
            p.put("reject_post_only", true);
        }
        return Result.ok(new DeribitRequest("private/edit", p));
    }

    /**
     * {@code private/cancel {order_id}} when the exchange's id is known; else {@code private/cancel_by_label} with the
     * label of our id and the currency of the instrument's settlement (which cancels every open order carrying that
     * label: labels are not unique on Deribit).
     */
    public static Result<DeribitRequest> cancel(CancelOrder cancel) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (cancel.getExchangeOrderId() != null) {
            p.put("order_id", cancel.getExchangeOrderId());
            return Result.ok(new DeribitRequest("private/cancel", p));
        }
        if (cancel.getClientOrderId() == null) {
            return refuse("ORDER_REFERENCE", "neither clientOrderId nor exchangeOrderId is given");
        }
        Result<String> label = DeribitLabels.SCHEME.toExchange(cancel.getClientOrderId());
        if (!label.isOk()) {
            return Result.err(label.error());
        }
        p.put("label", label.value());
        return Result.ok(new DeribitRequest("private/cancel_by_label", p));
    }

    /** {@code private/cancel_all_by_instrument} on one instrument, else {@code private/cancel_all}. */
    public static Result<DeribitRequest> cancelAll(CancelAll cancel) {
        if (cancel.getSymbol() == null) {
            return Result.ok(new DeribitRequest("private/cancel_all", Map.of()));
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("instrument_name", cancel.getSymbol());
        return Result.ok(new DeribitRequest("private/cancel_all_by_instrument", p));
    }

    /** A decimal as a plain number without trailing zeros (10, not 1E+1; 0.001, not 0.001000…). */
    public static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** The first session end (08:00 UTC) after {@code now}: when a good_til_day order placed now expires. */
    public static Instant sessionEnd(Instant now) {
        ZonedDateTime at = now.atZone(ZoneOffset.UTC).with(SESSION_END_UTC);
        return at.toInstant().isAfter(now) ? at.toInstant() : at.plusDays(1).toInstant();
    }

    /** The params of the order's type: type, price, trigger, time in force, post-only. */
    private static Result<Void> typeParams(Map<String, Object> p, PlaceOrder order, Instant now) {
        TimeInForce tif = order.getTimeInForce();
        OrderType type = order.getOrderType();
        return switch (type) {
            case LIMIT -> limit(p, "limit", order, tif == null ? TimeInForce.GTC : tif, now);
            case LIMIT_MAKER -> {
                if (tif != null && tif != TimeInForce.GTC) {
                    yield refusal("TIME_IN_FORCE", "Deribit takes post_only with good_til_cancelled only, not "
                            + tif);
                }
                Result<Void> r = limit(p, "limit", order, TimeInForce.GTC, now);
                p.put("post_only", true);
                p.put("reject_post_only", true);
                yield r;
            }
            case IMMEDIATE_OR_CANCEL -> tif == null || tif == TimeInForce.IOC
                    ? limit(p, "limit", order, TimeInForce.IOC, now) : tifRefusal(type, tif);
            case FILL_OR_KILL -> tif == null || tif == TimeInForce.FOK
                    ? limit(p, "limit", order, TimeInForce.FOK, now) : tifRefusal(type, tif);
            case MARKET -> market(p, "market", order, tif);
            case STOP_LIMIT -> {
                Result<Void> r = trigger(p, order);
                yield r.isOk() ? limit(p, "stop_limit", order, tif == null ? TimeInForce.GTC : tif, now) : r;
            }
            case STOP_MARKET -> {
                Result<Void> r = market(p, "stop_market", order, tif);
                yield r.isOk() ? trigger(p, order) : r;
            }
            case UNKNOWN -> refusal("ORDER_TYPE", "the order type was added after this version of the model");
        };
    }

    private static Result<Void> limit(Map<String, Object> p, String deribitType, PlaceOrder order, TimeInForce tif,
                                      Instant now) {
        if (order.getPrice() == null || order.getPrice().signum() <= 0) {
            return refusal("PRICE", "a " + order.getOrderType() + " order needs a positive price");
        }
        String deribitTif;
        switch (tif) {
            case GTC -> deribitTif = "good_til_cancelled";
            case IOC -> deribitTif = "immediate_or_cancel";
            case FOK -> deribitTif = "fill_or_kill";
            case GTD -> {
                if (order.getGoodTillTime() == null || !order.getGoodTillTime().equals(sessionEnd(now))) {
                    return refusal("GOOD_TILL_TIME", "Deribit's only expiry is good_til_day, the next session end "
                            + sessionEnd(now) + "; goodTillTime was " + order.getGoodTillTime());
                }
                deribitTif = "good_til_day";
            }
            default -> {
                return refusal("TIME_IN_FORCE", "time in force " + tif + " is not one this version knows");
            }
        }
        if (tif != TimeInForce.GTD && order.getGoodTillTime() != null) {
            return refusal("GOOD_TILL_TIME", "goodTillTime is given but the time in force is " + tif);
        }
        p.put("type", deribitType);
        p.put("price", plain(order.getPrice()));
        p.put("time_in_force", deribitTif);
        return Result.ok();
    }

    private static Result<Void> market(Map<String, Object> p, String deribitType, PlaceOrder order,
                                       TimeInForce tif) {
        if (tif != null) {
            return refusal("TIME_IN_FORCE", "a " + order.getOrderType() + " order takes no time in force on Deribit, "
                    + "was " + tif);
        }
        if (order.getPrice() != null) {
            return refusal("PRICE", "a " + order.getOrderType() + " order takes no price");
        }
        if (order.getGoodTillTime() != null) {
            return refusal("GOOD_TILL_TIME", "a " + order.getOrderType() + " order takes no goodTillTime");
        }
        p.put("type", deribitType);
        return Result.ok();
    }

    private static Result<Void> trigger(Map<String, Object> p, PlaceOrder order) {
        if (order.getStopPrice() == null || order.getStopPrice().signum() <= 0) {
            return refusal("STOP_PRICE", "a " + order.getOrderType() + " order needs a positive stopPrice");
        }
        p.put("trigger_price", plain(order.getStopPrice()));
        p.put("trigger", TRIGGER);
        return Result.ok();
    }

    private static Result<Void> tifRefusal(OrderType type, TimeInForce tif) {
        return refusal("TIME_IN_FORCE", "a " + type + " order cannot have time in force " + tif);
    }

    private static Result<Void> refusal(String rule, String message) {
        return Result.err(ExchangeError.invalidOrder(DeribitErrors.EXCHANGE, rule, message));
    }

    private static <T> Result<T> refuse(String rule, String message) {
        return Result.err(ExchangeError.invalidOrder(DeribitErrors.EXCHANGE, rule, message));
    }
}
