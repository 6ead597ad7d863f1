package io.exchangebus.connectors.core.instrument;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The instruments of one exchange, by our id and by the exchange's symbol, both ways. Refreshed as a whole when the
 * exchange's instrument list is fetched again: strictly at start ({@link #replaceAll}), leniently while running
 * ({@link #refresh}, which skips a bad instrument and remembers instruments no longer listed, e.g. expired options,
 * as {@link #delistedById delisted} so that orders on them are refused with a clear reason). Readers always see one
 * consistent list. Thread-safe: reads are lock-free; refreshes are serialized.
 */
public final class InstrumentRegistry {
    private final String exchange;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of(), Map.of(), Map.of());

    /** Listed instruments both ways, and instruments once listed that a refresh no longer found, both ways. */
    private record Snapshot(Map<String, InstrumentDefinition> bySymbol, Map<InstrumentId, InstrumentDefinition> byId,
                            Map<String, InstrumentDefinition> delistedBySymbol,
                            Map<InstrumentId, InstrumentDefinition> delistedById) {
    }

    /**
     * What a {@link #refresh} did.
     *
     * @param listed how many instruments the registry now lists
     * @param skipped instruments of the new list left out, with the reason
     * @param delisted instruments listed before that the new list does not have; now refused
     * @param kept true when the new list had no usable instrument and the registry kept its old one
     */
    public record Refresh(int listed, List<SkippedInstrument> skipped, List<InstrumentDefinition> delisted,
                          boolean kept) {
        public Refresh {
            skipped = List.copyOf(skipped);
            delisted = List.copyOf(delisted);
        }
    }

    public InstrumentRegistry(String exchange) {
        this.exchange = exchange;
    }

    public String exchange() {
        return exchange;
    }

    /**
     * Replaces every instrument at once.
     *
     * @throws IllegalArgumentException if one belongs to another exchange, or a symbol or id appears twice
     */
    public synchronized void replaceAll(Collection<InstrumentDefinition> instruments) {
        Map<String, InstrumentDefinition> bySymbol = new HashMap<>();
        Map<InstrumentId, InstrumentDefinition> byId = new HashMap<>();
        for (InstrumentDefinition instrument : instruments) {
            if (!exchange.equals(instrument.exchange())) {
                throw new IllegalArgumentException(instrument.symbol() + " belongs to " + instrument.exchange()
                        + ", not " + exchange);
            }
            if (bySymbol.put(instrument.symbol(), instrument) != null) {
                throw new IllegalArgumentException("symbol " + instrument.symbol() + " listed twice on " + exchange);
            }
            if (byId.put(instrument.id(), instrument) != null) {
                throw new IllegalArgumentException("instrument id " + instrument.id() + " listed twice on " + exchange
                        + " (" + byId.get(instrument.id()).symbol() + ", " + instrument.symbol() + ")");
            }
        }
        snapshot = new Snapshot(Map.copyOf(bySymbol), Map.copyOf(byId), Map.of(), Map.of());
    }

    /**
     * Replaces the list with {@code instruments} as a running service does when it fetches the list again: an
     * instrument that cannot be added (another exchange's, or a symbol or id already taken by an earlier one of the
     * list) is skipped and reported, never failing the rest. Instruments listed before and missing now are removed
     * and remembered as delisted (until listed again); delisted ones are kept for the life of the registry, which
     * is small next to the exchange's list.
     *
     * <p>When nothing of the new list can be used and the registry holds instruments, it keeps them
     * ({@link Refresh#kept()}): an empty answer is more likely a fault of the exchange than the end of trading.
     */
    public synchronized Refresh refresh(Collection<InstrumentDefinition> instruments) {
        Map<String, InstrumentDefinition> bySymbol = new HashMap<>();
        Map<InstrumentId, InstrumentDefinition> byId = new HashMap<>();
        List<SkippedInstrument> skipped = new ArrayList<>();
        for (InstrumentDefinition instrument : instruments) {
            String problem = problem(instrument, bySymbol, byId);
            if (problem != null) {
                skipped.add(new SkippedInstrument(instrument.symbol(), problem));
                continue;
            }
            bySymbol.put(instrument.symbol(), instrument);
            byId.put(instrument.id(), instrument);
        }
        Snapshot old = snapshot;
        if (bySymbol.isEmpty() && !old.bySymbol().isEmpty()) {
            return new Refresh(old.bySymbol().size(), skipped, List.of(), true);
        }
        Map<String, InstrumentDefinition> delistedBySymbol = new HashMap<>(old.delistedBySymbol());
        Map<InstrumentId, InstrumentDefinition> delistedById = new HashMap<>(old.delistedById());
        List<InstrumentDefinition> delisted = new ArrayList<>();
        for (InstrumentDefinition before : old.bySymbol().values()) {
            if (!bySymbol.containsKey(before.symbol()) && !byId.containsKey(before.id())) {
                delisted.add(before);
                delistedBySymbol.put(before.symbol(), before);
                delistedById.put(before.id(), before);
            }
        }
        delistedBySymbol.keySet().removeAll(bySymbol.keySet());
        delistedById.keySet().removeAll(byId.keySet());
        snapshot = new Snapshot(Map.copyOf(bySymbol), Map.copyOf(byId), Map.copyOf(delistedBySymbol),
                Map.copyOf(delistedById));
        return new Refresh(bySymbol.size(), skipped, delisted, false);
    }

    /** Why {@code instrument} cannot join the others, or null if it can. */
    private String problem(InstrumentDefinition instrument, Map<String, InstrumentDefinition> bySymbol,
                           Map<InstrumentId, InstrumentDefinition> byId) {
        if (!exchange.equals(instrument.exchange())) {
            return "belongs to " + instrument.exchange() + ", not " + exchange;
        }
        if (bySymbol.containsKey(instrument.symbol())) {
            return "symbol listed twice on " + exchange + "; the first kept";
        }
        InstrumentDefinition same = byId.get(instrument.id());
        if (same != null) {
            return "instrument id " + instrument.id() + " already taken by " + same.symbol() + " on " + exchange;
        }
        return null;
    }

    /** An instrument a {@link #refresh} found no longer listed (and not listed again since), by our id. */
    public Optional<InstrumentDefinition> delistedById(InstrumentId id) {
        return Optional.ofNullable(snapshot.delistedById().get(id));
    }

    /** An instrument a {@link #refresh} found no longer listed (and not listed again since), by its symbol. */
    public Optional<InstrumentDefinition> delistedBySymbol(String symbol) {
        return Optional.ofNullable(snapshot.delistedBySymbol().get(symbol));
    }

    /**
     * Why an order on {@code id} cannot be placed when it is not listed: "no longer listed" for a delisted one,
     * "not listed" otherwise. For refusals.
     */
    public String notListedReason(InstrumentId id) {
        return delistedById(id).map(d -> "instrument " + id + " (" + d.symbol() + ") is no longer listed on "
                        + exchange + ": it left the exchange's instrument list (expired or delisted)")
                .orElseGet(() -> "instrument " + id + " is not listed on " + exchange);
    }

    public Optional<InstrumentDefinition> bySymbol(String symbol) {
        return Optional.ofNullable(snapshot.bySymbol().get(symbol));
    }

    public Optional<InstrumentDefinition> byId(InstrumentId id) {
        return Optional.ofNullable(snapshot.byId().get(id));
    }

    public List<InstrumentDefinition> all() {
        return List.copyOf(snapshot.bySymbol().values());
    }

    public int size() {
        return snapshot.bySymbol().size();
    }
}
