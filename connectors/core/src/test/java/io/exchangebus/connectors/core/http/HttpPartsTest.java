package io.exchangebus.connectors.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.events.ErrorKind;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The transport's small parts, without a server. */
class HttpPartsTest {

    private static HttpReply reply(int status, Map<String, List<String>> headers) {
        return new HttpReply(status, headers, "{\"code\":-1003,\"msg\":\"x\"}");
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}, retryable {2}")
    @CsvSource({
        "429, RATE_LIMITED, true",
        "418, RATE_LIMITED, true",
        "401, AUTH, false",
        "403, AUTH, false",
        "404, NOT_FOUND, false",
        "408, TIMEOUT, true",
        "400, UNKNOWN, false",
        "500, EXCHANGE_INTERNAL, true",
        "503, EXCHANGE_INTERNAL, true",
    })
    void shouldClassifyByStatusWhenTheExchangeSaysNothingMore(int status, ErrorKind kind, boolean retryable) {
        ExchangeError error = HttpErrorClassifier.byStatus().classify("testex", reply(status, Map.of())).orElseThrow();

        assertThat(error.kind()).isEqualTo(kind);
        assertThat(error.retryable()).isEqualTo(retryable);
        assertThat(error.httpStatus()).isEqualTo(status);
    }

    @Test
    void shouldCallEvery2xxASuccess() {
        assertThat(HttpErrorClassifier.byStatus().classify("testex", reply(200, Map.of()))).isEmpty();
        assertThat(HttpErrorClassifier.byStatus().classify("testex", reply(204, Map.of()))).isEmpty();
    }

    @Test
    void shouldCarryTheRetryAfterHintOfA418() {
        ExchangeError ban = HttpErrorClassifier.byStatus()
                .classify("testex", reply(418, Map.of("retry-after", List.of("120")))).orElseThrow();

        assertThat(ban.retryAfter()).isEqualTo(Duration.ofSeconds(120));
        assertThat(ban.message()).startsWith("banned");
    }

    @Test
    void shouldReadRetryAfterInSecondsOrAsAnHttpDate() {
        Instant now = Instant.parse("2026-11-21T10:00:00Z");

        assertThat(RetryAfter.parse("30", now)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Sat, 21 Nov 2026 10:01:30 GMT", now)).contains(Duration.ofSeconds(90));
        assertThat(RetryAfter.parse("Sat, 21 Nov 2026 09:59:00 GMT", now)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", now)).isEmpty();
        assertThat(RetryAfter.parse("-5", now)).isEmpty();
    }

    @Test
    void shouldMeasureAnHttpDateFromTheServersDateHeaderNotOurClock() {
        HttpReply answer = reply(429, Map.of(
                "Date", List.of("Sat, 21 Nov 2026 10:00:00 GMT"),
                "Retry-After", List.of("Sat, 21 Nov 2026 10:00:10 GMT")));
        Instant ourClockFiveSecondsAhead = Instant.parse("2026-11-21T10:00:05Z");

        assertThat(RetryAfter.of(answer, ourClockFiveSecondsAhead)).contains(Duration.ofSeconds(10));
    }

    @Test
    void shouldEncodeTheQueryInOrderAsItIsSigned() {
        HttpCall call = HttpCall.get("/api/v3/order").withParam("symbol", "BTCUSDT").withParam("note", "a b*c~")
                .withParam("timestamp", "1700000000000");

        assertThat(call.queryString()).isEqualTo("symbol=BTCUSDT&note=a%20b%2Ac~&timestamp=1700000000000");
    }

    @Test
    void shouldNeverShowQueryHeadersOrBodyInToString() {
        HttpCall call = HttpCall.post("/api/v3/order").withParam("signature", "deadbeef")
                .withHeader("X-API-KEY", "secret-key").withBody("{\"k\":\"secret-body\"}", "application/json")
                .withSigning();

        assertThat(call.toString()).isEqualTo("POST /api/v3/order (weight 1, signed)")
                .doesNotContain("deadbeef", "secret");
    }

    @Test
    void shouldMakeGetsIdempotentAndEverythingElseNotByDefault() {
        assertThat(HttpCall.get("/a").idempotent()).isTrue();
        assertThat(HttpCall.post("/a").idempotent()).isFalse();
        assertThat(HttpCall.put("/a").idempotent()).isFalse();
        assertThat(HttpCall.delete("/a").idempotent()).isFalse();
    }

    @Test
    void shouldRefuseSettingsThatMakeNoSenseNamingTheKey() {
        assertThatThrownBy(() -> new HttpSettings.RetryPolicy(0, Duration.ofMillis(1), 2, Duration.ofSeconds(1)))
                .hasMessageContaining("http.retry.maxAttempts");
        assertThatThrownBy(() -> new HttpSettings.WeightBudget(0, Duration.ofMinutes(1), Duration.ZERO))
                .hasMessageContaining("http.weights.budget");
        assertThatThrownBy(() -> HttpSettings.defaults("testex", URI.create("http://127.0.0.1/x?apiKey=secret")))
                .hasMessageContaining("http.baseUri").hasMessageNotContaining("secret");
    }

    @Test
    void shouldKeepABanWhenAShorterOrLaterThrottleArrives() {
        Instant t0 = Instant.parse("2026-11-21T10:00:00Z");
        BanGate gate = new BanGate("testex", Clock.fixed(t0, ZoneOffset.UTC));

        gate.close(Duration.ofSeconds(60), true, 418);
        gate.close(Duration.ofSeconds(5), false, 429);
        Optional<ExchangeError> refusal = gate.refusal();

        assertThat(refusal).isPresent();
        assertThat(refusal.get().code()).isEqualTo(LocalRefusal.BANNED);
        assertThat(refusal.get().retryAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(gate.close(Duration.ofSeconds(90), false, 429).until()).isEqualTo(t0.plusSeconds(90));
        assertThat(gate.current().orElseThrow().ban()).isTrue();
    }
}
