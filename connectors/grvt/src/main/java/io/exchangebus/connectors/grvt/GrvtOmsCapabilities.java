package io.exchangebus.connectors.grvt;

import io.exchangebus.connectors.core.role.Capabilities;
import io.exchangebus.connectors.core.role.Capability;
import java.util.EnumSet;

/**
 * What the GRVT OMS can do: limit (GOOD_TILL_TIME), market, post-only (GOOD_TILL_TIME with {@code post_only}), IOC
 * and FOK limit orders, reduce-only, cancel-all ({@code v1/cancel_all_orders}) and replace as cancel-replace
 * ({@code v2/bulk_orders}: the new order has a new order id, and the acknowledgement names it). Not: stop orders
 * (GRVT's triggers are not mapped) and GTD (the only expiry is the signature's, grvt.md §12). The other roles' are
 * in {@link GrvtCapabilities}.
 */
final class GrvtOmsCapabilities {

    private GrvtOmsCapabilities() {
    }

    static Capabilities oms() {
        return Capabilities.of(GrvtVenue.EXCHANGE, EnumSet.of(Capability.ORDER_LIMIT, Capability.ORDER_MARKET,
                Capability.ORDER_LIMIT_MAKER, Capability.ORDER_IMMEDIATE_OR_CANCEL, Capability.ORDER_FILL_OR_KILL,
                Capability.REDUCE_ONLY, Capability.REPLACE_ORDER, Capability.CANCEL_ALL));
    }
}
