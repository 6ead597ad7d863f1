package io.exchangebus.sim.deribit;

import static io.exchangebus.sim.deribit.DeribitTestSupport.FIXTURES;
import static io.exchangebus.sim.deribit.DeribitTestSupport.quiet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.sim.ManualClock;
import io.exchangebus.sim.account.ApiKey;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeribitAuthTest {

    private static final long DOC_TIMESTAMP = 1576074319000L;

    private final ManualClock clock = new ManualClock(Instant.ofEpochMilli(DOC_TIMESTAMP));
    private DeribitSimulator sim;
    private ApiKey key;
    private DeribitWsClient client;

    @BeforeEach
    void start() throws Exception {
        sim = quiet().clock(clock).tokenLifetime(Duration.ofSeconds(60)).build();
        key = sim.createAccount("amanda");
        sim.addCredentials("amanda", "AMANDA", "AMANDASECRECT");
        sim.deposit("amanda", "BTC", "1");
        client = DeribitWsClient.connect(sim.wsUri());
    }

    @AfterEach
    void stop() {
        client.close();
        sim.close();
    }

    @Test
    void shouldComputeTheDocumentedSignatureVector() throws Exception {
        JsonNode vector = DeribitWsClient.JSON.readTree(FIXTURES.resolve("signature_vectors.json").toFile())
                .get("client_signature_ws");

        assertThat(DeribitAuth.sign(vector.get("client_secret").asText(), vector.get("string_to_sign").asText()))
                .isEqualTo(vector.get("signature_hex").asText());
    }

    @Test
    void shouldAcceptTheDocumentedSignatureRequestOnceOnly() throws Exception {
        JsonNode vector = DeribitWsClient.JSON.readTree(FIXTURES.resolve("signature_vectors.json").toFile())
                .get("client_signature_ws");
        String params = DeribitWsClient.JSON.readTree(vector.get("request_example_raw").asText()).get("params")
                .toString();

        JsonNode result = client.result("public/auth", params);
        assertThat(result.get("token_type").asText()).isEqualTo("bearer");
        assertThat(result.get("expires_in").asLong()).isEqualTo(60);
        assertThat(result.get("scope").asText()).startsWith("connection");
        assertThat(result.get("enabled_features").isArray()).isTrue();
        assertThat(result.get("refresh_token").asText()).isNotBlank();
        assertThat(client.result("private/get_positions", "{\"currency\":\"BTC\"}").isArray()).isTrue();

        JsonNode reused = client.call("public/auth", params);
        assertThat(reused.get("error").get("code").asInt()).isEqualTo(13004);
    }

    @Test
    void shouldRefuseASignatureWhoseTimestampLeftTheWindow() throws Exception {
        clock.advance(Duration.ofSeconds(61));
        String signature = DeribitAuth.sign("AMANDASECRECT", DOC_TIMESTAMP + "\nfresh-nonce\n");

        JsonNode answer = client.call("public/auth", "{\"grant_type\":\"client_signature\",\"client_id\":\"AMANDA\","
                + "\"timestamp\":" + DOC_TIMESTAMP + ",\"nonce\":\"fresh-nonce\",\"data\":\"\",\"signature\":\""
                + signature + "\"}");

        assertThat(answer.get("error").get("code").asInt()).isEqualTo(13004);
    }

    @Test
    void shouldRefuseWrongCredentialsAndPrivateCallsWithoutAuth() throws Exception {
        JsonNode wrong = client.call("public/auth", "{\"grant_type\":\"client_credentials\",\"client_id\":\"AMANDA\","
                + "\"client_secret\":\"nope\"}");
        JsonNode unauthenticated = client.call("private/get_positions", "{\"currency\":\"BTC\"}");

        assertThat(wrong.get("error").get("code").asInt()).isEqualTo(13004);
        assertThat(unauthenticated.get("error").get("code").asInt()).isEqualTo(13009);
    }

    @Test
    void shouldRefuseAnExpiredToken() throws Exception {
        String token = credentials(client, null).get("access_token").asText();
        assertThat(client.call("private/get_positions", "{\"currency\":\"BTC\"}").has("result")).isTrue();

        clock.advance(Duration.ofSeconds(61));

        assertThat(client.call("private/get_positions", "{\"currency\":\"BTC\"}").get("error").get("code").asInt())
                .isEqualTo(13009);
        assertThat(client.call("private/get_positions", "{\"currency\":\"BTC\",\"access_token\":\"" + token + "\"}")
                .get("error").get("code").asInt()).isEqualTo(13009);
    }

    @Test
    void shouldKeepASessionScopedTokenAcrossAReconnect() throws Exception {
        JsonNode grant = credentials(client, "session:mine");
        assertThat(grant.get("scope").asText()).startsWith("session:mine");
        client.closeBlocking();

        client = DeribitWsClient.connect(sim.wsUri());
        JsonNode answer = client.call("private/get_positions", "{\"currency\":\"BTC\",\"access_token\":\""
                + grant.get("access_token").asText() + "\"}");

        assertThat(answer.has("result")).as(answer.toString()).isTrue();
        assertThat(client.call("private/get_positions", "{\"currency\":\"BTC\"}").has("result")).isTrue();
    }

    @Test
    void shouldNotReuseAConnectionScopedTokenOnAnotherConnection() throws Exception {
        String token = credentials(client, null).get("access_token").asText();
        DeribitWsClient other = DeribitWsClient.connect(sim.wsUri());
        String call = "{\"currency\":\"BTC\",\"access_token\":\"" + token + "\"}";

        assertThat(other.call("private/get_positions", call).get("error").get("code").asInt()).isEqualTo(13009);
        client.closeBlocking();
        DeribitTestSupport.waitUntil(() -> {
            try {
                DeribitWsClient third = DeribitWsClient.connect(sim.wsUri());
                boolean refused = third.call("private/get_positions", call).has("error");
                third.close();
                return refused;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        other.close();
    }

    @Test
    void shouldIssueANewPairForARefreshTokenOnce() throws Exception {
        JsonNode grant = credentials(client, null);
        String refresh = "{\"grant_type\":\"refresh_token\",\"refresh_token\":\""
                + grant.get("refresh_token").asText() + "\"}";

        JsonNode renewed = client.result("public/auth", refresh);
        assertThat(renewed.get("access_token").asText()).isNotEqualTo(grant.get("access_token").asText());
        assertThat(client.call("private/get_positions", "{\"currency\":\"BTC\",\"access_token\":\""
                + renewed.get("access_token").asText() + "\"}").has("result")).isTrue();
        assertThat(client.call("public/auth", refresh).get("error").get("code").asInt()).isEqualTo(13009);
    }

    private JsonNode credentials(DeribitWsClient c, String scope) throws Exception {
        return c.result("public/auth", "{\"grant_type\":\"client_credentials\",\"client_id\":\"" + key.keyId()
                + "\",\"client_secret\":\"" + key.secret() + "\"" + (scope == null ? "" : ",\"scope\":\"" + scope
                + "\"") + "}");
    }
}
