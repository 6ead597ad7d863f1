package io.exchangebus.streams.books;

import io.exchangebus.events.PriceLevel;
import io.exchangebus.events.VenueQuote;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The quotes the book builder sends the consolidator, keyed by instrumentId through the repartition topic
 * {@code books-quotes-by-instrument}: a venue's best bid and ask whenever either (price or quantity) changes, or a
 * "venue gone" marker when its book becomes stale.
 *
 * <p>The marker is a {@link VenueQuote} with all four price and quantity fields null, carrying the header
 * {@value #VENUE_GONE_HEADER}. The header, not the nulls, is what says "gone": a current book with both sides empty
 * also has four nulls and stays a venue. A header keeps the repartition topic's values plain {@code VenueQuote}s,
 * readable with the registry like every other topic, without a field the schema does not have. Stateless.
 */
final class VenueQuotes {
    /** Header of a "venue gone" marker; its value is not read. */
    static final String VENUE_GONE_HEADER = "exbus.books.venue-gone";

    private static final byte[] PRESENT = {1};

    private VenueQuotes() {
    }

    /** The best bid and ask of a book that is not stale. */
    static VenueQuote quote(FullDepthBook book) {
        PriceLevel bid = book.bestBid();
        PriceLevel ask = book.bestAsk();
        return new VenueQuote(book.exchange(), book.symbol(), bid == null ? null : bid.getPrice(),
                bid == null ? null : bid.getQuantity(), ask == null ? null : ask.getPrice(),
                ask == null ? null : ask.getQuantity(), book.sequence(), book.exchangeTime(), book.receiveTime());
    }

    /** The marker of a book gone stale; its times are those of the update that revealed the gap. */
    static VenueQuote gone(FullDepthBook book) {
        return new VenueQuote(book.exchange(), book.symbol(), null, null, null, null, book.sequence(),
                book.exchangeTime(), book.receiveTime());
    }

    /** Headers of a quote record: empty, or with the marker's header. */
    static Headers headers(boolean gone) {
        RecordHeaders headers = new RecordHeaders();
        if (gone) {
            headers.add(VENUE_GONE_HEADER, PRESENT);
        }
        return headers;
    }

    static boolean isGone(Headers headers) {
        return headers.lastHeader(VENUE_GONE_HEADER) != null;
    }
}
