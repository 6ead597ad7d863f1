package io.exchangebus.connectors.deribit.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.credentials.ApiCredentials;
import io.exchangebus.connectors.core.credentials.Secret;
import io.exchangebus.connectors.core.http.HttpSettings;
import io.exchangebus.connectors.core.session.Scheduler;
import io.exchangebus.connectors.deribit.auth.DeribitGrantType;
import io.exchangebus.connectors.deribit.auth.DeribitLogin;
import io.exchangebus.connectors.deribit.ws.DeribitLimits;
import io.exchangebus.events.ErrorKind;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeribitHttpClientTest {

    private static final String SECRET = "s3cr3t-never-shown";
    private static final String AUTH = "{\"access_token\":\"tok-1\",\"expires_in\":900,\"refresh_token\":\"ref-1\","
            + "\"scope\":\"connection\",\"token_type\":\"bearer\"}";
    private static final Scheduler NO_TIMER = (delay, task) -> () -> { };

    private final StubDeribitHttp stub = new StubDeribitHttp();
    private DeribitHttpClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        stub.close();
    }

    private DeribitHttpClient account(DeribitLimits credits) {
        DeribitLogin login = new DeribitLogin(new ApiCredentials("main", "key-1", Secret.of(SECRET)),
                DeribitGrantType.CLIENT_CREDENTIALS, Optional.empty(), Clock.systemUTC());
        client = new DeribitHttpClient(settings(), credits, Duration.ZERO, login, NO_TIMER, Clock.systemUTC());
        return client;
    }

    private HttpSettings settings() {
        return DeribitHttpClient.defaultSettings(stub.base())
                .withRetry(new HttpSettings.RetryPolicy(1, Duration.ofMillis(10), 2, Duration.ofMillis(10)));
    }

    private static <T> Result<T> await(java.util.concurrent.CompletableFuture<Result<T>> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldCallAPublicMethodWithItsParamsAndNoToken() throws Exception {
        stub.result("public/get_instruments", "[{\"instrument_name\":\"BTC-PERPETUAL\"}]");
        client = new DeribitHttpClient(settings(), new DeribitLimits(Clock.systemUTC()), Duration.ZERO);

        Result<JsonNode> r = await(client.publicCall("public/get_instruments", Map.of("currency", "BTC")));

        assertThat(r.value().get(0).get("instrument_name").asText()).isEqualTo("BTC-PERPETUAL");
        assertThat(stub.hits()).singleElement().satisfies(h -> {
            assertThat(h.path()).isEqualTo("/api/v2/public/get_instruments");
            assertThat(h.query()).containsExactlyEntriesOf(Map.of("currency", "BTC"));
            assertThat(h.authorization()).isNull();
        });
    }

    @Test
    void shouldLogInOnceAndSendTheBearerTokenOnPrivateCalls() throws Exception {
        stub.result("public/auth", AUTH).result("private/get_positions", "[]");
        account(new DeribitLimits(Clock.systemUTC()));

        assertThat(await(client.privateCall("private/get_positions", Map.of("currency", "any"))).isOk()).isTrue();
        assertThat(await(client.privateCall("private/get_positions", Map.of("currency", "any"))).isOk()).isTrue();

        // public/auth as a POST body: the secret is never in a URL.
        assertThat(stub.hits("public/auth")).singleElement().satisfies(h -> {
            assertThat(h.method()).isEqualTo("POST");
            assertThat(h.query()).isEmpty();
            JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(h.body());
            assertThat(body.path("method").asText()).isEqualTo("public/auth");
            assertThat(body.path("params").path("grant_type").asText()).isEqualTo("client_credentials");
            assertThat(body.path("params").path("client_id").asText()).isEqualTo("key-1");
            assertThat(body.path("params").path("client_secret").asText()).isEqualTo(SECRET);
        });
        assertThat(stub.hits("private/get_positions")).hasSize(2).allSatisfy(h -> {
            assertThat(h.method()).isEqualTo("GET");
            assertThat(h.authorization()).isEqualTo("bearer tok-1");
        });
    }

    @Test
    void shouldLogInAgainAndRetryOnceWhenTheTokenIsRefused() throws Exception {
        stub.result("public/auth", AUTH).result("private/get_positions", "[]")
                .once("private/get_positions", 400, StubDeribitHttp.error(13009, "unauthorized"));
        account(new DeribitLimits(Clock.systemUTC()));

        Result<JsonNode> r = await(client.privateCall("private/get_positions", Map.of()));

        assertThat(r.isOk()).isTrue();
        assertThat(stub.hits("private/get_positions")).hasSize(2);
        assertThat(stub.hits("public/auth").size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void shouldClassifyDeribitErrorsByCode() throws Exception {
        stub.once("public/get_instruments", 400, StubDeribitHttp.error(10028, "too_many_requests"))
                .once("public/get_time", 400, StubDeribitHttp.error(11050, "bad_request"));
        client = new DeribitHttpClient(settings(), new DeribitLimits(Clock.systemUTC()), Duration.ZERO);

        Result<JsonNode> bad = await(client.publicCall("public/get_time", Map.of()));
        Result<JsonNode> limited = await(client.publicCall("public/get_instruments", Map.of()));

        assertThat(limited.error().kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(limited.error().code()).isEqualTo("10028");
        assertThat(bad.error().kind()).isEqualTo(ErrorKind.INVALID_ORDER);
        assertThat(bad.error().code()).isEqualTo("11050");
    }

    @Test
    void shouldRefuseLocallyWhenTheCreditsAreSpentRatherThanDrawA10028() throws Exception {
        // A clock that stands still: no refill, so the pool of 50,000 holds exactly 100 requests of 500.
        stub.result("public/get_time", "1733338800000");
        DeribitLimits limits = new DeribitLimits(Clock.fixed(java.time.Instant.parse("2025-01-01T00:00:00Z"),
                java.time.ZoneOffset.UTC));
        client = new DeribitHttpClient(settings(), limits, Duration.ZERO);

        for (int i = 0; i < 100; i++) {
            assertThat(await(client.publicCall("public/get_time", Map.of())).isOk()).isTrue();
        }
        Result<JsonNode> refused = await(client.publicCall("public/get_time", Map.of()));

        assertThat(refused.error().kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(refused.error().retryable()).isTrue();
        assertThat(stub.hits("public/get_time")).hasSize(100);
    }

    @Test
    void shouldWaitForTheRefillRatherThanRefuseWithinTheAllowedWait() throws Exception {
        // 50,000 credits hold 100 requests; the next ones wait for the refill (500 credits in 50 ms).
        stub.result("public/get_time", "1733338800000");
        client = new DeribitHttpClient(settings(), new DeribitLimits(Clock.systemUTC()), Duration.ofSeconds(2));

        long start = System.nanoTime();
        java.util.List<java.util.concurrent.CompletableFuture<Result<JsonNode>>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 110; i++) {
            calls.add(client.publicCall("public/get_time", Map.of()));
        }
        for (var call : calls) {
            assertThat(await(call).isOk()).isTrue();
        }

        assertThat(stub.hits("public/get_time")).hasSize(110);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void shouldStopSendingAfterA10028UntilThePoolRefills() throws Exception {
        stub.result("public/get_time", "1733338800000")
                .once("public/get_time", 400, StubDeribitHttp.error(10028, "too_many_requests"));
        DeribitLimits limits = new DeribitLimits(Clock.fixed(java.time.Instant.parse("2025-01-01T00:00:00Z"),
                java.time.ZoneOffset.UTC));
        client = new DeribitHttpClient(settings(), limits, Duration.ZERO);

        Result<JsonNode> first = await(client.publicCall("public/get_time", Map.of()));
        Result<JsonNode> next = await(client.publicCall("public/get_time", Map.of()));

        assertThat(first.error().code()).isEqualTo("10028");
        assertThat(next.error().kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(stub.hits("public/get_time")).hasSize(1);
    }

    @Test
    void shouldNotShowTheSecretWhenTheLoginFails() throws Exception {
        stub.once("public/auth", 400, StubDeribitHttp.error(13004, "invalid_credentials"));
        account(new DeribitLimits(Clock.systemUTC()));

        Result<JsonNode> r = await(client.privateCall("private/get_positions", Map.of()));

        assertThat(r.error().kind()).isEqualTo(ErrorKind.AUTH);
        assertThat(r.error().toString()).doesNotContain(SECRET).doesNotContain("key-1");
        assertThat(client.toString()).doesNotContain(SECRET);
        assertThat(stub.hits("private/get_positions")).isEmpty();
    }

    @Test
    void shouldRefuseAPrivateCallWithoutAnAccount() throws Exception {
        client = new DeribitHttpClient(settings(), new DeribitLimits(Clock.systemUTC()), Duration.ZERO);

        assertThat(await(client.privateCall("private/get_positions", Map.of())).error().kind())
                .isEqualTo(ErrorKind.AUTH);
        assertThat(stub.hits()).isEmpty();
    }

}
