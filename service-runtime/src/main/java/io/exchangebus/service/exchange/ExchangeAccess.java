package io.exchangebus.service.exchange;

import io.exchangebus.connectors.core.spi.AccountSettings;
import io.exchangebus.connectors.core.spi.ConnectorConfigException;
import io.exchangebus.connectors.core.spi.ConnectorSettings;
import io.exchangebus.connectors.core.spi.Environment;
import io.exchangebus.connectors.core.spi.ExchangeConnector;
import io.exchangebus.connectors.core.spi.ExchangeConnectors;
import io.exchangebus.service.config.CommonConfig;
import io.exchangebus.service.config.ConfigErrors;
import io.exchangebus.service.config.ExchangeSettings;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The configured exchanges and accounts as the connectors take them: the one place where a service's configuration
 * becomes {@link ConnectorSettings} and {@link AccountSettings}, and where the roles' connectors are found (by
 * {@link ExchangeConnectors}, so that an exchange plugs in by putting its module on the class path and naming it in
 * the configuration).
 *
 * <p>Checked when built, before any connection is made: every configured exchange has a connector and settings it
 * accepts; every account's key type is one its exchange knows. Problems are reported together as a
 * {@link io.exchangebus.service.config.ConfigException}, each naming the configuration key
 * ({@code exchanges.binance-spot.settings.recv-window: …}). Secrets are not read here: the connector reads them when
 * it builds a role.
 */
public final class ExchangeAccess {
    private final ExchangeConnectors connectors;
    private final Map<String, ConnectorSettings> exchanges;
    private final Map<String, Account> accounts;

    /** One configured account: its id, its exchange and the settings its connector takes. */
    public record Account(String id, String exchange, AccountSettings settings) {
    }

    private ExchangeAccess(ExchangeConnectors connectors, Map<String, ConnectorSettings> exchanges,
                           Map<String, Account> accounts) {
        this.connectors = connectors;
        this.exchanges = exchanges;
        this.accounts = accounts;
    }

    /** The configuration's exchanges and accounts, with the connectors on the class path. */
    public static ExchangeAccess of(CommonConfig config) {
        return of(config, ExchangeConnectors.load());
    }

    /** The configuration's exchanges and accounts, with the given connectors. */
    public static ExchangeAccess of(CommonConfig config, ExchangeConnectors connectors) {
        ConfigErrors errors = new ConfigErrors();
        Map<String, ConnectorSettings> exchanges = new LinkedHashMap<>();
        for (ExchangeSettings exchange : config.exchanges()) {
            String path = "exchanges." + exchange.id();
            Optional<ExchangeConnector> connector = connectors.find(exchange.id());
            if (connector.isEmpty()) {
                errors.add(path, "no connector for this exchange on the class path; known: " + connectors.ids());
                continue;
            }
            try {
                ConnectorSettings settings = settings(exchange);
                connector.get().validate(settings);
                exchanges.put(exchange.id(), settings);
            } catch (ConnectorConfigException e) {
                errors.add(path + "." + configKey(e.key()), problem(e));
            }
        }
        Map<String, Account> accounts = new LinkedHashMap<>();
        for (io.exchangebus.service.config.AccountSettings account : config.accounts()) {
            String keyType = account.keyType().name().toLowerCase(Locale.ROOT);
            Optional<ExchangeConnector> connector = connectors.find(account.exchange());
            if (connector.isPresent() && !connector.get().keyTypes().contains(keyType)) {
                errors.add("accounts." + account.id() + ".key-type", "exchange " + account.exchange()
                        + " takes key types " + connector.get().keyTypes() + ", not " + keyType);
                continue;
            }
            try {
                accounts.put(account.id(), new Account(account.id(), account.exchange(),
                        new AccountSettings(account.id(), keyType, account.apiKey(), account.secret())));
            } catch (ConnectorConfigException e) {
                errors.add("accounts." + account.id(), problem(e));
            }
        }
        errors.throwIfAny();
        return new ExchangeAccess(connectors, Map.copyOf(exchanges), Map.copyOf(accounts));
    }

    /** The configured exchange ids. */
    public Set<String> exchangeIds() {
        return exchanges.keySet();
    }

    /** The connector of a configured exchange. */
    public ExchangeConnector connector(String exchange) {
        settings(exchange);
        return connectors.require(exchange);
    }

    /** The settings of a configured exchange. */
    public ConnectorSettings settings(String exchange) {
        ConnectorSettings settings = exchanges.get(exchange);
        if (settings == null) {
            throw new IllegalArgumentException("exchange '" + exchange + "' is not configured; configured: "
                    + exchanges.keySet());
        }
        return settings;
    }

    /** The configured accounts. */
    public List<Account> accounts() {
        return List.copyOf(accounts.values());
    }

    /** The account {@code id}, if configured. */
    public Optional<Account> account(String id) {
        return Optional.ofNullable(accounts.get(id));
    }

    private static ConnectorSettings settings(ExchangeSettings exchange) {
        Map<String, URI> endpoints = new LinkedHashMap<>();
        exchange.restUrl().ifPresent(uri -> endpoints.put("rest-url", uri));
        exchange.streamUrl().ifPresent(uri -> endpoints.put("stream-url", uri));
        exchange.wsApiUrl().ifPresent(uri -> endpoints.put("ws-api-url", uri));
        return new ConnectorSettings(exchange.id(), Environment.valueOf(exchange.environment().name()), endpoints,
                exchange.settings());
    }

    /** The configuration key of a connector's key: {@code endpoints.rest-url} is {@code rest-url}. */
    private static String configKey(String connectorKey) {
        return connectorKey.startsWith("endpoints.") ? connectorKey.substring("endpoints.".length()) : connectorKey;
    }

    private static String problem(ConnectorConfigException e) {
        String prefix = e.exchange() + ": " + e.key() + " ";
        String message = e.getMessage();
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
