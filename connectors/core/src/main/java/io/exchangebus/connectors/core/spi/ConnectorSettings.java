package io.exchangebus.connectors.core.spi;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * How to reach one exchange, as a service's configuration gives it; nothing here knows Kafka or a file format.
 * Immutable and checked at construction: errors are {@link ConnectorConfigException}s naming the key. What the
 * endpoint names and settings mean is for the exchange's {@link ExchangeConnector}, which refuses names it does not
 * know ({@link #requireKnown}).
 *
 * <p>Keys in error messages: {@code exchange}, {@code environment}, {@code endpoints.<name>},
 * {@code settings.<name>}.
 *
 * @param exchange the exchange id, lower case letters, digits and dashes: {@code binance-spot}
 * @param environment production, testnet, custom endpoints, or another environment the exchange declares
 * @param endpoints endpoint overrides by name (e.g. {@code rest-url}); absolute URIs with a host. With
 *        {@link Environment#CUSTOM} they are all there is; otherwise each replaces the environment's own
 * @param settings the exchange's own settings by name (e.g. {@code recv-window = 5s}), as text; the connector
 *        parses them, with {@link #duration} and {@link #integer} for the common types
 */
public record ConnectorSettings(String exchange, Environment environment, Map<String, URI> endpoints,
                                Map<String, String> settings) {

    private static final Pattern EXCHANGE_ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]*");

    public ConnectorSettings {
        if (exchange == null || !EXCHANGE_ID.matcher(exchange).matches()) {
            throw new ConnectorConfigException(String.valueOf(exchange), "exchange",
                    "must be lower-case letters, digits and dashes, e.g. binance-spot");
        }
        if (environment == null) {
            throw new ConnectorConfigException(exchange, "environment",
                    "must be given: production, testnet, custom, or another the exchange declares");
        }
        endpoints = checkedEndpoints(exchange, Objects.requireNonNullElse(endpoints, Map.of()));
        settings = checkedSettings(exchange, Objects.requireNonNullElse(settings, Map.of()));
        if (environment == Environment.CUSTOM && endpoints.isEmpty()) {
            throw new ConnectorConfigException(exchange, "endpoints", "must be given with environment CUSTOM");
        }
    }

    /** The exchange's production endpoints and no settings: every setting at its default. */
    public static ConnectorSettings production(String exchange) {
        return new ConnectorSettings(exchange, Environment.PRODUCTION, Map.of(), Map.of());
    }

    /** The exchange's testnet endpoints and no settings. */
    public static ConnectorSettings testnet(String exchange) {
        return new ConnectorSettings(exchange, Environment.TESTNET, Map.of(), Map.of());
    }

    /** Custom endpoints, all given here, and no settings. */
    public static ConnectorSettings custom(String exchange, Map<String, URI> endpoints) {
        return new ConnectorSettings(exchange, Environment.CUSTOM, endpoints, Map.of());
    }

    /** A copy with the endpoint {@code name} set to {@code uri}. */
    public ConnectorSettings withEndpoint(String name, URI uri) {
        Map<String, URI> copy = new TreeMap<>(endpoints);
        copy.put(name, uri);
        return new ConnectorSettings(exchange, environment, copy, settings);
    }

    /** A copy with the setting {@code name} set to {@code value}. */
    public ConnectorSettings withSetting(String name, String value) {
        Map<String, String> copy = new TreeMap<>(settings);
        copy.put(name, value);
        return new ConnectorSettings(exchange, environment, endpoints, copy);
    }

    /** The endpoint override of this name, if configuration gives one. */
    public Optional<URI> endpoint(String name) {
        return Optional.ofNullable(endpoints.get(name));
    }

    /** The endpoint of this name, which {@link Environment#CUSTOM} must give. */
    public URI requireEndpoint(String name) {
        return endpoint(name).orElseThrow(() -> new ConnectorConfigException(exchange, "endpoints." + name,
                "must be given with environment " + environment.name().toUpperCase(Locale.ROOT)));
    }

    /** The raw text of a setting, if configuration gives it. */
    public Optional<String> setting(String name) {
        return Optional.ofNullable(settings.get(name));
    }

    /**
     * A duration setting: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, or ISO-8601 ({@code PT5S}).
     *
     * @throws ConnectorConfigException naming the key if it is neither, or is negative
     */
    public Optional<Duration> duration(String name) {
        return SettingKey.duration(name, null, "").find(this);
    }

    /**
     * An integer setting.
     *
     * @throws ConnectorConfigException naming the key if it is not a (32-bit) integer
     */
    public OptionalInt integer(String name) {
        return SettingKey.integer(name, null, "").find(this).map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    /** An error about the setting {@code name}, for a connector that finds its value unacceptable. */
    public ConnectorConfigException invalid(String name, String problem) {
        return new ConnectorConfigException(exchange, "settings." + name, problem);
    }

    /**
     * Refuses any endpoint or setting name the connector does not know, so that a typo is reported, not ignored.
     *
     * @throws ConnectorConfigException naming the first unknown key and listing the known ones
     */
    public void requireKnown(Set<String> endpointNames, Set<String> settingNames) {
        for (String name : endpoints.keySet()) {
            if (!endpointNames.contains(name)) {
                throw new ConnectorConfigException(exchange, "endpoints." + name,
                        "is not an endpoint of " + exchange + "; known: " + new TreeSet<>(endpointNames));
            }
        }
        for (String name : settings.keySet()) {
            if (!settingNames.contains(name)) {
                throw new ConnectorConfigException(exchange, "settings." + name,
                        "is not a setting of " + exchange + "; known: " + new TreeSet<>(settingNames));
            }
        }
    }

    private static Map<String, URI> checkedEndpoints(String exchange, Map<String, URI> given) {
        Map<String, URI> copy = new TreeMap<>();
        given.forEach((name, uri) -> {
            checkName(exchange, "endpoints", name);
            if (uri == null || !uri.isAbsolute() || uri.getHost() == null) {
                throw new ConnectorConfigException(exchange, "endpoints." + name,
                        "must be an absolute URI with a host, was " + uri);
            }
            copy.put(name, uri);
        });
        return Collections.unmodifiableMap(copy);
    }

    private static Map<String, String> checkedSettings(String exchange, Map<String, String> given) {
        Map<String, String> copy = new TreeMap<>();
        given.forEach((name, value) -> {
            checkName(exchange, "settings", name);
            if (value == null) {
                throw new ConnectorConfigException(exchange, "settings." + name, "has no value");
            }
            copy.put(name, value);
        });
        return Collections.unmodifiableMap(copy);
    }

    private static void checkName(String exchange, String group, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ConnectorConfigException(exchange, group + "." + name,
                    "is not a valid name: lower-case letters, digits, dots and dashes");
        }
    }
}
