package io.exchangebus.sim.grvt;

import static io.exchangebus.sim.grvt.GrvtTestSupport.SUB;
import static io.exchangebus.sim.grvt.GrvtTestSupport.json;
import static io.exchangebus.sim.grvt.GrvtTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.sim.ManualClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** API-key login, the gravity cookie with X-Grvt-Account-Id, and its expiry on REST and the trades WebSocket. */
class GrvtAuthTest {

    private final ManualClock clock = new ManualClock(GrvtTestSupport.START);
    private GrvtSimulator sim;

    @BeforeEach
    void start() {
        sim = GrvtTestSupport.start(GrvtTestSupport.builder(clock).cookieLifetime(Duration.ofMinutes(5)));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void shouldLoginWithTheApiKeyAndSetTheGravityCookieWithItsExpiryAndTheAccountHeader() throws Exception {
        HttpResponse<String> r = post(sim.restBaseUri(), "/auth/api_key/login",
                "{\"api_key\":\"" + GrvtTestSupport.API_KEY + "\"}", Map.of());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("gravity=")
                .contains("Expires=Tue, 05 Nov 2024 09:05:00 GMT");
        assertThat(r.headers().firstValue("X-Grvt-Account-Id")).contains(GrvtTestSupport.ACCOUNT);
        assertThat(json(r.body()).get("status").asText()).isEqualTo("success");
    }

    @Test
    void shouldRefuseAnUnknownApiKeyWith1000() throws Exception {
        HttpResponse<String> r = post(sim.restBaseUri(), "/auth/api_key/login", "{\"api_key\":\"nope\"}", Map.of());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(json(r.body()).get("code").asInt()).isEqualTo(1000);
    }

    @Test
    void shouldRefusePrivateRestWithoutTheCookieWithTheDocumentedErrorBody() throws Exception {
        HttpResponse<String> r = post(sim.restBaseUri(), "/full/v1/account_summary",
                "{\"sub_account_id\":\"" + SUB + "\"}", Map.of());
        assertThat(r.statusCode()).isEqualTo(401);
        JsonNode body = json(r.body());
        assertThat(body.get("code").asInt()).isEqualTo(1000);
        assertThat(body.get("message").asText()).isEqualTo("You need to authenticate prior to using this functionality");
        assertThat(body.get("status").asInt()).isEqualTo(401);
    }

    @Test
    void shouldRefuseAnExpiredCookieOnRestAndOnTheWebSocketUntilANewLogin() throws Exception {
        Map<String, String> headers = GrvtTestSupport.login(sim);
        String summary = "{\"sub_account_id\":\"" + SUB + "\"}";
        assertThat(post(sim.restBaseUri(), "/full/v1/account_summary", summary, headers).statusCode()).isEqualTo(200);
        try (GrvtWsClient ws = GrvtWsClient.connect(sim.tradesWsUri(), headers)) {
            assertThat(ws.subscribe("v1.order", SUB.toString()).get("subs").get(0).asText()).isEqualTo(SUB.toString());

            clock.advance(Duration.ofMinutes(5));

            HttpResponse<String> expired = post(sim.restBaseUri(), "/full/v1/account_summary", summary, headers);
            assertThat(expired.statusCode()).isEqualTo(401);
            assertThat(json(expired.body()).get("code").asInt()).isEqualTo(1000);
            JsonNode refused = ws.call("subscribe", "{\"stream\":\"v1.fill\",\"selectors\":[\"" + SUB + "\"]}");
            assertThat(refused.get("error").get("code").asInt()).isEqualTo(1000);
        }
        Map<String, String> again = GrvtTestSupport.login(sim);
        assertThat(post(sim.restBaseUri(), "/full/v1/account_summary", summary, again).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefusePrivateStreamsOnATradesConnectionWithoutCookie() throws Exception {
        try (GrvtWsClient ws = GrvtWsClient.connect(sim.tradesWsUri(), Map.of())) {
            JsonNode refused = ws.call("subscribe", "{\"stream\":\"v1.order\",\"selectors\":[\"" + SUB + "\"]}");
            assertThat(refused.get("error").get("code").asInt()).isEqualTo(1000);
            assertThat(refused.get("method").asText()).isEqualTo("subscribe");
        }
    }

    @Test
    void shouldRefuseASubAccountOfAnotherAccountWith1001() throws Exception {
        sim.createAccount("0x1111111111111111111111111111111111111111", "other-key", java.math.BigInteger.TEN,
                GrvtTestSupport.SIGNER);
        HttpResponse<String> r = post(sim.restBaseUri(), "/full/v1/positions", "{\"sub_account_id\":\"10\"}",
                GrvtTestSupport.login(sim));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r.body()).get("code").asInt()).isEqualTo(1001);
    }
}
