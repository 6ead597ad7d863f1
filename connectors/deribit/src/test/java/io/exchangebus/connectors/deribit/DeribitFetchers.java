package io.exchangebus.connectors.deribit;

import io.exchangebus.connectors.core.credentials.ApiCredentials;
import io.exchangebus.connectors.core.credentials.Secret;
import io.exchangebus.connectors.core.http.HttpSettings;
import io.exchangebus.connectors.core.session.Scheduler;
import io.exchangebus.connectors.deribit.auth.DeribitGrantType;
import io.exchangebus.connectors.deribit.auth.DeribitLogin;
import io.exchangebus.connectors.deribit.http.DeribitHttpClient;
import io.exchangebus.connectors.deribit.ws.DeribitLimits;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A fetcher for tests, logged in with client credentials, token renewal timed by no one (tests are short). */
final class DeribitFetchers {

    private DeribitFetchers() {
    }

    static DeribitDataFetcher forSimulator(URI restBase, String account, String clientId, String secret,
                                           List<String> currencies) {
        return forSimulator(restBase, new ApiCredentials(account, clientId, Secret.of(secret)), currencies);
    }

    static DeribitDataFetcher forSimulator(URI restBase, ApiCredentials credentials, List<String> currencies) {
        String account = credentials.account();
        DeribitLogin login = new DeribitLogin(credentials, DeribitGrantType.CLIENT_CREDENTIALS, Optional.empty(),
                Clock.systemUTC());
        Scheduler none = (delay, task) -> () -> { };
        DeribitHttpClient http = new DeribitHttpClient(DeribitHttpClient.defaultSettings(restBase)
                .withRetry(new HttpSettings.RetryPolicy(1, Duration.ofMillis(10), 2, Duration.ofMillis(10))),
                new DeribitLimits(Clock.systemUTC()), Duration.ofSeconds(5), login, none, Clock.systemUTC());
        return new DeribitDataFetcher(http, account, currencies);
    }
}
