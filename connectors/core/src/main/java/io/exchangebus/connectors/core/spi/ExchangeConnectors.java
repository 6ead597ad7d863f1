package io.exchangebus.connectors.core.spi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The exchange connectors on the class path, by exchange id: what services choose an exchange with, by
 * configuration alone. Immutable once loaded; thread-safe.
 */
public final class ExchangeConnectors {
    private final Map<String, ExchangeConnector> byId;

    private ExchangeConnectors(Map<String, ExchangeConnector> byId) {
        this.byId = Collections.unmodifiableMap(byId);
    }

    /** The connectors of every {@link ExchangeConnectorProvider} the thread's context class loader finds. */
    public static ExchangeConnectors load() {
        return load(Thread.currentThread().getContextClassLoader());
    }

    /** The connectors of every {@link ExchangeConnectorProvider} {@code loader} finds. */
    public static ExchangeConnectors load(ClassLoader loader) {
        List<ExchangeConnector> all = new ArrayList<>();
        ServiceLoader.load(ExchangeConnectorProvider.class, loader).forEach(p -> all.addAll(p.connectors()));
        return of(all);
    }

    /**
     * These connectors, without looking on the class path.
     *
     * @throws IllegalStateException if two claim the same exchange id, naming both classes
     */
    public static ExchangeConnectors of(Collection<? extends ExchangeConnector> connectors) {
        Map<String, ExchangeConnector> byId = new TreeMap<>();
        for (ExchangeConnector c : connectors) {
            ExchangeConnector earlier = byId.putIfAbsent(c.exchange(), c);
            if (earlier != null) {
                throw new IllegalStateException("exchange id " + c.exchange() + " is claimed by both "
                        + earlier.getClass().getName() + " and " + c.getClass().getName());
            }
        }
        return new ExchangeConnectors(byId);
    }

    /** The connector of {@code exchange}, or empty when no module on the class path serves it. */
    public Optional<ExchangeConnector> find(String exchange) {
        return Optional.ofNullable(byId.get(exchange));
    }

    /**
     * The connector of {@code exchange}.
     *
     * @throws ConnectorConfigException if there is none, listing the ids there are
     */
    public ExchangeConnector require(String exchange) {
        ExchangeConnector connector = byId.get(exchange);
        if (connector == null) {
            throw new ConnectorConfigException(String.valueOf(exchange), "exchange",
                    "has no connector on the class path; known: " + ids());
        }
        return connector;
    }

    /** The exchange ids served, sorted. */
    public Set<String> ids() {
        return Collections.unmodifiableSet(new TreeSet<>(byId.keySet()));
    }

    @Override
    public String toString() {
        return "ExchangeConnectors" + ids();
    }
}
