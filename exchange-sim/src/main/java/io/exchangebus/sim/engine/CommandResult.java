package io.exchangebus.sim.engine;

import java.util.List;

/**
 * What one engine command did.
 *
 * @param order the order after the command (for cancel-all: null)
 * @param rejectReason null if the command was carried out
 * @param events everything the command caused, in order (also delivered to the engine's listeners)
 */
public record CommandResult(OrderState order, RejectReason rejectReason, List<EngineEvent> events) {

    public CommandResult {
        events = List.copyOf(events);
    }

    public boolean isAccepted() {
        return rejectReason == null;
    }

    /** The fills of this command, seen from the command's own order (taker side, or maker side for amends). */
    public List<Fill> fills() {
        return events.stream()
                .filter(e -> e instanceof EngineEvent.TradePrinted)
                .map(e -> ((EngineEvent.TradePrinted) e).fill())
                .toList();
    }
}
