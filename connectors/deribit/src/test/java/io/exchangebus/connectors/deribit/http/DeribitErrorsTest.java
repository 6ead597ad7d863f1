package io.exchangebus.connectors.deribit.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.deribit.DeribitFixtures;
import io.exchangebus.events.ErrorKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DeribitErrorsTest {

    @Test
    void shouldClassifyTheCapturedTooManyRequestsFrameAsSessionEndingRateLimit() throws Exception {
        // nautilus_test_data_2.jsonl line 24: ws_error.json, {"error":{"code":10028,"message":"too_many_requests"}}
        JsonNode frame = new ObjectMapper().readTree(DeribitFixtures.raw("nautilus_test_data_2.jsonl", 24));

        ExchangeError error = DeribitErrors.ofResponse(frame, 0).orElseThrow();

        assertThat(error.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(error.code()).isEqualTo("10028");
        assertThat(error.message()).isEqualTo("too_many_requests");
        assertThat(error.retryable()).isTrue();
        assertThat(error.exchange()).isEqualTo("deribit");
        assertThat(DeribitErrors.endsSession(10028)).isTrue();
    }

    @Test
    void shouldSeeNoErrorInAResult() throws Exception {
        // nautilus_test_data_2.jsonl line 19: http_get_time.json
        JsonNode frame = new ObjectMapper().readTree(DeribitFixtures.raw("nautilus_test_data_2.jsonl", 19));
        assertThat(DeribitErrors.ofResponse(frame, 200)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "10028, RATE_LIMITED, true", "10066, RATE_LIMITED, true",
            "13009, AUTH, false", "10000, AUTH, false", "13004, AUTH, false", "13021, AUTH, false",
            "13778, AUTH, false",
            "10009, INSUFFICIENT_FUNDS, false",
            "10004, NOT_FOUND, false", "10010, NOT_FOUND, false", "11044, NOT_FOUND, false",
            "10040, EXCHANGE_INTERNAL, true", "10041, EXCHANGE_INTERNAL, true", "10047, EXCHANGE_INTERNAL, true",
            "11094, EXCHANGE_INTERNAL, true", "13028, EXCHANGE_INTERNAL, true",
            "11051, TRADING_DISABLED, true", "13888, TIMEOUT, true",
            "10002, INVALID_ORDER, false", "10043, INVALID_ORDER, false", "11054, INVALID_ORDER, false",
            "10029, INVALID_ORDER, false", "13032, INVALID_ORDER, false", "10020, INVALID_ORDER, false",
            "-32600, INVALID_ORDER, false",
    })
    void shouldClassifyByCode(int code, ErrorKind kind, boolean retryable) {
        ExchangeError error = DeribitErrors.of(code, "m", 0);
        assertThat(error.kind()).isEqualTo(kind);
        assertThat(error.retryable()).isEqualTo(retryable);
        assertThat(DeribitErrors.endsSession(code)).isEqualTo(code == 10028);
    }

    @Test
    void shouldLeaveAnUnknownCodeUnknownWhateverItsMessageSays() {
        ExchangeError error = DeribitErrors.of(19999, "not_enough_funds", 400);
        assertThat(error.kind()).isEqualTo(ErrorKind.UNKNOWN);
        assertThat(error.retryable()).isFalse();
        assertThat(error.httpStatus()).isEqualTo(400);
    }
}
