package io.exchangebus.sim.deribit;

import java.math.BigDecimal;
import java.util.Set;

/** The params of {@code private/buy} and {@code private/sell}, checked for shape (not against the book or funds). */
record OrderParams(BigDecimal amount, String type, BigDecimal price, BigDecimal triggerPrice, String trigger,
                   String timeInForce, boolean postOnly, boolean rejectPostOnly, boolean reduceOnly, String label) {

    private static final Set<String> TYPES = Set.of("limit", "market", "stop_limit", "stop_market");
    private static final Set<String> TIFS = Set.of("good_til_cancelled", "good_til_day", "fill_or_kill",
            "immediate_or_cancel");
    private static final Set<String> TRIGGERS = Set.of("index_price", "mark_price", "last_price");

    static OrderParams parse(DeribitCall call, DeribitInstrument i) {
        String type = call.text("type") == null ? "limit" : call.text("type");
        if (!TYPES.contains(type)) {
            throw new DeribitCall.BadParam("type", "unsupported order type " + type);
        }
        String tif = call.text("time_in_force") == null ? "good_til_cancelled" : call.text("time_in_force");
        if (!TIFS.contains(tif)) {
            throw new DeribitCall.BadParam("time_in_force", "unknown value " + tif);
        }
        boolean postOnly = call.bool("post_only", false);
        if (postOnly && (!tif.equals("good_til_cancelled") || type.endsWith("market"))) {
            throw new DeribitCall.BadParam("post_only", "only with a good_til_cancelled limit order");
        }
        BigDecimal price = type.endsWith("market") ? null : call.decimal("price");
        if (price == null && !type.endsWith("market")) {
            throw new DeribitCall.BadParam("price", "must be present");
        }
        BigDecimal triggerPrice = null;
        String trigger = null;
        if (type.startsWith("stop_")) {
            triggerPrice = call.decimal("trigger_price");
            trigger = call.text("trigger");
            if (triggerPrice == null || trigger == null || !TRIGGERS.contains(trigger)) {
                throw new DeribitCall.BadParam(triggerPrice == null ? "trigger_price" : "trigger",
                        "stop orders need trigger_price and trigger (index_price, mark_price, last_price)");
            }
        }
        return new OrderParams(amount(call, i), type, price, triggerPrice, trigger, tif, postOnly,
                call.bool("reject_post_only", false), call.bool("reduce_only", false),
                call.text("label") == null ? "" : call.text("label"));
    }

    /** {@code amount}, or {@code contracts × contract_size}; when both are sent they must agree. */
    static BigDecimal amount(DeribitCall call, DeribitInstrument i) {
        BigDecimal amount = call.decimal("amount");
        BigDecimal contracts = call.decimal("contracts");
        BigDecimal size = i.isOption() ? BigDecimal.ONE : i.engine().contractSize();
        BigDecimal fromContracts = contracts == null ? null : contracts.multiply(size);
        if (amount != null && fromContracts != null && amount.compareTo(fromContracts) != 0) {
            throw new DeribitCall.BadParam("contracts", "amount and contracts do not agree");
        }
        BigDecimal result = amount != null ? amount : fromContracts;
        if (result == null) {
            throw new DeribitCall.BadParam("amount", "amount or contracts must be present");
        }
        return result;
    }
}
