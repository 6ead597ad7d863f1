package io.exchangebus.connectors.deribit.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.credentials.ApiCredentials;
import io.exchangebus.connectors.core.credentials.Secret;
import io.exchangebus.connectors.core.rpc.JsonRpcRequester;
import io.exchangebus.connectors.core.session.Grant;
import io.exchangebus.connectors.deribit.http.DeribitErrors;
import io.exchangebus.events.ErrorKind;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DeribitLoginTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1576074319000L), ZoneOffset.UTC);
    private static final ApiCredentials KEY = new ApiCredentials("acc", "AMANDA", Secret.of("AMANDASECRECT"));

    private final List<JsonNode> sent = new ArrayList<>();

    private JsonRpcRequester answering(String result) {
        return (method, params) -> {
            assertThat(method).isEqualTo("public/auth");
            sent.add(params);
            try {
                return CompletableFuture.completedFuture(Result.ok(JSON.readTree(result)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    @Test
    void shouldLogInWithASignatureAndTheSessionScope() {
        DeribitLogin login = new DeribitLogin(KEY, DeribitGrantType.CLIENT_SIGNATURE,
                Optional.of("session:md"), CLOCK, () -> "1iqt2wls");

        Result<Grant<DeribitToken>> r = login.login(answering(
                "{\"access_token\":\"A\",\"expires_in\":60,\"refresh_token\":\"R\",\"scope\":\"session:md\"}")).join();

        assertThat(r.value().expiresAt()).isEqualTo(CLOCK.instant().plusSeconds(60));
        JsonNode p = sent.get(0);
        assertThat(p.get("grant_type").asText()).isEqualTo("client_signature");
        assertThat(p.get("signature").asText())
                .isEqualTo("56590594f97921b09b18f166befe0d1319b198bbcdad7ca73382de2f88fe9aa1");
        assertThat(p.get("scope").asText()).isEqualTo("session:md");
        assertThat(login.toString()).doesNotContain("AMANDASECRECT");
    }

    @Test
    void shouldRefreshWithTheRefreshTokenAndFallBackToLoginWithoutOne() {
        DeribitLogin login = new DeribitLogin(KEY, DeribitGrantType.CLIENT_CREDENTIALS, Optional.empty(), CLOCK);
        JsonRpcRequester rpc = answering("{\"access_token\":\"B\",\"expires_in\":60,\"refresh_token\":\"R2\"}");

        login.refresh(rpc, new DeribitToken("A", "R1", "", "bearer")).join();
        login.refresh(rpc, new DeribitToken("A", null, "", "bearer")).join();

        assertThat(sent.get(0).get("grant_type").asText()).isEqualTo("refresh_token");
        assertThat(sent.get(0).get("refresh_token").asText()).isEqualTo("R1");
        assertThat(sent.get(1).get("grant_type").asText()).isEqualTo("client_credentials");
    }

    @Test
    void shouldPassTheVenueErrorThrough() {
        DeribitLogin login = new DeribitLogin(KEY, DeribitGrantType.CLIENT_SIGNATURE, Optional.empty(), CLOCK);
        ExchangeError refused = DeribitErrors.of(13004, "invalid_credentials", 0);

        Result<Grant<DeribitToken>> r = login.login((m, p) -> CompletableFuture.completedFuture(Result.err(refused)))
                .join();

        assertThat(r.error().kind()).isEqualTo(ErrorKind.AUTH);
        assertThat(DeribitLogin.randomNonce()).hasSize(16).isNotEqualTo(DeribitLogin.randomNonce());
    }
}
