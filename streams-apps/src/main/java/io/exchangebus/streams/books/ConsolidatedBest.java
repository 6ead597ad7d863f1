package io.exchangebus.streams.books;

import io.exchangebus.events.ConsolidatedQuote;
import io.exchangebus.events.VenueQuote;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The consolidated best bid and ask of one instrument across its venues, by the rules of {@code ConsolidatedQuote}:
 * best bid the highest price, best ask the lowest; on a price tie the larger quantity, then the smaller exchange id
 * (so the outcome never depends on the order quotes arrived in). Decimals compare by value. Stateless.
 */
final class ConsolidatedBest {

    private ConsolidatedBest() {
    }

    /**
     * @param venues          one quote per current venue, ordered by exchange id; kept as the quote's list
     * @param updateTimeIfNone the update time when no venue is left (when the last one went stale)
     */
    static ConsolidatedQuote of(String instrumentId, List<VenueQuote> venues, Instant updateTimeIfNone) {
        VenueQuote bestBid = null;
        VenueQuote bestAsk = null;
        Instant updateTime = null;
        for (VenueQuote venue : venues) {
            if (hasBid(venue) && (bestBid == null || betterBid(venue, bestBid))) {
                bestBid = venue;
            }
            if (hasAsk(venue) && (bestAsk == null || betterAsk(venue, bestAsk))) {
                bestAsk = venue;
            }
            if (updateTime == null || venue.getReceiveTime().isAfter(updateTime)) {
                updateTime = venue.getReceiveTime();
            }
        }
        return new ConsolidatedQuote(instrumentId, venues,
                bestBid == null ? null : bestBid.getExchange(),
                bestBid == null ? null : bestBid.getBidPrice(),
                bestBid == null ? null : bestBid.getBidQuantity(),
                bestAsk == null ? null : bestAsk.getExchange(),
                bestAsk == null ? null : bestAsk.getAskPrice(),
                bestAsk == null ? null : bestAsk.getAskQuantity(),
                updateTime == null ? updateTimeIfNone : updateTime);
    }

    private static boolean hasBid(VenueQuote venue) {
        return venue.getBidPrice() != null && venue.getBidQuantity() != null;
    }

    private static boolean hasAsk(VenueQuote venue) {
        return venue.getAskPrice() != null && venue.getAskQuantity() != null;
    }

    /** Whether {@code a}'s bid beats {@code b}'s: higher price, then larger quantity, then smaller exchange id. */
    static boolean betterBid(VenueQuote a, VenueQuote b) {
        return better(a.getBidPrice().compareTo(b.getBidPrice()), a, b, a.getBidQuantity(), b.getBidQuantity());
    }

    /** Whether {@code a}'s ask beats {@code b}'s: lower price, then larger quantity, then smaller exchange id. */
    static boolean betterAsk(VenueQuote a, VenueQuote b) {
        return better(b.getAskPrice().compareTo(a.getAskPrice()), a, b, a.getAskQuantity(), b.getAskQuantity());
    }

    /** @param priceOrder positive when a's price is the better one, 0 on a tie */
    private static boolean better(int priceOrder, VenueQuote a, VenueQuote b, BigDecimal aQuantity,
                                  BigDecimal bQuantity) {
        if (priceOrder != 0) {
            return priceOrder > 0;
        }
        int quantityOrder = aQuantity.compareTo(bQuantity);
        if (quantityOrder != 0) {
            return quantityOrder > 0;
        }
        return a.getExchange().compareTo(b.getExchange()) < 0;
    }
}
