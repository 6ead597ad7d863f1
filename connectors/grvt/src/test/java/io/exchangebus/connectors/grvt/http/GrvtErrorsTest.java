package io.exchangebus.connectors.grvt.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.events.ErrorKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GrvtErrorsTest {

    @ParameterizedTest
    @CsvSource({
            "1000, AUTH, false", "1001, AUTH, false", "2004, AUTH, false",
            "1006, RATE_LIMITED, true", "1002, EXCHANGE_INTERNAL, true", "1005, EXCHANGE_INTERNAL, true",
            "1004, NOT_FOUND, false", "2080, INSUFFICIENT_FUNDS, false",
            "2002, INVALID_ORDER, false", "2064, INVALID_ORDER, false", "2090, INVALID_ORDER, false",
            "3000, INVALID_ORDER, false", "9999, UNKNOWN, false"})
    void shouldClassifyByCodeAlone(int code, ErrorKind kind, boolean retryable) {
        ExchangeError e = GrvtErrors.of(code, "whatever the text says", 400);

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e.code()).isEqualTo(Integer.toString(code));
        assertThat(e.exchange()).isEqualTo("grvt");
    }

    @Test
    void shouldReadTheDocumentedRestErrorBody() throws Exception {
        var body = new ObjectMapper().readTree(
                "{\"request_id\":1,\"code\":1006,\"message\":\"You have surpassed the allocated rate limit\","
                        + "\"status\":429}");

        ExchangeError e = GrvtErrors.of(body, 429).orElseThrow();

        assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(e.httpStatus()).isEqualTo(429);
    }

    @Test
    void shouldTakeOnlySessionRefusalsForANewLogin() {
        assertThat(GrvtErrors.isSessionRefused(GrvtErrors.of(1000, "", 401))).isTrue();
        assertThat(GrvtErrors.isSessionRefused(GrvtErrors.of(2004, "", 0))).isTrue();
        assertThat(GrvtErrors.isSessionRefused(GrvtErrors.of(2000, "", 403))).isFalse(); // a signer, not a session
    }

    @Test
    void shouldNeverBackOffLessThanTheExchangeAsksNorLessThanTheFloor() {
        ExchangeError hinted = new ExchangeError(ErrorKind.RATE_LIMITED, "grvt", "1006", "", 429, true,
                java.time.Duration.ofSeconds(3));
        assertThat(GrvtRestClient.backoff(hinted, 1)).hasSeconds(3);
        assertThat(GrvtRestClient.backoff(GrvtErrors.of(1006, "", 429), 1)).hasMillis(500);
        assertThat(GrvtRestClient.backoff(GrvtErrors.of(1006, "", 429), 3)).hasMillis(2000);
    }
}
