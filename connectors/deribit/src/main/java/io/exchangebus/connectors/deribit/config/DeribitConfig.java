package io.exchangebus.connectors.deribit.config;

import io.exchangebus.connectors.core.ws.WsSettings;
import io.exchangebus.connectors.deribit.ws.DeribitRpcSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What a Deribit role needs from configuration: the endpoints, timeouts, and for a private (or raw-book) role the
 * account. Built by {@code DeribitConnector} from checked settings, or directly in tests.
 *
 * @param endpoints         where
 * @param requestTimeout    how long a request waits for its answer
 * @param heartbeatInterval heartbeat of connections without an account
 * @param maxCreditWait     how long a request may wait for credits
 * @param account           the account; empty for public market data
 * @param wsTuning          adjusts every connection's settings (backoff, timeouts), e.g. for tests
 */
public record DeribitConfig(DeribitEndpoints endpoints, Duration requestTimeout, Duration heartbeatInterval,
                            Duration maxCreditWait, Optional<DeribitAccount> account,
                            UnaryOperator<WsSettings.Builder> wsTuning) {

    public DeribitConfig {
        Objects.requireNonNull(endpoints, "endpoints");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(maxCreditWait, "maxCreditWait");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(wsTuning, "wsTuning");
    }

    /** Public, with defaults: 10 s request timeout and heartbeat, 5 s credit wait. */
    public static DeribitConfig publicOnly(DeribitEndpoints endpoints) {
        return new DeribitConfig(endpoints, Duration.ofSeconds(10), DeribitRpcSettings.DEFAULT_HEARTBEAT,
                Duration.ofSeconds(5), Optional.empty(), UnaryOperator.identity());
    }

    public DeribitConfig withAccount(DeribitAccount account) {
        return new DeribitConfig(endpoints, requestTimeout, heartbeatInterval, maxCreditWait, Optional.of(account),
                wsTuning);
    }

    public DeribitConfig withWsTuning(UnaryOperator<WsSettings.Builder> tuning) {
        return new DeribitConfig(endpoints, requestTimeout, heartbeatInterval, maxCreditWait, account, tuning);
    }

    /**
     * The settings of one role's connection: named {@code deribit-<role>}, logged in as the account (scope
     * {@code session:<name>-<role>}) when there is one, with its heartbeat and, if {@code orders}, its
     * cancel-on-disconnect.
     */
    public DeribitRpcSettings rpc(String role, boolean orders, Clock clock) {
        DeribitRpcSettings base = new DeribitRpcSettings("deribit-" + role, endpoints.ws(), Optional.empty(),
                heartbeatInterval, Optional.empty(), requestTimeout, maxCreditWait, wsTuning);
        if (account.isEmpty()) {
            return base;
        }
        DeribitAccount a = account.get();
        return base.withLogin(a.login(role, clock)).withHeartbeat(a.heartbeatInterval())
                .withCancelOnDisconnect(orders ? a.cancelOnDisconnect() : Optional.empty());
    }
}
