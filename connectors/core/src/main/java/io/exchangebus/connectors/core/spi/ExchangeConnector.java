package io.exchangebus.connectors.core.spi;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.role.DataFetcher;
import io.exchangebus.connectors.core.role.Oms;
import io.exchangebus.connectors.core.role.Pms;
import io.exchangebus.connectors.core.role.Subscriber;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Builds the four roles of one exchange id from configuration, so that services are written once for every
 * exchange and an exchange is chosen by its id ({@link ExchangeConnectors#require}). Found through
 * {@link ExchangeConnectorProvider}.
 *
 * <p>Every factory method checks the settings first and throws {@link ConnectorConfigException} naming the
 * exchange and the key (unknown setting or endpoint, bad value, missing endpoint, unknown key type, unreadable
 * secret); it opens no connection. Secrets are read when a private role is built, never earlier. Roles of one
 * exchange in one process share an {@link InstrumentRegistry} (of {@link #exchange()}): the Subscriber maps
 * instrument ids with it and needs it filled ({@link #instruments}); the other roles fill it themselves when it is
 * empty. Thread-safe: a connector holds no state.
 */
public interface ExchangeConnector {

    /** The exchange id it builds roles for: {@code binance-spot}, {@code binance-usdm}, … */
    String exchange();

    /**
     * What configuration may say to it: environments, endpoints with their defaults, settings of the exchange and
     * of each account, key types. Services check configurations against it, and the configuration reference is
     * generated from it.
     */
    ConnectorSchema schema();

    /** The endpoint names it understands (e.g. {@code rest-url}); with CUSTOM it may need all of them. */
    default Set<String> endpointNames() {
        return schema().endpointNames();
    }

    /** The exchange-specific setting names it understands (e.g. {@code recv-window}); any other is refused. */
    default Set<String> settingNames() {
        return schema().settingNames();
    }

    /** The account key types it accepts, in {@link AccountSettings#keyType()} (e.g. {@code hmac}). */
    default Set<String> keyTypes() {
        return schema().keyTypeNames();
    }

    /** Checks {@code settings} as every factory method does, building nothing. */
    default void validate(ConnectorSettings settings) {
        schema().check(settings);
    }

    /** Checks an account of this exchange (key type, account settings) as the private roles do, reading no secret. */
    default void validateAccount(AccountSettings account) {
        schema().checkAccount(account);
    }

    /**
     * Fetches every instrument with its trading rules over the exchange's public API: no account needed. A caller
     * puts them in the registry it shares between roles ({@link InstrumentRegistry#replaceAll}).
     */
    CompletableFuture<Result<List<InstrumentDefinition>>> instruments(ConnectorSettings settings);

    /** Public market data; {@code instruments} must hold the instruments it is asked to subscribe to. */
    Subscriber subscriber(ConnectorSettings settings, InstrumentRegistry instruments);

    /** Orders of {@code account}. */
    Oms oms(ConnectorSettings settings, AccountSettings account, InstrumentRegistry instruments);

    /** Positions and balances of {@code account}. */
    Pms pms(ConnectorSettings settings, AccountSettings account, InstrumentRegistry instruments);

    /** State recovery of {@code account} over HTTP; fills {@code instruments} when it fetches them. */
    DataFetcher dataFetcher(ConnectorSettings settings, AccountSettings account, InstrumentRegistry instruments);

    /** Orders of {@code account}, with a registry of its own. */
    default Oms oms(ConnectorSettings settings, AccountSettings account) {
        return oms(settings, account, new InstrumentRegistry(exchange()));
    }

    /** Positions and balances of {@code account}, with a registry of its own. */
    default Pms pms(ConnectorSettings settings, AccountSettings account) {
        return pms(settings, account, new InstrumentRegistry(exchange()));
    }

    /** State recovery of {@code account}, with a registry of its own. */
    default DataFetcher dataFetcher(ConnectorSettings settings, AccountSettings account) {
        return dataFetcher(settings, account, new InstrumentRegistry(exchange()));
    }
}
