package io.exchangebus.connectors.grvt;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentId;
import io.exchangebus.connectors.core.instrument.InstrumentList;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.role.Oms;
import io.exchangebus.connectors.core.spi.AccountSettings;
import io.exchangebus.connectors.core.spi.ConnectorSchema;
import io.exchangebus.connectors.core.spi.ConnectorSettings;
import io.exchangebus.connectors.core.spi.ExchangeConnector;
import io.exchangebus.connectors.core.spi.OfflineNormalizer;
import io.exchangebus.connectors.grvt.config.GrvtConfig;
import io.exchangebus.connectors.grvt.config.GrvtSchema;
import io.exchangebus.connectors.grvt.http.GrvtRestClient;
import io.exchangebus.connectors.grvt.mapping.GrvtNormalizer;
import io.exchangebus.connectors.grvt.mapping.InstrumentMapping;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link ExchangeConnector} of {@code grvt}: configuration ({@link GrvtSchema}) to {@link GrvtConfig}, then the
 * roles.
 *
 * <ul>
 * <li>{@link #subscriber}: public market data on the market-data host ({@link GrvtSubscriber}).</li>
 * <li>{@link #dataFetcher}: state recovery of the account's first sub-account over REST ({@link GrvtDataFetcher}).</li>
 * <li>{@link #pms}: positions streamed, balances and margin polled ({@link GrvtPms}).</li>
 * <li>{@link #oms}: signed orders over the trades host's WebSocket ({@link GrvtOms}).</li>
 * <li>{@link #instruments}: {@code full/v1/all_instruments} over REST.</li>
 * <li>{@link #offlineNormalizer}: stream frames and sub-account summaries through {@link GrvtNormalizer}.</li>
 * </ul>
 * Thread-safe and stateless.
 */
public final class GrvtConnector implements ExchangeConnector {

    @Override
    public String exchange() {
        return GrvtVenue.EXCHANGE;
    }

    @Override
    public ConnectorSchema schema() {
        return GrvtSchema.SCHEMA;
    }

    @Override
    public void validate(ConnectorSettings settings) {
        GrvtSchema.config(settings);
    }

    /** The config of roles without an account; throws naming the key at fault. */
    public GrvtConfig config(ConnectorSettings settings) {
        return GrvtSchema.config(settings);
    }

    /** The config with {@code account}, its secrets read. */
    public GrvtConfig config(ConnectorSettings settings, AccountSettings account) {
        return GrvtSchema.config(settings, account);
    }

    @Override
    public CompletableFuture<Result<List<InstrumentDefinition>>> instruments(ConnectorSettings settings) {
        return instrumentList(settings).thenApply(r -> r.map(InstrumentList::instruments));
    }

    /** {@code all_instruments} with what could not be mapped, each with its reason. */
    @Override
    public CompletableFuture<Result<InstrumentList>> instrumentList(ConnectorSettings settings) {
        GrvtRestClient rest = new GrvtClients(config(settings), Clock.systemUTC()).rest(null);
        return rest.publicRead("v1/all_instruments", GrvtRestClient.body())
                .thenApply(r -> r.flatMap(body -> InstrumentMapping.instruments(body.toString())
                        .map(i -> new InstrumentList(i.definitions(), i.skipped()))))
                .whenComplete((r, e) -> rest.close());
    }

    /** From GRVT's name alone: {@code BTC_USDT_Perp} is {@code BTC-USDT-PERP} (as Binance USD-M's BTCUSDT). */
    @Override
    public Optional<InstrumentId> instrumentIdOf(String symbol) {
        return InstrumentMapping.instrumentIdOf(symbol);
    }

    @Override
    public Optional<OfflineNormalizer> offlineNormalizer(OfflineNormalizer.Options options) {
        return Optional.of(new GrvtNormalizer(options.account()));
    }

    @Override
    public GrvtSubscriber subscriber(ConnectorSettings settings, InstrumentRegistry instruments) {
        return new GrvtSubscriber(config(settings), checked(instruments));
    }

    /** Orders over the trades host's JSON-RPC WebSocket, signed for the environment's chain ({@link GrvtOms}). */
    @Override
    public Oms oms(ConnectorSettings settings, AccountSettings account, InstrumentRegistry instruments) {
        return GrvtOms.of(config(settings, account), checked(instruments), new GrvtSignedOrders(), Clock.systemUTC());
    }

    @Override
    public GrvtPms pms(ConnectorSettings settings, AccountSettings account, InstrumentRegistry instruments) {
        checked(instruments);
        return new GrvtPms(config(settings, account), Clock.systemUTC());
    }

    @Override
    public GrvtDataFetcher dataFetcher(ConnectorSettings settings, AccountSettings account,
                                       InstrumentRegistry instruments) {
        GrvtConfig config = config(settings, account);
        GrvtClients clients = new GrvtClients(config, Clock.systemUTC());
        return new GrvtDataFetcher(clients.rest(clients.session()), account.account(),
                config.account().orElseThrow().subAccount(), checked(instruments), Clock.systemUTC());
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
        return "GrvtConnector[grvt]";
    }
}
