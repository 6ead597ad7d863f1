package io.exchangebus.streams.books;

import io.exchangebus.events.ConsolidatedQuote;
import io.exchangebus.events.VenueQuote;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Processor {@code books-consolidator}: after the repartition by instrumentId, keeps one {@link ConsolidatedQuote}
 * per instrument in {@link BookTopology#QUOTE_STORE} and forwards it whenever a venue's quote changes or the venue
 * goes ({@link VenueQuotes}): the venue's entry is replaced, added in exchange-id order, or removed, and the best bid
 * and ask recomputed ({@link ConsolidatedBest}).
 *
 * <p>A venue is an exchange: two symbols of one exchange mapped to the same instrumentId would share an entry. When
 * the last venue goes, the quote stays with no venues and no best, and {@code updateTime} the marker's receive time:
 * readers see that nothing is current rather than losing the instrument. A marker for a venue not listed changes
 * nothing and publishes nothing. The store is read for every quote (its cache holds the hot instruments), so there is
 * no in-memory copy to keep consistent.
 */
final class QuoteConsolidator implements Processor<String, VenueQuote, String, ConsolidatedQuote> {
    private ProcessorContext<String, ConsolidatedQuote> context;
    private KeyValueStore<String, ConsolidatedQuote> store;

    @Override
    public void init(ProcessorContext<String, ConsolidatedQuote> context) {
        this.context = context;
        this.store = context.getStateStore(BookTopology.QUOTE_STORE);
    }

    @Override
    public void process(Record<String, VenueQuote> record) {
        String instrumentId = record.key();
        VenueQuote quote = record.value();
        boolean gone = VenueQuotes.isGone(record.headers());
        ConsolidatedQuote current = store.get(instrumentId);
        List<VenueQuote> venues = current == null ? new ArrayList<>(4) : new ArrayList<>(current.getVenues());
        int at = indexOf(venues, quote.getExchange());
        if (gone) {
            if (at < 0) {
                return;
            }
            venues.remove(at);
        } else if (at >= 0) {
            venues.set(at, quote);
        } else {
            venues.add(-at - 1, quote);
        }
        ConsolidatedQuote next = ConsolidatedBest.of(instrumentId, venues, quote.getReceiveTime());
        store.put(instrumentId, next);
        context.forward(record.withValue(next).withHeaders(new RecordHeaders()));
    }

    /** The venue's index in the list ordered by exchange id, or {@code -(insertion point) - 1}; lists are short. */
    private static int indexOf(List<VenueQuote> venues, String exchange) {
        for (int i = 0; i < venues.size(); i++) {
            int order = venues.get(i).getExchange().compareTo(exchange);
            if (order == 0) {
                return i;
            }
            if (order > 0) {
                return -i - 1;
            }
        }
        return -venues.size() - 1;
    }
}
