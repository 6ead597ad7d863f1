package io.exchangebus.connectors.grvt.config;

import io.exchangebus.connectors.core.credentials.ApiCredentials;
import io.exchangebus.connectors.core.credentials.Secret;
import io.exchangebus.connectors.core.spi.AccountSettings;
import io.exchangebus.connectors.core.spi.ConnectorConfigException;
import io.exchangebus.connectors.core.spi.ConnectorSchema;
import io.exchangebus.connectors.core.spi.ConnectorSettings;
import io.exchangebus.connectors.core.spi.EndpointSpec;
import io.exchangebus.connectors.core.spi.Environment;
import io.exchangebus.connectors.core.spi.KeyTypeSpec;
import io.exchangebus.connectors.core.spi.SettingKey;
import io.exchangebus.connectors.grvt.GrvtOmsSettings;
import io.exchangebus.connectors.grvt.GrvtVenue;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Everything configuration may say to the GRVT connector, declared once, and the reading of checked settings into
 * a {@link GrvtConfig}.
 *
 * <ul>
 * <li>Environments production, testnet, staging, dev ({@link GrvtEnvironment}); custom for the simulator.</li>
 * <li>Endpoints {@code edge-url}, {@code trades-url}, {@code market-data-url} (REST hosts) and
 *     {@code trades-ws-url}, {@code market-data-ws-url} (their {@code /ws/full}).</li>
 * <li>Exchange settings {@code request-timeout}, {@code book-rate}, {@code account-poll-interval},
 *     {@code chain-id}, {@code signature-lifetime}.</li>
 * <li>Account settings {@code sub-account-id} (required by the private roles: the one trading sub-account they act
 *     for) and {@code funding-account}.</li>
 * <li>Key type {@code api-key}: api-key is GRVT's API key (it alone logs in, so it is kept as a secret), secret
 *     the EIP-712 signing key of the OMS.</li>
 * </ul>
 */
public final class GrvtSchema {

    public static final String EDGE_URL = "edge-url";
    public static final String TRADES_URL = "trades-url";
    public static final String MARKET_DATA_URL = "market-data-url";
    public static final String TRADES_WS_URL = "trades-ws-url";
    public static final String MARKET_DATA_WS_URL = "market-data-ws-url";
    public static final String SUB_ACCOUNT_ID = "sub-account-id";
    public static final String KEY_TYPE = "api-key";

    static final Environment STAGING = new Environment("staging");
    static final Environment DEV = new Environment("dev");
    private static final Map<Environment, GrvtEnvironment> ENVIRONMENTS = Map.of(Environment.PRODUCTION,
            GrvtEnvironment.PRODUCTION, Environment.TESTNET, GrvtEnvironment.TESTNET, STAGING,
            GrvtEnvironment.STAGING, DEV, GrvtEnvironment.DEV);

    static final SettingKey<Duration> REQUEST_TIMEOUT_KEY = SettingKey.duration("request-timeout",
                    Duration.ofSeconds(10), "How long a JSON-RPC request waits for its answer.")
            .check(d -> !d.isZero(), "must be more than 0");
    static final SettingKey<Integer> BOOK_RATE_KEY = SettingKey.integer("book-rate", 100,
                    "Rate in ms of the full-depth v1.book.d selector instrument@rate.")
            .check(r -> Set.of(50, 100, 500, 1000).contains(r), "must be 50, 100, 500 or 1000");
    static final SettingKey<Duration> POLL_KEY = SettingKey.duration("account-poll-interval", Duration.ofSeconds(5),
                    "How often the PMS reads account_summary: GRVT has no balance stream (it also reads after "
                            + "each fill).")
            .check(d -> d.toMillis() >= 100, "must be at least 100ms");
    static final SettingKey<Long> CHAIN_ID_KEY = SettingKey.longInteger("chain-id", null,
                    "EIP-712 chain id orders are signed for; default the environment's (325 production, 326 "
                            + "testnet, 327 staging and dev).")
            .check(c -> c > 0, "must be positive");
    static final SettingKey<Duration> SIGNATURE_LIFETIME_KEY = SettingKey.duration("signature-lifetime",
                    GrvtOmsSettings.DEFAULT_SIGNATURE_LIFETIME,
                    "How far ahead an order's EIP-712 signature expires, which bounds a resting order's life: GRVT "
                            + "cancels it then, and refuses more than 30 days (2008). The default keeps orders as "
                            + "long as GRVT allows, less an hour for clocks.")
            .check(d -> !d.isZero() && !d.isNegative()
                            && d.compareTo(GrvtOmsSettings.MAX_SIGNATURE_LIFETIME) <= 0,
                    "must be above 0 and at most 30 days (720h)");
    static final SettingKey<String> SUB_ACCOUNT_KEY = SettingKey.text(SUB_ACCOUNT_ID, null,
                    "The trading sub-account the account's roles act for (sub_account_id, uint64 in decimal); "
                            + "several sub-accounts under one API key are several accounts with the same key.")
            .check(s -> s.strip().matches("[0-9]{1,20}")
                            && new BigInteger(s.strip()).compareTo(BigInteger.ONE.shiftLeft(64)) < 0,
                    "must be one sub-account id, a uint64 in decimal");
    static final SettingKey<Boolean> FUNDING_KEY = SettingKey.bool("funding-account", false,
            "Whether the PMS also polls the main (funding) account's balances, reported as sub-account funding.");

    public static final ConnectorSchema SCHEMA = new ConnectorSchema(GrvtVenue.EXCHANGE,
            List.of(Environment.PRODUCTION, Environment.TESTNET, STAGING, DEV),
            List.of(endpoint(EDGE_URL, Set.of("http", "https"), GrvtEndpoints::edge, "API-key login host."),
                    endpoint(TRADES_URL, Set.of("http", "https"), GrvtEndpoints::trades,
                            "Private REST host: accounts, orders, histories."),
                    endpoint(MARKET_DATA_URL, Set.of("http", "https"), GrvtEndpoints::marketData,
                            "Public REST host: instruments."),
                    endpoint(TRADES_WS_URL, Set.of("ws", "wss"), GrvtEndpoints::tradesWebSocket,
                            "JSON-RPC /ws/full of the trades host: private streams, orders."),
                    endpoint(MARKET_DATA_WS_URL, Set.of("ws", "wss"), GrvtEndpoints::marketDataWebSocket,
                            "JSON-RPC /ws/full of the market-data host: public streams.")),
            List.of(REQUEST_TIMEOUT_KEY, BOOK_RATE_KEY, POLL_KEY, CHAIN_ID_KEY, SIGNATURE_LIFETIME_KEY),
            List.of(SUB_ACCOUNT_KEY, FUNDING_KEY),
            List.of(new KeyTypeSpec(KEY_TYPE, "GRVT API key (api-key; logs in on the edge host) and the EIP-712 "
                    + "signing key of the OMS (secret, hex).")));

    private GrvtSchema() {
    }

    /**
     * The config of roles without an account, settings checked.
     *
     * @throws ConnectorConfigException naming the key at fault
     */
    public static GrvtConfig config(ConnectorSettings settings) {
        SCHEMA.check(settings);
        GrvtEnvironment env = ENVIRONMENTS.getOrDefault(settings.environment(), GrvtEnvironment.TESTNET);
        GrvtEndpoints endpoints = new GrvtEndpoints(env, SCHEMA.endpoint(settings, EDGE_URL),
                SCHEMA.endpoint(settings, TRADES_URL), SCHEMA.endpoint(settings, MARKET_DATA_URL),
                CHAIN_ID_KEY.find(settings).orElse(env.chainId()));
        return new GrvtConfig(endpoints, SCHEMA.endpoint(settings, TRADES_WS_URL),
                SCHEMA.endpoint(settings, MARKET_DATA_WS_URL), REQUEST_TIMEOUT_KEY.get(settings),
                BOOK_RATE_KEY.get(settings), POLL_KEY.get(settings), SIGNATURE_LIFETIME_KEY.get(settings),
                Optional.empty(), UnaryOperator.identity(), UnaryOperator.identity());
    }

    /**
     * The config with {@code account}: its settings checked first ({@code sub-account-id} required), then its key
     * and secret read.
     *
     * @throws ConnectorConfigException naming the key at fault; never quoting a secret
     */
    public static GrvtConfig config(ConnectorSettings settings, AccountSettings account) {
        GrvtConfig base = config(settings);
        SCHEMA.checkAccount(account);
        String exchange = GrvtVenue.EXCHANGE;
        String subs = SUB_ACCOUNT_KEY.find(account, exchange).orElseThrow(() -> new ConnectorConfigException(exchange,
                "account." + account.account() + ".settings." + SUB_ACCOUNT_ID, "is required"));
        ApiCredentials credentials = account.resolve(exchange);
        return base.withAccount(new GrvtAccount(account.account(), Secret.of(credentials.apiKey()),
                subs.strip(), credentials.secret(),
                FUNDING_KEY.get(account, exchange)));
    }

    private static EndpointSpec endpoint(String name, Set<String> schemes, Function<GrvtEndpoints, URI> of,
                                         String description) {
        Map<Environment, URI> defaults = new HashMap<>();
        ENVIRONMENTS.forEach((env, grvt) -> defaults.put(env, of.apply(grvt.endpoints())));
        return new EndpointSpec(name, schemes, defaults, description);
    }
}
