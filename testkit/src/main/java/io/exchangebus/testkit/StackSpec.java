package io.exchangebus.testkit;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a stack runs: the exchanges whose simulators it starts (in order) and the services. Two tests that ask for
 * equal specs share one stack.
 *
 * @param exchanges exchange ids, e.g. {@code binance-usdm}, {@code deribit}, {@code grvt}; at least one
 * @param services  the services to run; may be empty (broker, registry and simulators only)
 */
public record StackSpec(List<String> exchanges, Set<Service> services) {

    public StackSpec {
        exchanges = List.copyOf(exchanges);
        if (exchanges.isEmpty()) {
            throw new IllegalArgumentException("a stack needs at least one exchange");
        }
        if (exchanges.stream().distinct().count() != exchanges.size()) {
            throw new IllegalArgumentException("an exchange is named twice: " + exchanges);
        }
        services = services.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(services));
    }

    /** A spec of these exchanges and services. */
    public static StackSpec of(List<String> exchanges, Service... services) {
        return new StackSpec(exchanges, services.length == 0 ? Set.of() : EnumSet.of(services[0], services));
    }

    /** Whether the stack runs {@code service}. */
    public boolean runs(Service service) {
        return services.contains(service);
    }
}
