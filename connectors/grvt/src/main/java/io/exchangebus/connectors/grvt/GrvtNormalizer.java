package io.exchangebus.connectors.grvt;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.spi.OfflineNormalizer;
import io.exchangebus.connectors.grvt.mapping.MarketMapping;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Captured GRVT public stream frames ({@code v1.book.s}, {@code v1.book.d}, {@code v1.trade}, {@code v1.ticker.s}/
 * {@code .d}, full or lite) to our events with {@link MarketMapping}, the Subscriber's own mapping: what
 * {@code exbus normalize --exchange grvt} runs. No book is kept, so deltas come out unchecked against
 * {@code prev_sequence_number}. Anything else, or a frame that cannot be mapped, is refused with the reason.
 * Stateless.
 */
final class GrvtNormalizer implements OfflineNormalizer {

    @Override
    public Normalized normalize(String raw, Instant receivedAt) {
        try {
            Result<Object> event = MarketMapping.normalize(raw, receivedAt);
            if (!event.isOk()) {
                return Normalized.refused(event.error().message());
            }
            return Normalized.of(List.of((SpecificRecord) event.value()), "the frame holds no event");
        } catch (RuntimeException e) {
            return Normalized.refused(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
