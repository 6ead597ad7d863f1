package io.exchangebus.connectors.deribit;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentId;
import io.exchangebus.connectors.core.instrument.InstrumentList;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.session.Scheduler;
import io.exchangebus.connectors.deribit.http.DeribitHttpClient;
import io.exchangebus.connectors.deribit.ws.DeribitLimits;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import io.exchangebus.connectors.core.role.Oms;
import io.exchangebus.connectors.core.role.Pms;
import io.exchangebus.connectors.core.spi.AccountSettings;
import io.exchangebus.connectors.core.spi.ConnectorConfigException;
import io.exchangebus.connectors.core.spi.ConnectorSchema;
import io.exchangebus.connectors.core.spi.ConnectorSettings;
import io.exchangebus.connectors.core.spi.ExchangeConnector;
import io.exchangebus.connectors.core.spi.OfflineNormalizer;
import io.exchangebus.connectors.deribit.config.DeribitConfig;
import io.exchangebus.connectors.deribit.config.DeribitSchema;
import io.exchangebus.connectors.deribit.http.DeribitErrors;
import io.exchangebus.connectors.deribit.mapping.DeribitSymbols;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link ExchangeConnector} of {@code deribit}: configuration ({@link DeribitSchema}) to {@link DeribitConfig},
 * then the roles built so far.
 *
 * <ul>
 * <li>{@link #subscriber}: public market data; with an account, the raw (unaggregated) channels, which need a
 *     login.</li>
 * <li>{@link #dataFetcher}: state recovery over HTTP ({@link DeribitDataFetcher}).</li>
 * <li>{@link #oms}: orders on the account's own WebSocket ({@link DeribitOms}).</li>
 * <li>{@link #pms}: positions and account ({@link DeribitPms}).</li>
 * <li>{@link #instruments}: {@code public/get_instruments?currency=any} over HTTP.</li>
 * <li>{@link #offlineNormalizer}: market-data notifications through {@code MarketMapping}.</li>
 * </ul>
 * Thread-safe and stateless.
 */
public final class DeribitConnector implements ExchangeConnector {

    /** Times the token renewals of the HTTP clients this connector builds; a daemon thread for the process. */
    private static final ScheduledExecutorService RENEWALS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "deribit-http-token-renewal");
        t.setDaemon(true);
        return t;
    });

    @Override
    public String exchange() {
        return DeribitErrors.EXCHANGE;
    }

    @Override
    public ConnectorSchema schema() {
        return DeribitSchema.SCHEMA;
    }

    @Override
    public void validate(ConnectorSettings settings) {
        DeribitSchema.config(settings);
    }

    /** The config of roles without an account; throws {@link ConnectorConfigException} naming the key at fault. */
    public DeribitConfig config(ConnectorSettings settings) {
        return DeribitSchema.config(settings);
    }

    /** The config with {@code account}, its secret read. */
    public DeribitConfig config(ConnectorSettings settings, AccountSettings account) {
        return DeribitSchema.config(settings, account);
    }

    @Override
    public CompletableFuture<Result<List<InstrumentDefinition>>> instruments(ConnectorSettings settings) {
        return instrumentList(settings).thenApply(r -> r.map(InstrumentList::instruments));
    }

    @Override
    public CompletableFuture<Result<InstrumentList>> instrumentList(ConnectorSettings settings) {
        DeribitConfig config = config(settings);
        return DeribitInstruments.fetch(config.endpoints(), config.requestTimeout());
    }

    /** Deribit's names say what they are ({@code BTC-PERPETUAL}, {@code BTC-27DEC24-100000-C}); combos: empty. */
    @Override
    public Optional<InstrumentId> instrumentIdOf(String symbol) {
        try {
            return Optional.of(DeribitSymbols.instrumentId(symbol));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<OfflineNormalizer> offlineNormalizer(OfflineNormalizer.Options options) {
        return Optional.of(new DeribitNormalizer());
    }

    @Override
    public DeribitSubscriber subscriber(ConnectorSettings settings, InstrumentRegistry instruments) {
        return new DeribitSubscriber(config(settings), checked(instruments));
    }

    /** Logged in as {@code account}, so full-depth books and trades come from the raw channels. */
    @Override
    public DeribitSubscriber subscriber(ConnectorSettings settings, AccountSettings account,
                                        InstrumentRegistry instruments) {
        return new DeribitSubscriber(config(settings, account), checked(instruments));
    }

    /**
     * Orders over the account's own connection ({@link DeribitOms}), logged in with scope
     * {@code session:<session-name>-oms}, cancel on disconnect as the account's {@code cancel-on-disconnect} says.
     */
    @Override
    public Oms oms(ConnectorSettings settings, AccountSettings account, InstrumentRegistry instruments) {
        checked(instruments);
        Clock clock = Clock.systemUTC();
        return new DeribitOms(config(settings, account), instruments, DeribitOms.limits(clock), clock);
    }

    /**
     * Positions and account ({@link DeribitPms}) on its own connection (scope {@code session:<session-name>-pms}),
     * recovering the account summaries of the settlement currencies of {@code instruments} (none listed:
     * {@link DeribitPms#DEFAULT_CURRENCIES}). No sub-account id: the schema declares none yet.
     */
    @Override
    public DeribitPms pms(ConnectorSettings settings, AccountSettings account, InstrumentRegistry instruments) {
        List<String> currencies = checked(instruments).all().stream().map(InstrumentDefinition::settle)
                .filter(Objects::nonNull).distinct().sorted().toList();
        return new DeribitPms(config(settings, account), null, currencies);
    }

    /**
     * State recovery over HTTP ({@link DeribitDataFetcher} on {@link DeribitHttpClient}), logged in with scope
     * {@code session:<session-name>-fetcher}, every currency Deribit lists.
     */
    @Override
    public DeribitDataFetcher dataFetcher(ConnectorSettings settings, AccountSettings account,
                                          InstrumentRegistry instruments) {
        checked(instruments);
        DeribitConfig config = config(settings, account);
        Clock clock = Clock.systemUTC();
        DeribitHttpClient http = new DeribitHttpClient(DeribitHttpClient.defaultSettings(config.endpoints().rest()),
                new DeribitLimits(clock), config.maxCreditWait(),
                config.account().orElseThrow().login("fetcher", clock), Scheduler.of(RENEWALS), clock);
        return new DeribitDataFetcher(http, account.account(), List.of());
    }

    private InstrumentRegistry checked(InstrumentRegistry instruments) {
        Objects.requireNonNull(instruments, "instruments");
        if (!exchange().equals(instruments.exchange())) {
            throw new IllegalArgumentException("the registry of " + instruments.exchange()
                    + " given to the connector of " + exchange());
        }
        return instruments;
    }

    @Override
    public String toString() {
        return "DeribitConnector[deribit]";
    }
}
