package io.exchangebus.connectors.grvt.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.credentials.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrvtSessionTest {

    @Test
    void shouldReadTheGravityCookieItsExpiryAndTheAccountHeader() {
        GrvtSession session = GrvtSession.fromLoginResponse(Map.of(
                "set-cookie", List.of("other=1; Path=/", "gravity=abc.def; Path=/; Expires=Tue, 08 Dec 2026 10:00:00 GMT; HttpOnly"),
                "x-grvt-account-id", List.of("0xc73c0c2538fd9b833d20933ccc88fdaa74fcb0d0"))).value();

        assertThat(session.cookieHeader()).isEqualTo("gravity=abc.def");
        assertThat(session.expires()).isEqualTo(Instant.parse("2026-12-08T10:00:00Z"));
        assertThat(session.accountId()).isEqualTo("0xc73c0c2538fd9b833d20933ccc88fdaa74fcb0d0");
        assertThat(session.toString()).doesNotContain("abc.def");
    }

    @Test
    void shouldRefuseAResponseWithoutCookieOrAccount() {
        assertThat(GrvtSession.fromLoginResponse(Map.of("X-Grvt-Account-Id", List.of("1"))).error().message())
                .contains("no gravity cookie");
        assertThat(GrvtSession.fromLoginResponse(Map.of("Set-Cookie",
                List.of("gravity=secretvalue; expires=Tue, 08 Dec 2026 10:00:00 GMT"))).error().message())
                .contains("X-Grvt-Account-Id").doesNotContain("secretvalue");
    }

    @Test
    void shouldSendTheKeyOnlyInTheBody() {
        GrvtApiKeyLogin login = new GrvtApiKeyLogin(Secret.of("my-api-key"));
        assertThat(new String(login.body(), StandardCharsets.UTF_8)).isEqualTo("{\"api_key\":\"my-api-key\"}");
        assertThat(login.toString()).doesNotContain("my-api-key");
    }
}
