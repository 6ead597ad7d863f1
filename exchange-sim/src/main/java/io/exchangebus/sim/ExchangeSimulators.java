package io.exchangebus.sim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The exchange simulators on the class path, by exchange id: what {@code exbus sim} chooses one from. Immutable once
 * loaded; thread-safe.
 */
public final class ExchangeSimulators {
    private final Map<String, ExchangeSimulator> byId;

    private ExchangeSimulators(Map<String, ExchangeSimulator> byId) {
        this.byId = Collections.unmodifiableMap(byId);
    }

    /** The simulators of every {@link SimulatorProvider} the thread's context class loader finds. */
    public static ExchangeSimulators load() {
        return load(Thread.currentThread().getContextClassLoader());
    }

    /** The simulators of every {@link SimulatorProvider} {@code loader} finds. */
    public static ExchangeSimulators load(ClassLoader loader) {
        List<ExchangeSimulator> all = new ArrayList<>();
        ServiceLoader.load(SimulatorProvider.class, loader).forEach(p -> all.addAll(p.simulators()));
        return of(all);
    }

    /**
     * These simulators, without looking on the class path.
     *
     * @throws IllegalStateException if two claim the same exchange id, naming both classes
     */
    public static ExchangeSimulators of(Collection<? extends ExchangeSimulator> simulators) {
        Map<String, ExchangeSimulator> byId = new TreeMap<>();
        for (ExchangeSimulator s : simulators) {
            ExchangeSimulator earlier = byId.putIfAbsent(s.exchange(), s);
            if (earlier != null) {
                throw new IllegalStateException("exchange id " + s.exchange() + " is simulated by both "
                        + earlier.getClass().getName() + " and " + s.getClass().getName());
            }
        }
        return new ExchangeSimulators(byId);
    }

    /** The simulator of {@code exchange}, or empty when no module on the class path simulates it. */
    public Optional<ExchangeSimulator> find(String exchange) {
        return Optional.ofNullable(byId.get(exchange));
    }

    /** The exchange ids simulated, sorted. */
    public Set<String> ids() {
        return byId.keySet();
    }

    @Override
    public String toString() {
        return "ExchangeSimulators" + ids();
    }
}
