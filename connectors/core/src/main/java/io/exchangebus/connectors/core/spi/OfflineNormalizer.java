package io.exchangebus.connectors.core.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * Raw messages of one exchange, as captured (stream frames, WebSocket answers, REST bodies), to our events, with no
 * connection and no state: what {@code exbus normalize} runs. It maps with the same functions the exchange's roles
 * use; it keeps no book, so depth diffs come out unchecked against a sequence. Built by
 * {@link ExchangeConnector#offlineNormalizer}. Thread-safe.
 */
public interface OfflineNormalizer {

    /** The events of one raw message received at {@code receivedAt}, or why there are none. Never throws. */
    Normalized normalize(String raw, Instant receivedAt);

    /**
     * What an offline normalizer is told besides the messages.
     *
     * @param account the account to put in account and order events
     * @param symbol the symbol of messages that do not name it (e.g. a REST depth answer); null if none is expected
     */
    record Options(String account, String symbol) {
        public Options {
            Objects.requireNonNull(account, "account");
        }
    }

    /** What one message gave: events, or why none (a refusal). Exactly one of the two. */
    record Normalized(List<SpecificRecord> events, String refusal) {
        public Normalized {
            events = List.copyOf(events);
            if (events.isEmpty() == (refusal == null)) {
                throw new IllegalArgumentException("either events or a refusal");
            }
        }

        /** {@code events}, or the refusal {@code ifNone} when there are none. */
        public static Normalized of(List<? extends SpecificRecord> events, String ifNone) {
            return events.isEmpty() ? refused(ifNone) : new Normalized(List.copyOf(events), null);
        }

        public static Normalized refused(String reason) {
            return new Normalized(List.of(), reason);
        }

        public boolean isRefused() {
            return refusal != null;
        }
    }
}
