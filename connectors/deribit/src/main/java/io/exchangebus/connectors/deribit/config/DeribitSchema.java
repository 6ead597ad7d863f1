package io.exchangebus.connectors.deribit.config;

import io.exchangebus.connectors.core.credentials.CredentialException;
import io.exchangebus.connectors.core.spi.AccountSettings;
import io.exchangebus.connectors.core.spi.ConnectorConfigException;
import io.exchangebus.connectors.core.spi.ConnectorSchema;
import io.exchangebus.connectors.core.spi.ConnectorSettings;
import io.exchangebus.connectors.core.spi.EndpointSpec;
import io.exchangebus.connectors.core.spi.Environment;
import io.exchangebus.connectors.core.spi.KeyTypeSpec;
import io.exchangebus.connectors.core.spi.SettingKey;
import io.exchangebus.connectors.deribit.auth.DeribitGrantType;
import io.exchangebus.connectors.deribit.http.DeribitErrors;
import io.exchangebus.connectors.deribit.ws.DeribitRpcSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Everything configuration may say to the Deribit connector, declared once (the configuration reference is generated
 * from it), and the reading of checked settings into a {@link DeribitConfig}.
 *
 * <ul>
 * <li>Endpoints {@code ws-url} and {@code rest-url}, production {@code www.deribit.com}, testnet
 *     {@code test.deribit.com}.</li>
 * <li>Exchange settings {@code request-timeout}, {@code heartbeat-interval}.</li>
 * <li>Account settings {@code session-name}, {@code heartbeat-interval}, {@code grant-type},
 *     {@code cancel-on-disconnect}.</li>
 * <li>Key type {@code api-key}: the API key's client id and client secret.</li>
 * </ul>
 */
public final class DeribitSchema {

    public static final String WS_URL = "ws-url";
    public static final String REST_URL = "rest-url";
    public static final String REQUEST_TIMEOUT = "request-timeout";
    public static final String HEARTBEAT_INTERVAL = "heartbeat-interval";
    public static final String SESSION_NAME = "session-name";
    public static final String GRANT_TYPE = "grant-type";
    public static final String CANCEL_ON_DISCONNECT = "cancel-on-disconnect";
    public static final String KEY_TYPE = "api-key";

    static final SettingKey<Duration> REQUEST_TIMEOUT_KEY = SettingKey.duration(REQUEST_TIMEOUT,
                    Duration.ofSeconds(10), "How long a JSON-RPC request waits for its answer.")
            .check(d -> !d.isZero(), "must be more than 0");
    static final SettingKey<Duration> HEARTBEAT_KEY = heartbeat("of connections without an account");
    static final SettingKey<Duration> ACCOUNT_HEARTBEAT_KEY = heartbeat("of this account's connections");
    static final SettingKey<String> SESSION_NAME_KEY = SettingKey.text(SESSION_NAME, "exbus",
                    "Base of the session:NAME scope of public/auth; each role's connection adds -md, -oms, -pms. "
                            + "Deribit allows 16 sessions per user.")
            .check(s -> s.matches("[A-Za-z0-9_-]{1,32}"), "must be 1 to 32 letters, digits, - or _");
    static final SettingKey<String> GRANT_TYPE_KEY = SettingKey.text(GRANT_TYPE, "client_signature",
                    "How each connection logs in: client_signature (an HMAC; the secret is never sent) or "
                            + "client_credentials (the secret is sent, over TLS).")
            .check(s -> DeribitGrantType.parse(s).isPresent(), "must be client_signature or client_credentials");
    /**
     * On by default: an order connection that drops (process killed, network lost, heartbeat missed) leaves no order
     * of ours resting unwatched on the book; a spurious cancel costs a requote, a stale quote can cost far more. The
     * OMS reads its open orders again after reconnecting, so the cancels are reported.
     */
    static final SettingKey<String> CANCEL_ON_DISCONNECT_KEY = SettingKey.text(CANCEL_ON_DISCONNECT, "connection",
                    "private/enable_cancel_on_disconnect on the order connection: connection (the orders it placed "
                            + "are canceled when it drops, so none rests unwatched), account (every order of the "
                            + "account; needs account:read_write) or off.")
            .check(s -> Set.of("off", "connection", "account").contains(s), "must be off, connection or account");

    public static final ConnectorSchema SCHEMA = new ConnectorSchema(DeribitErrors.EXCHANGE,
            List.of(Environment.PRODUCTION, Environment.TESTNET),
            List.of(endpoint(WS_URL, Set.of("ws", "wss"), DeribitEndpoints.PRODUCTION.ws(),
                            DeribitEndpoints.TESTNET.ws(), "JSON-RPC WebSocket: market data, login, orders."),
                    endpoint(REST_URL, Set.of("http", "https"), DeribitEndpoints.PRODUCTION.rest(),
                            DeribitEndpoints.TESTNET.rest(), "HTTP JSON-RPC base: instruments, state recovery.")),
            List.of(REQUEST_TIMEOUT_KEY, HEARTBEAT_KEY),
            List.of(SESSION_NAME_KEY, ACCOUNT_HEARTBEAT_KEY, GRANT_TYPE_KEY, CANCEL_ON_DISCONNECT_KEY),
            List.of(new KeyTypeSpec(KEY_TYPE, "Deribit API key: api-key is the client id, secret the client secret "
                    + "(signs client_signature with HMAC-SHA256).")));

    private DeribitSchema() {
    }

    /**
     * The config of roles without an account, settings checked.
     *
     * @throws ConnectorConfigException naming the key at fault
     */
    public static DeribitConfig config(ConnectorSettings settings) {
        SCHEMA.check(settings);
        DeribitEndpoints endpoints = new DeribitEndpoints(SCHEMA.endpoint(settings, WS_URL),
                SCHEMA.endpoint(settings, REST_URL));
        return new DeribitConfig(endpoints, REQUEST_TIMEOUT_KEY.get(settings), HEARTBEAT_KEY.get(settings),
                Duration.ofSeconds(5), Optional.empty(), UnaryOperator.identity());
    }

    /**
     * The config with {@code account}: its settings checked first, then its key and secret read.
     *
     * @throws ConnectorConfigException naming the key at fault; never quoting a secret
     */
    public static DeribitConfig config(ConnectorSettings settings, AccountSettings account) {
        DeribitConfig base = config(settings);
        SCHEMA.checkAccount(account);
        String exchange = DeribitErrors.EXCHANGE;
        String cod = CANCEL_ON_DISCONNECT_KEY.get(account, exchange);
        DeribitGrantType grant = DeribitGrantType.parse(GRANT_TYPE_KEY.get(account, exchange)).orElseThrow();
        try {
            return base.withAccount(new DeribitAccount(account.resolve(exchange), grant,
                    SESSION_NAME_KEY.get(account, exchange), ACCOUNT_HEARTBEAT_KEY.get(account, exchange),
                    cod.equals("off") ? Optional.empty() : Optional.of(cod)));
        } catch (CredentialException e) {
            throw new ConnectorConfigException(exchange, "account." + account.account() + ".secret", e.getMessage());
        }
    }

    private static SettingKey<Duration> heartbeat(String whose) {
        return SettingKey.duration(HEARTBEAT_INTERVAL, DeribitRpcSettings.DEFAULT_HEARTBEAT,
                        "public/set_heartbeat interval " + whose + ": whole seconds, at least 10s (Deribit's minimum).")
                .check(d -> d.compareTo(DeribitRpcSettings.MIN_HEARTBEAT) >= 0 && d.toMillis() % 1000 == 0,
                        d -> "must be whole seconds, at least 10s, was " + d.toMillis() + "ms");
    }

    private static EndpointSpec endpoint(String name, Set<String> schemes, URI production, URI testnet,
                                         String description) {
        return new EndpointSpec(name, schemes, Map.of(Environment.PRODUCTION, production, Environment.TESTNET,
                testnet), description);
    }
}
