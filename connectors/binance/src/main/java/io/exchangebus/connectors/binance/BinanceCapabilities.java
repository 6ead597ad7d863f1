package io.exchangebus.connectors.binance;

import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.core.role.Capabilities;
import io.exchangebus.connectors.core.role.Capability;
import java.util.EnumSet;

/**
 * What the Binance order roles can do per family. Spot has no reduce-only and no GTD; USD-M has no LIMIT_MAKER type,
 * so our LIMIT_MAKER is sent as LIMIT with time in force GTX (post-only), and supports GTD ({@code goodTillDate})
 * and reduce-only. Both replace orders (spot cancel-replace, USD-M modify) and cancel all; order history is paged
 * over {@code allOrders} on both; positions exist on USD-M only.
 */
final class BinanceCapabilities {

    private BinanceCapabilities() {
    }

    static Capabilities oms(BinanceVenue venue) {
        EnumSet<Capability> set = EnumSet.of(Capability.ORDER_LIMIT, Capability.ORDER_MARKET,
                Capability.ORDER_LIMIT_MAKER, Capability.ORDER_IMMEDIATE_OR_CANCEL, Capability.ORDER_FILL_OR_KILL,
                Capability.ORDER_STOP_LIMIT, Capability.ORDER_STOP_MARKET, Capability.REPLACE_ORDER,
                Capability.CANCEL_ALL);
        set.addAll(venue.orderCapabilities());
        return Capabilities.of(venue.exchange(), set);
    }

    static Capabilities dataFetcher(BinanceVenue venue) {
        EnumSet<Capability> set = EnumSet.of(Capability.ORDER_HISTORY);
        set.addAll(venue.accountCapabilities());
        return Capabilities.of(venue.exchange(), set);
    }
}
