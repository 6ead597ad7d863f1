package io.exchangebus.connectors.core.instrument;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The instruments of one exchange, by our id and by the exchange's symbol, both ways. Refreshed as a whole
 * ({@link #replaceAll}) when the exchange's instrument list is fetched again; readers always see one consistent
 * list. Thread-safe: reads are lock-free.
 */
public final class InstrumentRegistry {
    private final String exchange;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of());

    private record Snapshot(Map<String, InstrumentDefinition> bySymbol, Map<InstrumentId, InstrumentDefinition> byId) {
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
    public void replaceAll(Collection<InstrumentDefinition> instruments) {
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
        snapshot = new Snapshot(Map.copyOf(bySymbol), Map.copyOf(byId));
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
