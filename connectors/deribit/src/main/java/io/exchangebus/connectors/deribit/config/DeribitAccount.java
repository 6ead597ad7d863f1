package io.exchangebus.connectors.deribit.config;

import io.exchangebus.connectors.core.credentials.ApiCredentials;
import io.exchangebus.connectors.deribit.auth.DeribitAuth;
import io.exchangebus.connectors.deribit.auth.DeribitGrantType;
import io.exchangebus.connectors.deribit.auth.DeribitLogin;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One account's Deribit settings, its secret read.
 *
 * @param credentials        client id ({@code apiKey}) and client secret
 * @param grantType          how each socket logs in
 * @param sessionName        the {@code session:NAME} scope's base; each role's connection adds its own suffix
 *                           ({@code exbus-md}, {@code exbus-oms}): Deribit allows 16 sessions per user
 * @param heartbeatInterval  {@code public/set_heartbeat} interval of this account's connections
 * @param cancelOnDisconnect {@code connection} or {@code account}; empty: not enabled
 */
public record DeribitAccount(ApiCredentials credentials, DeribitGrantType grantType, String sessionName,
                             Duration heartbeatInterval, Optional<String> cancelOnDisconnect) {

    public DeribitAccount {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(grantType, "grantType");
        DeribitAuth.sessionScope(sessionName);
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(cancelOnDisconnect, "cancelOnDisconnect");
    }

    /** The login of one role's connection: scope {@code session:<sessionName>-<role>}. */
    public DeribitLogin login(String role, Clock clock) {
        return new DeribitLogin(credentials, grantType, Optional.of(DeribitAuth.sessionScope(sessionName + "-" + role)),
                clock);
    }

    @Override
    public String toString() {
        return "DeribitAccount[" + credentials + ", grant=" + grantType.wireName() + ", session=" + sessionName
                + ", heartbeat=" + heartbeatInterval + ", cancelOnDisconnect=" + cancelOnDisconnect.orElse("off")
                + "]";
    }
}
