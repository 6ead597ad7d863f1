package io.exchangebus.connectors.deribit.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.credentials.Secret;
import io.exchangebus.connectors.core.session.Grant;
import io.exchangebus.connectors.deribit.DeribitFixtures;
import io.exchangebus.events.ErrorKind;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeribitAuthTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC);
    private static final JsonNode VECTOR =
            DeribitFixtures.document("signature_vectors.json").get("client_signature_ws");

    @Test
    void shouldBuildTheDocumentedSignatureRequestParams() throws Exception {
        JsonNode params = DeribitAuth.clientSignature("AMANDA", Secret.of("AMANDASECRECT"), 1576074319000L,
                "1iqt2wls", "", Optional.empty());

        JsonNode documented = JSON.readTree(VECTOR.get("request_example_raw").textValue()).get("params");
        assertThat(params).isEqualTo(documented);
    }

    @Test
    void shouldAddTheSessionScopeToEveryGrant() {
        Optional<String> scope = Optional.of(DeribitAuth.sessionScope("exbus-md"));

        assertThat(DeribitAuth.clientSignature("id", Secret.of("s"), 1L, "n", "", scope).get("scope").asText())
                .isEqualTo("session:exbus-md");
        assertThat(DeribitAuth.clientCredentials("id", Secret.of("s"), scope).get("scope").asText())
                .isEqualTo("session:exbus-md");
        assertThat(DeribitAuth.refreshToken("r", scope).get("scope").asText()).isEqualTo("session:exbus-md");
        assertThat(DeribitAuth.refreshToken("r", Optional.empty()).has("scope")).isFalse();
    }

    @Test
    void shouldBuildCredentialsAndRefreshParams() {
        JsonNode credentials = DeribitAuth.clientCredentials("id", Secret.of("sec"), Optional.empty());
        JsonNode refresh = DeribitAuth.refreshToken("rt-1", Optional.empty());

        assertThat(credentials.get("grant_type").asText()).isEqualTo("client_credentials");
        assertThat(credentials.get("client_id").asText()).isEqualTo("id");
        assertThat(credentials.get("client_secret").asText()).isEqualTo("sec");
        assertThat(refresh.get("grant_type").asText()).isEqualTo("refresh_token");
        assertThat(refresh.get("refresh_token").asText()).isEqualTo("rt-1");
    }

    @Test
    void shouldRefuseSessionNamesThatAreNotOneWord() {
        assertThatThrownBy(() -> DeribitAuth.sessionScope("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeribitAuth.sessionScope(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldReadTheAnswerWithItsOwnLifetime() throws Exception {
        JsonNode result = JSON.readTree("{\"access_token\":\"AT\",\"expires_in\":900,\"refresh_token\":\"RT\","
                + "\"scope\":\"session:exbus-md trade:read\",\"token_type\":\"bearer\",\"enabled_features\":[]}");

        Result<Grant<DeribitToken>> grant = DeribitAuth.parse(result, CLOCK);

        assertThat(grant.isOk()).isTrue();
        assertThat(grant.value().expiresAt()).isEqualTo(Instant.parse("2026-12-07T00:15:00Z"));
        DeribitToken token = grant.value().credential();
        assertThat(token.accessToken()).isEqualTo("AT");
        assertThat(token.refresh()).contains("RT");
        assertThat(token.tokenType()).isEqualTo("bearer");
        assertThat(token.sessionName()).contains("exbus-md");
    }

    @Test
    void shouldReadTheDocsYearLongLifetime() throws Exception {
        JsonNode result = JSON.readTree("{\"access_token\":\"AT\",\"expires_in\":31536000,\"refresh_token\":\"RT\","
                + "\"scope\":\"connection mainaccount\",\"token_type\":\"bearer\"}");

        Grant<DeribitToken> grant = DeribitAuth.parse(result, CLOCK).value();

        assertThat(grant.expiresAt()).isEqualTo(CLOCK.instant().plusSeconds(31_536_000));
        assertThat(grant.credential().sessionName()).isEmpty();
    }

    @Test
    void shouldRefuseAnswersWithoutTokenOrLifetimeAsValues() throws Exception {
        for (String bad : new String[] {"{\"expires_in\":900}", "{\"access_token\":\"AT\"}",
                "{\"access_token\":\"AT\",\"expires_in\":0}", "{\"access_token\":\"AT\",\"expires_in\":\"900\"}",
                "{\"access_token\":\"AT\",\"expires_in\":1.5}", "[]",
                "{\"access_token\":\"AT\",\"expires_in\":9,\"refresh_token\":7}"}) {
            Result<Grant<DeribitToken>> r = DeribitAuth.parse(JSON.readTree(bad), CLOCK);
            assertThat(r.isOk()).as(bad).isFalse();
            assertThat(r.error().kind()).isEqualTo(ErrorKind.UNKNOWN);
            assertThat(r.error().message()).doesNotContain("AT\"");
        }
    }

    @Test
    void shouldNeverShowTokens() throws Exception {
        JsonNode result = JSON.readTree("{\"access_token\":\"SECRET-AT\",\"expires_in\":900,"
                + "\"refresh_token\":\"SECRET-RT\",\"scope\":\"connection\",\"token_type\":\"bearer\"}");

        Grant<DeribitToken> grant = DeribitAuth.parse(result, CLOCK).value();

        assertThat(grant.credential().toString()).doesNotContain("SECRET").contains("connection");
        assertThat(grant.toString()).doesNotContain("SECRET");
    }
}
