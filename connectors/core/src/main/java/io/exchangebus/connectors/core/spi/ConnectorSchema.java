package io.exchangebus.connectors.core.spi;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Everything configuration may say to one exchange's connector, declared by the connector once: the environments
 * it knows besides {@link Environment#CUSTOM}, its endpoints with their URIs per environment, its exchange-wide
 * settings, its per-account settings (GRVT's {@code sub-account-id}), and the key types its accounts may use (the
 * first is the default). Services check a configuration against it before connecting ({@link #check},
 * {@link #checkAccount}), and the configuration reference is generated from it, so the two never disagree.
 *
 * @param exchange the exchange id
 * @param environments the exchange's deployments, e.g. production and testnet
 * @param endpoints the endpoints it reaches
 * @param settings settings of the exchange, {@code exchanges.<id>.settings.<name>}
 * @param accountSettings settings of each account, {@code accounts.<id>.settings.<name>}
 * @param keyTypes the kinds of key its accounts may have; the first is the default
 */
public record ConnectorSchema(String exchange, List<Environment> environments, List<EndpointSpec> endpoints,
                              List<SettingKey<?>> settings, List<SettingKey<?>> accountSettings,
                              List<KeyTypeSpec> keyTypes) {

    public ConnectorSchema {
        Objects.requireNonNull(exchange, "exchange");
        environments = List.copyOf(environments);
        endpoints = List.copyOf(endpoints);
        settings = List.copyOf(settings);
        accountSettings = List.copyOf(accountSettings);
        keyTypes = List.copyOf(keyTypes);
        if (environments.contains(Environment.CUSTOM)) {
            throw new IllegalArgumentException(exchange + ": custom is every exchange's; do not declare it");
        }
        if (keyTypes.isEmpty()) {
            throw new IllegalArgumentException(exchange + ": declare at least one key type");
        }
        unique(exchange, "endpoint", endpoints.stream().map(EndpointSpec::name).toList());
        unique(exchange, "setting", settings.stream().map(SettingKey::name).toList());
        unique(exchange, "account setting", accountSettings.stream().map(SettingKey::name).toList());
        unique(exchange, "key type", keyTypes.stream().map(KeyTypeSpec::name).toList());
    }

    /** The environments configuration may name: the declared ones, then custom. */
    public List<Environment> allEnvironments() {
        List<Environment> all = new ArrayList<>(environments);
        all.add(Environment.CUSTOM);
        return all;
    }

    public Set<String> endpointNames() {
        return names(endpoints.stream().map(EndpointSpec::name).toList());
    }

    public Set<String> settingNames() {
        return names(settings.stream().map(SettingKey::name).toList());
    }

    public Set<String> accountSettingNames() {
        return names(accountSettings.stream().map(SettingKey::name).toList());
    }

    public Set<String> keyTypeNames() {
        return names(keyTypes.stream().map(KeyTypeSpec::name).toList());
    }

    /** The key type of an account that names none. */
    public String defaultKeyType() {
        return keyTypes.get(0).name();
    }

    /**
     * Checks an exchange's configuration: it is this exchange's, its environment is one the exchange has, every
     * endpoint and setting name is declared, every endpoint resolves with an allowed scheme, every setting parses
     * and passes its checks.
     *
     * @throws ConnectorConfigException naming the first key at fault
     */
    public void check(ConnectorSettings given) {
        if (!exchange.equals(given.exchange())) {
            throw new ConnectorConfigException(given.exchange(), "exchange",
                    "is not served by the connector of " + exchange);
        }
        if (!allEnvironments().contains(given.environment())) {
            throw new ConnectorConfigException(exchange, "environment", "must be one of " + allEnvironments()
                    + ", was " + given.environment());
        }
        given.requireKnown(endpointNames(), settingNames());
        endpoints.forEach(e -> endpoint(given, e.name()));
        settings.forEach(s -> s.find(given));
    }

    /**
     * Checks an account of this exchange: its key type (given or {@link #defaultKeyType()}) is declared, and its
     * settings are declared, parse and pass their checks. Reads no secret.
     *
     * @throws ConnectorConfigException naming the account's key at fault
     */
    public void checkAccount(AccountSettings account) {
        if (!keyTypeNames().contains(account.keyType())) {
            throw new ConnectorConfigException(exchange, "account." + account.account() + ".key-type",
                    "must be one of " + new TreeSet<>(keyTypeNames()) + ", was '" + account.keyType() + "'");
        }
        for (String name : account.settings().keySet()) {
            if (!accountSettingNames().contains(name)) {
                throw new ConnectorConfigException(exchange, "account." + account.account() + ".settings." + name,
                        "is not an account setting of " + exchange + "; known: " + new TreeSet<>(accountSettingNames()));
            }
        }
        accountSettings.forEach(s -> s.find(account, exchange));
    }

    /**
     * The URI of endpoint {@code name}: configuration's, else the environment's default.
     *
     * @throws ConnectorConfigException when neither exists or the scheme is not one the endpoint takes
     */
    public URI endpoint(ConnectorSettings given, String name) {
        EndpointSpec spec = endpoints.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(exchange + " declares no endpoint " + name));
        URI uri = given.endpoint(name).or(() -> Optional.ofNullable(spec.defaults().get(given.environment())))
                .orElseThrow(() -> new ConnectorConfigException(exchange, "endpoints." + name,
                        "must be given with environment " + given.environment().name().toUpperCase(Locale.ROOT)));
        if (!spec.schemes().contains(uri.getScheme())) {
            throw new ConnectorConfigException(exchange, "endpoints." + name, "must be a "
                    + String.join(" or ", new TreeSet<>(spec.schemes()))
                    + " URI, was scheme " + uri.getScheme());
        }
        return uri;
    }

    private static Set<String> names(List<String> names) {
        return new LinkedHashSet<>(names);
    }

    private static void unique(String exchange, String what, List<String> names) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> twice = names.stream().filter(n -> !seen.add(n)).collect(Collectors.toList());
        if (!twice.isEmpty()) {
            throw new IllegalArgumentException(exchange + ": " + what + " declared twice: " + twice);
        }
    }
}
