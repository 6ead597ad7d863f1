package io.exchangebus.connectors.core.spi;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One endpoint a connector reaches, as it declares it: its name in configuration ({@code endpoints.<name>}), the
 * URI schemes it takes, and its URI in each environment the exchange has. An environment without a default for it
 * ({@link Environment#CUSTOM} never has one) requires it from configuration.
 *
 * @param name lower-case name, e.g. {@code rest-url}, {@code market-data-ws}
 * @param schemes the schemes it may have, e.g. {@code http, https}
 * @param defaults its URI per environment
 * @param description what is reached there, for the configuration reference
 */
public record EndpointSpec(String name, Set<String> schemes, Map<Environment, URI> defaults, String description) {

    public EndpointSpec {
        Objects.requireNonNull(name, "name");
        schemes = Set.copyOf(schemes);
        defaults = Map.copyOf(defaults);
        Objects.requireNonNull(description, "description");
        if (defaults.containsKey(Environment.CUSTOM)) {
            throw new IllegalArgumentException(name + ": custom endpoints come from configuration only");
        }
    }
}
