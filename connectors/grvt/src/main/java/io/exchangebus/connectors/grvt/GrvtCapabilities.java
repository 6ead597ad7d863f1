package io.exchangebus.connectors.grvt;

import io.exchangebus.connectors.core.role.Capabilities;
import io.exchangebus.connectors.core.role.Capability;
import java.util.EnumSet;

/**
 * What the GRVT roles can do. Subscriber: top N from {@code v1.book.s} (depth 10/50/100/500), full depth from
 * {@code v1.book.d} by {@code sequence_number}/{@code prev_sequence_number}, trades from {@code v1.trade}; no trade
 * history by sequence (GRVT's trade ids are text such as {@code 209358-2}). PMS: positions of perpetuals and futures.
 */
final class GrvtCapabilities {

    private GrvtCapabilities() {
    }

    static Capabilities subscriber() {
        return Capabilities.of(GrvtVenue.EXCHANGE,
                EnumSet.of(Capability.BOOK_TOP_N_CHANNEL, Capability.BOOK_FULL_DEPTH, Capability.TRADES));
    }

    static Capabilities pms() {
        return Capabilities.of(GrvtVenue.EXCHANGE, EnumSet.of(Capability.POSITIONS));
    }

    /** Order history and fills are paged by cursor ({@code order_history}, {@code fill_history}). */
    static Capabilities dataFetcher() {
        return Capabilities.of(GrvtVenue.EXCHANGE, EnumSet.of(Capability.POSITIONS, Capability.ORDER_HISTORY));
    }
}
