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
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The configured exchanges and accounts as the connectors take them: the one place where a service's configuration
 * becomes {@link ConnectorSettings} and {@link AccountSettings}, and where the roles' connectors are found (by
 * {@link ExchangeConnectors}, so that an exchange plugs in by putting its module on the class path and naming it in
 * the configuration).
 *
 * <p>Checked when built, before any connection is made, against each connector's declared
 * {@link io.exchangebus.connectors.core.spi.ConnectorSchema}: every configured exchange has a connector, an
 * environment it has, endpoints and settings it accepts; every account's key type (its exchange's first when not
 * given) and settings are ones its exchange declares. Problems are reported together as a
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
                errors.add(path + "." + e.key(), problem(e));
            }
        }
        Map<String, Account> accounts = new LinkedHashMap<>();
        for (io.exchangebus.service.config.AccountSettings account : config.accounts()) {
            Optional<ExchangeConnector> connector = connectors.find(account.exchange());
            if (connector.isEmpty()) {
                continue; // reported with the exchange
            }
            String path = "accounts." + account.id();
            try {
                AccountSettings settings = new AccountSettings(account.id(),
                        account.keyType().orElse(connector.get().schema().defaultKeyType()), account.apiKey(),
                        account.secret(), account.settings());
                connector.get().validateAccount(settings);
                accounts.put(account.id(), new Account(account.id(), account.exchange(), settings));
            } catch (ConnectorConfigException e) {
                errors.add(path + accountKey(account.id(), e.key()), problem(e));
            }
        }
        errors.throwIfAny();
        return new ExchangeAccess(connectors, Collections.unmodifiableMap(exchanges), Collections.unmodifiableMap(accounts));
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
        Environment environment;
        try {
            environment = Environment.of(exchange.environment());
        } catch (IllegalArgumentException e) {
            throw new ConnectorConfigException(exchange.id(), "environment", e.getMessage());
        }
        Map<String, URI> endpoints = new LinkedHashMap<>();
        exchange.endpoints().forEach((name, text) -> {
            try {
                endpoints.put(name, new URI(text.strip()));
            } catch (URISyntaxException e) {
                throw new ConnectorConfigException(exchange.id(), "endpoints." + name, "is not a URI: " + text);
            }
        });
        return new ConnectorSettings(exchange.id(), environment, endpoints, exchange.settings());
    }

    /** The key, under {@code accounts.<id>}, of a connector's account key: {@code account.<id>.settings.x}. */
    private static String accountKey(String account, String connectorKey) {
        String prefix = "account." + account;
        return connectorKey.startsWith(prefix) ? connectorKey.substring(prefix.length()) : "";
    }

    private static String problem(ConnectorConfigException e) {
        String prefix = e.exchange() + ": " + e.key() + " ";
        String message = e.getMessage();
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
