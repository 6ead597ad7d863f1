package io.exchangebus.connectors.core.instrument;

import java.util.Objects;

/**
 * An instrument left out of an instrument list, and why: the exchange listed it in a form we cannot map, or it
 * cannot stand beside the others (another exchange's, a symbol or id listed twice). One bad instrument is skipped so
 * that the rest of the list is still used.
 *
 * @param symbol the exchange's symbol, {@code ?} when it has none
 * @param reason why it was left out, for a person
 */
public record SkippedInstrument(String symbol, String reason) {
    public SkippedInstrument {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return symbol + ": " + reason;
    }
}
