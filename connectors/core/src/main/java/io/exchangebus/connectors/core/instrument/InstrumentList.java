package io.exchangebus.connectors.core.instrument;

import java.util.List;

/**
 * An exchange's instrument list as fetched: what could be mapped, and what was skipped with its reason.
 *
 * @param instruments the mapped instruments, in the exchange's order
 * @param skipped what the exchange listed that could not be mapped; empty when all could
 */
public record InstrumentList(List<InstrumentDefinition> instruments, List<SkippedInstrument> skipped) {
    public InstrumentList {
        instruments = List.copyOf(instruments);
        skipped = List.copyOf(skipped);
    }

    /** A list where nothing was skipped. */
    public static InstrumentList of(List<InstrumentDefinition> instruments) {
        return new InstrumentList(instruments, List.of());
    }
}
