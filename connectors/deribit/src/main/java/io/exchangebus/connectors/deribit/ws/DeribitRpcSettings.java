package io.exchangebus.connectors.deribit.ws;

import io.exchangebus.connectors.core.ws.WsSettings;
import io.exchangebus.connectors.deribit.auth.DeribitLogin;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One Deribit JSON-RPC WebSocket: where, as whom, how it is kept alive.
 *
 * @param name               the connection's name in events and thread names, e.g. "deribit-md"
 * @param uri                {@code wss://www.deribit.com/ws/api/v2} or a simulator's
 * @param login              the account's login (grant type, {@code session:NAME} scope); empty: public only
 * @param heartbeatInterval  {@code public/set_heartbeat} interval, at least 10 s (Deribit's minimum)
 * @param cancelOnDisconnect {@code private/enable_cancel_on_disconnect} scope ({@code connection} or
 *                           {@code account}) sent after login; empty: not sent (needs a login)
 * @param requestTimeout     how long a request waits for its answer
 * @param maxCreditWait      how long a request may wait for credits before it is refused locally
 * @param wsTuning           adjusts the connection's settings (backoff, timeouts), e.g. for tests
 */
public record DeribitRpcSettings(String name, URI uri, Optional<DeribitLogin> login, Duration heartbeatInterval,
                                 Optional<String> cancelOnDisconnect, Duration requestTimeout, Duration maxCreditWait,
                                 UnaryOperator<WsSettings.Builder> wsTuning) {

    /** Deribit refuses a shorter interval. */
    public static final Duration MIN_HEARTBEAT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(10);

    public DeribitRpcSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        if (heartbeatInterval.compareTo(MIN_HEARTBEAT) < 0 || heartbeatInterval.toNanos() % 1_000_000_000L != 0) {
            throw new IllegalArgumentException("heartbeatInterval must be whole seconds, at least 10 s (Deribit's "
                    + "minimum), was " + heartbeatInterval);
        }
        Objects.requireNonNull(cancelOnDisconnect, "cancelOnDisconnect");
        cancelOnDisconnect.ifPresent(scope -> {
            if (!scope.equals("connection") && !scope.equals("account")) {
                throw new IllegalArgumentException("cancelOnDisconnect is connection or account, was " + scope);
            }
            if (login.isEmpty()) {
                throw new IllegalArgumentException("cancelOnDisconnect needs a login");
            }
        });
        requirePositive(requestTimeout, "requestTimeout");
        Objects.requireNonNull(maxCreditWait, "maxCreditWait");
        Objects.requireNonNull(wsTuning, "wsTuning");
    }

    /** Public only, default heartbeat, 10 s request timeout, 5 s credit wait. */
    public static DeribitRpcSettings publicOnly(String name, URI uri) {
        return new DeribitRpcSettings(name, uri, Optional.empty(), DEFAULT_HEARTBEAT, Optional.empty(),
                Duration.ofSeconds(10), Duration.ofSeconds(5), UnaryOperator.identity());
    }

    public DeribitRpcSettings withLogin(DeribitLogin login) {
        return new DeribitRpcSettings(name, uri, Optional.of(login), heartbeatInterval, cancelOnDisconnect,
                requestTimeout, maxCreditWait, wsTuning);
    }

    public DeribitRpcSettings withHeartbeat(Duration interval) {
        return new DeribitRpcSettings(name, uri, login, interval, cancelOnDisconnect, requestTimeout, maxCreditWait,
                wsTuning);
    }

    public DeribitRpcSettings withCancelOnDisconnect(Optional<String> scope) {
        return new DeribitRpcSettings(name, uri, login, heartbeatInterval, scope, requestTimeout, maxCreditWait,
                wsTuning);
    }

    public DeribitRpcSettings withWsTuning(UnaryOperator<WsSettings.Builder> tuning) {
        return new DeribitRpcSettings(name, uri, login, heartbeatInterval, cancelOnDisconnect, requestTimeout,
                maxCreditWait, tuning);
    }

    public boolean authenticated() {
        return login.isPresent();
    }

    /**
     * The socket's settings: no app-level heartbeat of ours (Deribit's test requests keep it alive), silence
     * timeout three heartbeat intervals, then {@link #wsTuning}.
     */
    public WsSettings wsSettings() {
        WsSettings.Builder b = WsSettings.builder(name, uri).silenceTimeout(heartbeatInterval.multipliedBy(3));
        return wsTuning.apply(b).build();
    }

    private static void requirePositive(Duration d, String key) {
        Objects.requireNonNull(d, key);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be positive, was " + d);
        }
    }
}
