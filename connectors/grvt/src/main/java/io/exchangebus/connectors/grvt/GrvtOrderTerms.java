package io.exchangebus.connectors.grvt;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.grvt.auth.GrvtTimeInForce;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.TimeInForce;

/**
 * How one of our orders is said to GRVT (grvt.md §8): market or not, GRVT's time in force, post-only.
 * <pre>
 *   LIMIT               GTC or none → GOOD_TILL_TIME; IOC → IMMEDIATE_OR_CANCEL; FOK → FILL_OR_KILL
 *   LIMIT_MAKER         GOOD_TILL_TIME + post_only (GTC or none; IOC/FOK with post_only is GRVT's 2032)
 *   IMMEDIATE_OR_CANCEL limit, IMMEDIATE_OR_CANCEL (time in force none or IOC)
 *   FILL_OR_KILL        limit, FILL_OR_KILL (time in force none or FOK)
 *   MARKET              is_market, IOC or none → IMMEDIATE_OR_CANCEL, FOK → FILL_OR_KILL (a market order never rests)
 * </pre>
 * Anything else is refused before sending (INVALID_ORDER, code TIME_IN_FORCE or ORDER_TYPE).
 *
 * @param market {@code is_market}
 * @param timeInForce GRVT's time in force
 * @param postOnly {@code post_only}
 */
record GrvtOrderTerms(boolean market, GrvtTimeInForce timeInForce, boolean postOnly) {

    static Result<GrvtOrderTerms> of(PlaceOrder order) {
        TimeInForce tif = order.getTimeInForce();
        return switch (order.getOrderType()) {
            case LIMIT -> tif == null || tif == TimeInForce.GTC ? ok(false, GrvtTimeInForce.GOOD_TILL_TIME, false)
                    : tif == TimeInForce.IOC ? ok(false, GrvtTimeInForce.IMMEDIATE_OR_CANCEL, false)
                    : tif == TimeInForce.FOK ? ok(false, GrvtTimeInForce.FILL_OR_KILL, false) : refuse(order);
            case LIMIT_MAKER -> tif == null || tif == TimeInForce.GTC
                    ? ok(false, GrvtTimeInForce.GOOD_TILL_TIME, true) : refuse(order);
            case IMMEDIATE_OR_CANCEL -> tif == null || tif == TimeInForce.IOC
                    ? ok(false, GrvtTimeInForce.IMMEDIATE_OR_CANCEL, false) : refuse(order);
            case FILL_OR_KILL -> tif == null || tif == TimeInForce.FOK
                    ? ok(false, GrvtTimeInForce.FILL_OR_KILL, false) : refuse(order);
            case MARKET -> tif == null || tif == TimeInForce.IOC ? ok(true, GrvtTimeInForce.IMMEDIATE_OR_CANCEL, false)
                    : tif == TimeInForce.FOK ? ok(true, GrvtTimeInForce.FILL_OR_KILL, false) : refuse(order);
            default -> Result.err(ExchangeError.invalidOrder(GrvtVenue.EXCHANGE, "ORDER_TYPE",
                    order.getOrderType() + " orders are not sent to GRVT"));
        };
    }

    private static Result<GrvtOrderTerms> ok(boolean market, GrvtTimeInForce tif, boolean postOnly) {
        return Result.ok(new GrvtOrderTerms(market, tif, postOnly));
    }

    private static Result<GrvtOrderTerms> refuse(PlaceOrder order) {
        return Result.err(ExchangeError.invalidOrder(GrvtVenue.EXCHANGE, "TIME_IN_FORCE", "a "
                + order.getOrderType() + " order cannot be " + order.getTimeInForce() + " on GRVT"));
    }
}
