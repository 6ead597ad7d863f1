package io.exchangebus.connectors.deribit;

import io.exchangebus.connectors.core.role.Capabilities;
import io.exchangebus.connectors.core.role.Capability;
import io.exchangebus.connectors.deribit.http.DeribitErrors;
import java.util.EnumSet;

/**
 * What the Deribit roles built so far can do. The Subscriber: the grouped top-N channel
 * ({@code book.*.none.{1,10,20}.100ms}), full depth by {@code change_id}/{@code prev_change_id}, trades. Not (yet)
 * {@link Capability#TRADE_HISTORY}: {@code public/get_last_trades_by_instrument} by {@code start_seq} would serve
 * it, but answers read through the JSON-RPC client lose exact numbers, and the HTTP client is another layer's.
 */
final class DeribitCapabilities {

    private DeribitCapabilities() {
    }

    static Capabilities subscriber() {
        return Capabilities.of(DeribitErrors.EXCHANGE,
                EnumSet.of(Capability.BOOK_TOP_N_CHANNEL, Capability.BOOK_FULL_DEPTH, Capability.TRADES));
    }
}
