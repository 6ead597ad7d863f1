package io.exchangebus.connectors.binance;

import io.exchangebus.connectors.binance.auth.BinanceKeyType;
import io.exchangebus.connectors.binance.auth.BinanceSigner;
import io.exchangebus.connectors.binance.config.BinanceConfig;
import io.exchangebus.connectors.binance.config.BinanceEndpoints;
import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.binance.http.BinanceRestClient;
import io.exchangebus.connectors.binance.mapping.BinanceNormalizer;
import io.exchangebus.connectors.binance.mapping.InstrumentMapping;
import io.exchangebus.connectors.binance.mapping.SymbolGuess;
import io.exchangebus.connectors.binance.ws.BinanceUserDataStream;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.credentials.CredentialException;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentId;
import io.exchangebus.connectors.core.instrument.InstrumentList;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.instrument.SkippedInstrument;
import io.exchangebus.connectors.core.spi.AccountSettings;
import io.exchangebus.connectors.core.spi.ConnectorConfigException;
import io.exchangebus.connectors.core.spi.ConnectorSchema;
import io.exchangebus.connectors.core.spi.ConnectorSettings;
import io.exchangebus.connectors.core.spi.EndpointSpec;
import io.exchangebus.connectors.core.spi.Environment;
import io.exchangebus.connectors.core.spi.ExchangeConnector;
import io.exchangebus.connectors.core.spi.KeyTypeSpec;
import io.exchangebus.connectors.core.spi.OfflineNormalizer;
import io.exchangebus.connectors.core.spi.SettingKey;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ExchangeConnector} of one Binance family ({@code binance-spot} or {@code binance-usdm}): configuration
 * to {@link BinanceConfig} and {@link BinanceSigner}, then the four Binance roles.
 *
 * <p>What configuration may say is declared once in {@link #schema()}: the three endpoints with Binance's
 * production and testnet URIs, {@code recv-window}, {@code streams-per-connection} and {@code request-timeout}, and the
 * key types {@code hmac} and {@code ed25519}. The configuration reference ({@code docs/configuration.md}) is generated
 * from it.
 *
 * <p>With {@link Environment#CUSTOM} (a simulator, a proxy) all three endpoints must be given. Thread-safe and
 * stateless.
 */
public final class BinanceConnector implements ExchangeConnector {

    public static final String REST_URL = "rest-url";
    public static final String STREAM_URL = "stream-url";
    public static final String WS_API_URL = "ws-api-url";
    public static final String RECV_WINDOW = "recv-window";
    public static final String STREAMS_PER_CONNECTION = "streams-per-connection";
    public static final String REQUEST_TIMEOUT = "request-timeout";

    private static final Map<String, BinanceKeyType> KEY_TYPES =
            Map.of("hmac", BinanceKeyType.HMAC, "ed25519", BinanceKeyType.ED25519);
    private static final SettingKey<Duration> RECV_WINDOW_KEY = SettingKey.duration(RECV_WINDOW, Duration.ofSeconds(5),
                    "How long after its timestamp a signed request stays valid (Binance's recvWindow), at most 60s.")
            .check(d -> !d.isZero() && d.compareTo(BinanceConfig.MAX_RECV_WINDOW) <= 0,
                    d -> "must be more than 0 and at most 60s, was " + d.toMillis() + "ms");
    private static final SettingKey<Duration> REQUEST_TIMEOUT_KEY = SettingKey.duration(REQUEST_TIMEOUT,
                    Duration.ofSeconds(10), "How long a WebSocket API request waits for its answer.")
            .check(d -> !d.isZero(), "must be more than 0");
    private static final Logger LOG = LoggerFactory.getLogger(BinanceConnector.class);

    private final BinanceVenue venue;
    private final SettingKey<Integer> streamsPerConnection;
    private final ConnectorSchema schema;

    public BinanceConnector(BinanceVenue venue) {
        this.venue = Objects.requireNonNull(venue, "venue");
        this.streamsPerConnection = streamsPerConnection(venue);
        this.schema = schema(venue, streamsPerConnection);
    }

    @Override
    public String exchange() {
        return venue.exchange();
    }

    public BinanceVenue venue() {
        return venue;
    }

    @Override
    public ConnectorSchema schema() {
        return schema;
    }

    private static ConnectorSchema schema(BinanceVenue venue, SettingKey<Integer> streamsPerConnection) {
        BinanceEndpoints production = BinanceEndpoints.production(venue);
        BinanceEndpoints testnet = BinanceEndpoints.testnet(venue);
        return new ConnectorSchema(venue.exchange(), List.of(Environment.PRODUCTION, Environment.TESTNET), List.of(
                endpoint(REST_URL, Set.of("http", "https"), production.rest(), testnet.rest(), "REST API base."),
                endpoint(STREAM_URL, Set.of("ws", "wss"), production.streams(), testnet.streams(),
                        "Market-stream base, to which /ws/<stream> and /stream?streams= are appended."),
                endpoint(WS_API_URL, Set.of("ws", "wss"), production.wsApi(), testnet.wsApi(),
                        "WebSocket API: order entry, and on spot the user-data subscription.")),
                List.of(RECV_WINDOW_KEY, streamsPerConnection, REQUEST_TIMEOUT_KEY), List.of(),
                List.of(new KeyTypeSpec("hmac", "HMAC-SHA256: the secret is the API secret as text."),
                        new KeyTypeSpec("ed25519", "Ed25519: the secret is the private key in PKCS#8 PEM; the "
                                + "WebSocket API session is logged on once instead of signing each request.")));
    }

    private static EndpointSpec endpoint(String name, Set<String> schemes, URI production, URI testnet,
                                         String description) {
        return new EndpointSpec(name, schemes, Map.of(Environment.PRODUCTION, production, Environment.TESTNET,
                testnet), description);
    }

    private static SettingKey<Integer> streamsPerConnection(BinanceVenue venue) {
        int limit = venue.streamsPerConnection();
        return SettingKey.integer(STREAMS_PER_CONNECTION, limit, "Most market streams on one connection, at most "
                        + "Binance's limit (spot 1024, USD-M 200).")
                .defaultShownAs("Binance's limit")
                .check(n -> n >= 1 && n <= limit, n -> "must be in [1, " + limit + "] (Binance's limit), was " + n);
    }

    @Override
    public void validate(ConnectorSettings settings) {
        config(settings);
    }

    /**
     * The config of the roles without an account (the Subscriber's).
     *
     * @throws ConnectorConfigException naming the key at fault
     */
    public BinanceConfig config(ConnectorSettings settings) {
        return builder(settings).build();
    }

    /**
     * The signer of {@code account}, its key and secret read now.
     *
     * @throws ConnectorConfigException naming the account's key type, key or secret; never quoting a secret
     */
    public BinanceSigner signer(AccountSettings account) {
        schema.checkAccount(account);
        BinanceKeyType type = KEY_TYPES.get(account.keyType());
        try {
            return BinanceSigner.of(account.resolve(exchange()), type);
        } catch (CredentialException e) {
            throw new ConnectorConfigException(exchange(), "account." + account.account() + ".secret",
                    e.getMessage());
        }
    }

    @Override
    public CompletableFuture<Result<List<InstrumentDefinition>>> instruments(ConnectorSettings settings) {
        return instrumentList(settings).thenApply(r -> r.map(InstrumentList::instruments));
    }

    /** exchangeInfo's symbols; one that cannot be mapped is skipped with its reason. */
    @Override
    public CompletableFuture<Result<InstrumentList>> instrumentList(ConnectorSettings settings) {
        BinanceRestClient rest = new BinanceRestClient(config(settings));
        return ExchangeInfo.fetch(rest, venue)
                .thenApply(r -> r.map(m -> new InstrumentList(m.instruments(), m.skipped().stream()
                        .map(s -> new SkippedInstrument(s.symbol(), s.reason())).toList())))
                .whenComplete((r, e) -> rest.close());
    }

    /** By {@link SymbolGuess}: the quote asset by suffix, USD-M's delivery date after an underscore. */
    @Override
    public Optional<InstrumentId> instrumentIdOf(String symbol) {
        return SymbolGuess.instrumentId(venue, symbol).map(InstrumentId::parse);
    }

    /** {@link BinanceNormalizer}, with ids {@link SymbolGuess guessed} from the symbols. */
    @Override
    public Optional<OfflineNormalizer> offlineNormalizer(OfflineNormalizer.Options options) {
        return Optional.of(BinanceNormalizer.guessingIds(venue, options.account(), options.symbol()));
    }

    @Override
    public BinanceSubscriber subscriber(ConnectorSettings settings, InstrumentRegistry instruments) {
        return new BinanceSubscriber(config(settings), checked(instruments));
    }

    @Override
    public BinanceOms oms(ConnectorSettings settings, AccountSettings account, InstrumentRegistry instruments) {
        return new BinanceOms(config(settings, account), checked(instruments));
    }

    @Override
    public BinancePms pms(ConnectorSettings settings, AccountSettings account, InstrumentRegistry instruments) {
        return new BinancePms(config(settings, account), checked(instruments),
                BinanceUserDataStream.DEFAULT_KEEP_ALIVE, UnaryOperator.identity());
    }

    @Override
    public BinanceDataFetcher dataFetcher(ConnectorSettings settings, AccountSettings account,
                                          InstrumentRegistry instruments) {
        return new BinanceDataFetcher(config(settings, account), checked(instruments));
    }

    private BinanceConfig config(ConnectorSettings settings, AccountSettings account) {
        BinanceConfig.Builder builder = builder(settings);
        return builder.signer(signer(account)).build();
    }

    /** Every check that needs no secret, so that a bad setting is reported before any secret is read. */
    private BinanceConfig.Builder builder(ConnectorSettings settings) {
        schema.check(settings);
        BinanceEndpoints endpoints = new BinanceEndpoints(venue, schema.endpoint(settings, REST_URL),
                schema.endpoint(settings, STREAM_URL), schema.endpoint(settings, WS_API_URL));
        return BinanceConfig.builder(endpoints).recvWindow(RECV_WINDOW_KEY.get(settings))
                .streamsPerConnection(streamsPerConnection.get(settings))
                .requestTimeout(REQUEST_TIMEOUT_KEY.get(settings));
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
        return "BinanceConnector[" + exchange() + "]";
    }
}
