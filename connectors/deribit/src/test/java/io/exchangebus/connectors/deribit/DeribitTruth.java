package io.exchangebus.connectors.deribit;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.http.HttpSettings;
import io.exchangebus.connectors.core.session.Scheduler;
import io.exchangebus.connectors.deribit.auth.DeribitGrantType;
import io.exchangebus.connectors.deribit.auth.DeribitLogin;
import io.exchangebus.connectors.deribit.http.DeribitHttpClient;
import io.exchangebus.connectors.deribit.testing.DeribitSimulatorProbe;
import io.exchangebus.connectors.deribit.ws.DeribitLimits;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The simulator's account as its own HTTP API answers, with exact numbers, and orders placed through it: what the
 * PMS tests judge against. Logged in with client credentials on a session of its own.
 */
final class DeribitTruth implements AutoCloseable {

    private final DeribitHttpClient http;

    DeribitTruth(DeribitSimulatorProbe sim) {
        DeribitLogin login = new DeribitLogin(sim.credentials(), DeribitGrantType.CLIENT_CREDENTIALS,
                Optional.empty(), Clock.systemUTC());
        Scheduler none = (delay, task) -> () -> { };
        this.http = new DeribitHttpClient(DeribitHttpClient.defaultSettings(sim.simulator().restBaseUri())
                .withRetry(new HttpSettings.RetryPolicy(1, Duration.ofMillis(10), 2, Duration.ofMillis(10))),
                new DeribitLimits(Clock.systemUTC()), Duration.ofSeconds(5), login, none, Clock.systemUTC());
    }

    /** The result of {@code method}, or an AssertionError with Deribit's error. */
    JsonNode call(String method, Map<String, String> params) {
        try {
            Result<JsonNode> r = http.privateCall(method, params).get(10, TimeUnit.SECONDS);
            if (!r.isOk()) {
                throw new AssertionError(method + " " + params + ": " + r.error());
            }
            return r.value();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError(method + " " + params, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(method, e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
