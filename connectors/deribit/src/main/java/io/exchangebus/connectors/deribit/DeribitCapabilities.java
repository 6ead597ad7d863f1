package io.exchangebus.connectors.deribit;

import io.exchangebus.connectors.core.role.Capabilities;
import io.exchangebus.connectors.core.role.Capability;
import io.exchangebus.connectors.deribit.http.DeribitErrors;
import java.util.EnumSet;

/**
 * What the Deribit roles can do. Subscriber: the grouped top-N channel ({@code book.*.none.{1,10,20}.100ms}),
 * full depth by {@code change_id}/{@code prev_change_id}, trades, and their history by {@code trade_seq}
 * ({@code public/get_last_trades_by_instrument} over HTTP).
 */
final class DeribitCapabilities {

    private DeribitCapabilities() {
    }

    /**
     * The OMS: every order type of the model (post-only with {@code reject_post_only}), GTD as {@code good_til_day},
     * reduce-only, replace by {@code private/edit}, cancel-all ({@code cancel_all}, {@code cancel_all_by_instrument}).
     */
    static Capabilities oms() {
        return Capabilities.of(DeribitErrors.EXCHANGE,
                EnumSet.of(Capability.ORDER_LIMIT, Capability.ORDER_MARKET, Capability.ORDER_LIMIT_MAKER,
                        Capability.ORDER_IMMEDIATE_OR_CANCEL, Capability.ORDER_FILL_OR_KILL,
                        Capability.ORDER_STOP_LIMIT, Capability.ORDER_STOP_MARKET, Capability.TIME_IN_FORCE_GTD,
                        Capability.REDUCE_ONLY, Capability.REPLACE_ORDER, Capability.CANCEL_ALL));
    }

    static Capabilities subscriber() {
        return Capabilities.of(DeribitErrors.EXCHANGE,
                EnumSet.of(Capability.BOOK_TOP_N_CHANNEL, Capability.BOOK_FULL_DEPTH, Capability.TRADES,
                        Capability.TRADE_HISTORY));
    }

    /** What the Deribit PMS can do: positions (futures, perpetuals, options) besides the account. */
    static Capabilities pms() {
        return Capabilities.of(DeribitErrors.EXCHANGE, EnumSet.of(Capability.POSITIONS));
    }
}
