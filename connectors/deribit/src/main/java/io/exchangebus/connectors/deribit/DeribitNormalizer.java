package io.exchangebus.connectors.deribit;

import io.exchangebus.connectors.core.spi.OfflineNormalizer;
import io.exchangebus.connectors.deribit.mapping.MarketMapping;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Captured Deribit market-data notifications ({@code book.*}, grouped {@code book.*.none.*}, {@code trades.*},
 * {@code ticker.*}) to our events with {@link MarketMapping}, the Subscriber's own mapping: what
 * {@code exbus normalize --exchange deribit} runs. No book is kept, so changes come out unchecked against
 * {@code prev_change_id}. Anything else, or a frame that cannot be mapped, is refused with the reason. Stateless.
 */
final class DeribitNormalizer implements OfflineNormalizer {

    @Override
    public Normalized normalize(String raw, Instant receivedAt) {
        try {
            List<SpecificRecord> events = new ArrayList<>();
            for (Object event : MarketMapping.normalize(raw, receivedAt)) {
                events.add((SpecificRecord) event);
            }
            return Normalized.of(events, "the notification holds no event");
        } catch (RuntimeException e) {
            return Normalized.refused(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
