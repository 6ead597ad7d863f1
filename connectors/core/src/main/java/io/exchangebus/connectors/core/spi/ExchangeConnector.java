package io.exchangebus.connectors.core.spi;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentId;
import io.exchangebus.connectors.core.instrument.InstrumentList;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.role.DataFetcher;
import io.exchangebus.connectors.core.role.Oms;
import io.exchangebus.connectors.core.role.Pms;
import io.exchangebus.connectors.core.role.Subscriber;
import java.util.List;
import java.util.Optional;
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

    /**
     * The instrument list as {@link #instruments} fetches it, with what the exchange listed but could not be mapped,
     * each with its reason: what a service refreshing its registry while running reports
     * ({@link InstrumentRefresher}). By default nothing is reported skipped.
     */
    default CompletableFuture<Result<InstrumentList>> instrumentList(ConnectorSettings settings) {
        return instruments(settings).thenApply(r -> r.map(InstrumentList::of));
    }

    /**
     * Our instrument id of one of the exchange's symbols, read from the symbol alone where the exchange's symbols
     * can be read offline (e.g. Binance's {@code BTCUSDT} on spot is {@code BTC-USDT}); empty when they cannot
     * (the default) or this one cannot. A guess for tools such as the CLI: the roles use the exchange's instrument
     * list, and the OMS refuses an order whose id and symbol do not match it.
     */
    default Optional<InstrumentId> instrumentIdOf(String symbol) {
        return Optional.empty();
    }

    /**
     * A normalizer of captured raw messages of this exchange ({@code exbus normalize}), with instrument ids from
     * {@link #instrumentIdOf}; empty when the exchange has none (the default).
     */
    default Optional<OfflineNormalizer> offlineNormalizer(OfflineNormalizer.Options options) {
        return Optional.empty();
    }

    /** Public market data; {@code instruments} must hold the instruments it is asked to subscribe to. */
    Subscriber subscriber(ConnectorSettings settings, InstrumentRegistry instruments);

    /**
     * Market data seen through {@code account}, for exchanges that serve some of it only to a logged-in session
     * (e.g. Deribit's raw, unaggregated book). By default the account is checked ({@link #validateAccount}), no
     * secret read, and the public {@link #subscriber(ConnectorSettings, InstrumentRegistry)} returned.
     */
    default Subscriber subscriber(ConnectorSettings settings, AccountSettings account, InstrumentRegistry instruments) {
        validateAccount(account);
        return subscriber(settings, instruments);
    }

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
