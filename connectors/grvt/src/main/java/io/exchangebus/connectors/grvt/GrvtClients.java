package io.exchangebus.connectors.grvt;

import io.exchangebus.connectors.core.session.Scheduler;
import io.exchangebus.connectors.grvt.config.GrvtAccount;
import io.exchangebus.connectors.grvt.config.GrvtConfig;
import io.exchangebus.connectors.grvt.http.GrvtLoginSession;
import io.exchangebus.connectors.grvt.http.GrvtRestClient;
import io.exchangebus.connectors.grvt.ws.GrvtRpc;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Builds the transport of one role from its {@link GrvtConfig}: the account's {@link GrvtLoginSession}, the
 * {@link GrvtRestClient} over it, and the {@link GrvtRpc} connections (the trades host's with the session's cookie
 * on every handshake). Each role owns what it builds and closes it. For the OMS as for the other roles.
 */
public final class GrvtClients {

    /** Times cookie renewals of every session this process builds; a daemon thread. */
    private static final ScheduledExecutorService RENEWALS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "grvt-session-renewal");
        t.setDaemon(true);
        return t;
    });

    private final GrvtConfig config;
    private final Clock clock;

    public GrvtClients(GrvtConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public GrvtConfig config() {
        return config;
    }

    /** The account's session (logs in on first use); throws if the config has no account. */
    public GrvtLoginSession session() {
        GrvtAccount account = config.account().orElseThrow(() -> new IllegalStateException("no GRVT account"));
        return new GrvtLoginSession(GrvtRestClient.transport(config.endpoints().edge(), config.httpTuning()),
                account.login(), Scheduler.of(RENEWALS), clock);
    }

    /** A REST client: private calls through {@code session}, or public only when it is null. */
    public GrvtRestClient rest(GrvtLoginSession session) {
        return new GrvtRestClient(GrvtRestClient.transport(config.endpoints().trades(), config.httpTuning()),
                GrvtRestClient.transport(config.endpoints().marketData(), config.httpTuning()), session);
    }

    /** The market-data host's {@code /ws/full}, public streams. */
    public GrvtRpc marketData(String role, GrvtRpc.Events events) {
        return new GrvtRpc(config.ws(role, config.marketDataWs()).build(), config.requestTimeout(), events, clock);
    }

    /** The trades host's {@code /ws/full}, with {@code session}'s cookie and account header on each handshake. */
    public GrvtRpc trades(String role, GrvtLoginSession session, GrvtRpc.Events events) {
        Objects.requireNonNull(session, "session");
        return new GrvtRpc(config.ws(role, config.tradesWs()).handshakeHeaders(session::handshakeHeaders).build(),
                config.requestTimeout(), events, clock);
    }
}
