package io.exchangebus.connectors.binance.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.binance.mapping.DocFixtures;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.http.HttpReply;
import io.exchangebus.events.ErrorKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BinanceErrorsTest {

    @ParameterizedTest(name = "HTTP {0} code {1} is {2}")
    @CsvSource({
            "429, -1003, RATE_LIMITED, true",
            "400, -1015, RATE_LIMITED, true",
            "418, -1003, RATE_LIMITED, true",
            "400, -1021, AUTH, true",
            "400, -1022, AUTH, false",
            "401, -2015, AUTH, false",
            "400, -2014, AUTH, false",
            "400, -2010, INVALID_ORDER, false",
            "400, -1013, INVALID_ORDER, false",
            "400, -1111, INVALID_ORDER, false",
            "400, -1121, INVALID_ORDER, false",
            "400, -1102, INVALID_ORDER, false",
            "400, -2021, INVALID_ORDER, false",
            "400, -2022, INVALID_ORDER, false",
            "400, -5022, INVALID_ORDER, false",
            "400, -2011, NOT_FOUND, false",
            "400, -2013, NOT_FOUND, false",
            "400, -2018, INSUFFICIENT_FUNDS, false",
            "400, -2019, INSUFFICIENT_FUNDS, false",
            "503, -1001, EXCHANGE_INTERNAL, true",
            "503, -1008, EXCHANGE_INTERNAL, true",
            "503, -1007, TIMEOUT, true",
            "400, -4400, TRADING_DISABLED, false",
    })
    void shouldClassifyTheDocumentedCodes(int status, int code, ErrorKind kind, boolean retryable) {
        ExchangeError error = BinanceErrors.of("binance-spot", status, code, "msg", Duration.ofSeconds(3));

        assertThat(error.kind()).isEqualTo(kind);
        assertThat(error.code()).isEqualTo(Integer.toString(code));
        assertThat(error.retryable()).isEqualTo(retryable);
        assertThat(error.retryAfterHint()).isEqualTo(retryable ? java.util.Optional.of(Duration.ofSeconds(3))
                : java.util.Optional.empty());
    }

    @Test
    void shouldTellALackOfFundsFromAnyOtherRejectionOfANewOrder() {
        ExchangeError funds = BinanceErrors.of("binance-spot", 400, -2010,
                "Account has insufficient balance for requested action.", null);
        ExchangeError match = BinanceErrors.of("binance-spot", 400, -2010,
                "Order would immediately match and take.", null);

        assertThat(funds.kind()).isEqualTo(ErrorKind.INSUFFICIENT_FUNDS);
        assertThat(funds.message()).isEqualTo("Account has insufficient balance for requested action.");
        assertThat(match.kind()).isEqualTo(ErrorKind.INVALID_ORDER);
    }

    @Test
    void shouldClassifyA418BanWithItsRetryAfterHeader() {
        HttpReply reply = new HttpReply(418, Map.of("Retry-After", List.of("120")),
                "{\"code\":-1003,\"msg\":\"Way too much request weight used; IP banned until 1659146400000.\"}");

        ExchangeError error = BinanceErrors.INSTANCE.classify("binance-spot", reply).orElseThrow();

        assertThat(error.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(error.httpStatus()).isEqualTo(418);
        assertThat(error.message()).startsWith("banned:");
        assertThat(error.retryAfterHint()).hasValue(Duration.ofSeconds(120));
    }

    @Test
    void shouldClassifyA429WithoutBodyByItsStatus() {
        HttpReply reply = new HttpReply(429, Map.of("Retry-After", List.of("5")), "");

        ExchangeError error = BinanceErrors.INSTANCE.classify("binance-usdm", reply).orElseThrow();

        assertThat(error.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    }

    @Test
    void shouldNotClassifyASuccessEvenWithACodeInTheBody() {
        // USD-M DELETE /fapi/v1/allOpenOrders answers 200 {"code":200,"msg":"The operation of cancel all open order is done."}
        JsonNode done = DocFixtures.line("usdm_rest_private.docs.jsonl", 26).message();

        assertThat(BinanceErrors.INSTANCE.classify("binance-usdm", new HttpReply(200, Map.of(), done.toString())))
                .isEmpty();
    }

    @Test
    void shouldClassifyTheErrorBodiesOfTheFixtures() {
        record Case(String file, int line, ErrorKind kind) {
        }
        for (Case c : List.of(new Case("spot_rest_api.docs.jsonl", 0, ErrorKind.INVALID_ORDER),
                new Case("usdm_rest_private.docs.jsonl", 0, ErrorKind.INVALID_ORDER),
                new Case("spot_rest_api.docs.jsonl", 42, ErrorKind.NOT_FOUND),
                new Case("xchange_test_resources.jsonl", 5, ErrorKind.AUTH))) {
            JsonNode body = DocFixtures.line(c.file(), c.line()).message();
            ExchangeError error = BinanceErrors.INSTANCE.classify("binance-spot",
                    new HttpReply(400, Map.of(), body.toString())).orElseThrow();
            assertThat(error.kind()).as("%s", c).isEqualTo(c.kind());
            assertThat(error.code()).isEqualTo(body.get("code").asText());
        }
    }

    @Test
    void shouldClassifyTheWebSocketApiErrorResponsesOfTheFixtures() {
        record Case(String file, int line, ErrorKind kind) {
        }
        for (Case c : List.of(new Case("spot_ws_api.docs.jsonl", 2, ErrorKind.INSUFFICIENT_FUNDS),
                new Case("spot_ws_api.docs.jsonl", 11, ErrorKind.RATE_LIMITED),
                new Case("spot_ws_api.docs.jsonl", 102, ErrorKind.RATE_LIMITED),
                new Case("spot_ws_api.docs.jsonl", 25, ErrorKind.AUTH),
                new Case("usdm_user_data_and_ws_api.docs.jsonl", 3, ErrorKind.INVALID_ORDER),
                new Case("usdm_user_data_and_ws_api.docs.jsonl", 4, ErrorKind.AUTH))) {
            JsonNode frame = DocFixtures.line(c.file(), c.line()).message();
            ExchangeError error = BinanceErrors.of("binance-spot", frame.get("status").asInt(),
                    frame.get("error").get("code").asInt(), frame.get("error").get("msg").asText(), null);
            assertThat(error.kind()).as("%s", c).isEqualTo(c.kind());
        }
    }
}
