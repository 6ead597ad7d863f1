package io.exchangebus.connectors.binance;

import io.exchangebus.connectors.binance.auth.BinanceKeyType;
import io.exchangebus.connectors.binance.auth.BinanceSigner;
import io.exchangebus.connectors.binance.config.BinanceConfig;
import io.exchangebus.connectors.binance.config.BinanceEndpoints;
import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.binance.http.BinanceRestClient;
import io.exchangebus.connectors.binance.mapping.InstrumentMapping;
import io.exchangebus.connectors.binance.ws.BinanceUserDataStream;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.credentials.CredentialException;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.spi.AccountSettings;
import io.exchangebus.connectors.core.spi.ConnectorConfigException;
import io.exchangebus.connectors.core.spi.ConnectorSettings;
import io.exchangebus.connectors.core.spi.Environment;
import io.exchangebus.connectors.core.spi.ExchangeConnector;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ExchangeConnector} of one Binance family ({@code binance-spot} or {@code binance-usdm}): configuration
 * to {@link BinanceConfig} and {@link BinanceSigner}, then the four Binance roles.
 *
 * <table>
 * <caption>What configuration may say</caption>
 * <tr><th>key</th><th>type</th><th>default</th><th>meaning</th></tr>
 * <tr><td>endpoints.rest-url</td><td>http(s) URI</td><td>the environment's</td><td>REST base</td></tr>
 * <tr><td>endpoints.stream-url</td><td>ws(s) URI</td><td>the environment's</td><td>market-stream base</td></tr>
 * <tr><td>endpoints.ws-api-url</td><td>ws(s) URI</td><td>the environment's</td><td>WebSocket API</td></tr>
 * <tr><td>settings.recv-window</td><td>duration</td><td>5s</td><td>validity of a signed request, at most
 *     60s</td></tr>
 * <tr><td>settings.streams-per-connection</td><td>integer</td><td>Binance's limit (spot 1024, USD-M 200)</td>
 *     <td>most market streams on one connection, at most the default</td></tr>
 * <tr><td>settings.request-timeout</td><td>duration</td><td>10s</td><td>how long a WebSocket API request waits
 *     for its answer</td></tr>
 * <tr><td>account key-type</td><td>hmac | ed25519</td><td></td><td>HMAC secret, or Ed25519 private key in
 *     PKCS#8 PEM</td></tr>
 * </table>
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

    private static final Set<String> ENDPOINTS = Set.of(REST_URL, STREAM_URL, WS_API_URL);
    private static final Set<String> SETTINGS = Set.of(RECV_WINDOW, STREAMS_PER_CONNECTION, REQUEST_TIMEOUT);
    private static final Map<String, BinanceKeyType> KEY_TYPES =
            Map.of("hmac", BinanceKeyType.HMAC, "ed25519", BinanceKeyType.ED25519);
    private static final Logger LOG = LoggerFactory.getLogger(BinanceConnector.class);

    private final BinanceVenue venue;

    public BinanceConnector(BinanceVenue venue) {
        this.venue = Objects.requireNonNull(venue, "venue");
    }

    @Override
    public String exchange() {
        return venue.exchange();
    }

    public BinanceVenue venue() {
        return venue;
    }

    @Override
    public Set<String> endpointNames() {
        return ENDPOINTS;
    }

    @Override
    public Set<String> settingNames() {
        return SETTINGS;
    }

    @Override
    public Set<String> keyTypes() {
        return KEY_TYPES.keySet();
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
        BinanceKeyType type = KEY_TYPES.get(account.keyType().toLowerCase(Locale.ROOT));
        if (type == null) {
            throw new ConnectorConfigException(exchange(), "account." + account.account() + ".key-type",
                    "must be one of " + new TreeSet<>(KEY_TYPES.keySet()) + ", was '" + account.keyType() + "'");
        }
        try {
            return BinanceSigner.of(account.resolve(exchange()), type);
        } catch (CredentialException e) {
            throw new ConnectorConfigException(exchange(), "account." + account.account() + ".secret",
                    e.getMessage());
        }
    }

    @Override
    public CompletableFuture<Result<List<InstrumentDefinition>>> instruments(ConnectorSettings settings) {
        BinanceRestClient rest = new BinanceRestClient(config(settings));
        return ExchangeInfo.fetch(rest, venue)
                .thenApply(r -> r.map(InstrumentMapping.Mapped::instruments))
                .whenComplete((r, e) -> rest.close());
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
        if (!exchange().equals(settings.exchange())) {
            throw new ConnectorConfigException(settings.exchange(), "exchange",
                    "is not served by the connector of " + exchange());
        }
        settings.requireKnown(ENDPOINTS, SETTINGS);
        BinanceConfig.Builder builder = BinanceConfig.builder(endpoints(settings));
        Optional<Duration> recvWindow = settings.duration(RECV_WINDOW);
        if (recvWindow.isPresent()) {
            Duration d = recvWindow.get();
            if (d.isZero() || d.compareTo(BinanceConfig.MAX_RECV_WINDOW) > 0) {
                throw settings.invalid(RECV_WINDOW, "must be more than 0 and at most 60s, was " + d.toMillis() + "ms");
            }
            builder.recvWindow(d);
        }
        var streams = settings.integer(STREAMS_PER_CONNECTION);
        if (streams.isPresent()) {
            int n = streams.getAsInt();
            if (n < 1 || n > venue.streamsPerConnection()) {
                throw settings.invalid(STREAMS_PER_CONNECTION, "must be in [1, " + venue.streamsPerConnection()
                        + "] (Binance's limit), was " + n);
            }
            builder.streamsPerConnection(n);
        }
        Optional<Duration> requestTimeout = settings.duration(REQUEST_TIMEOUT);
        if (requestTimeout.isPresent()) {
            if (requestTimeout.get().isZero()) {
                throw settings.invalid(REQUEST_TIMEOUT, "must be more than 0");
            }
            builder.requestTimeout(requestTimeout.get());
        }
        return builder;
    }

    private BinanceEndpoints endpoints(ConnectorSettings settings) {
        BinanceEndpoints base = switch (settings.environment()) {
            case PRODUCTION -> BinanceEndpoints.production(venue);
            case TESTNET -> BinanceEndpoints.testnet(venue);
            case CUSTOM -> null;
        };
        return new BinanceEndpoints(venue,
                endpoint(settings, REST_URL, base == null ? null : base.rest(), "http", "https"),
                endpoint(settings, STREAM_URL, base == null ? null : base.streams(), "ws", "wss"),
                endpoint(settings, WS_API_URL, base == null ? null : base.wsApi(), "ws", "wss"));
    }

    private static URI endpoint(ConnectorSettings settings, String name, URI standard, String... schemes) {
        URI uri = standard == null ? settings.requireEndpoint(name) : settings.endpoint(name).orElse(standard);
        if (!List.of(schemes).contains(uri.getScheme())) {
            throw new ConnectorConfigException(settings.exchange(), "endpoints." + name,
                    "must be a " + String.join(" or ", schemes) + " URI, was scheme " + uri.getScheme());
        }
        return uri;
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
