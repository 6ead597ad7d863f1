package io.exchangebus.sim.binance;

import static io.exchangebus.sim.binance.BinanceTestSupport.params;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.sim.ManualClock;
import io.exchangebus.sim.account.ApiKey;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** 429 and 418 with Retry-After, the weight budget, order counts, and their headers and rateLimits. */
class BinanceRateLimitTest {

    /** A minute boundary. */
    private static final long MINUTE_START = 1_700_000_040_000L;

    private BinanceSimulator sim;

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void shouldAnswerTheRateLimitFaultWith429Minus1003AndRetryAfter() throws Exception {
        sim = BinanceSimulator.builder(BinanceFamily.SPOT).build();
        sim.faults().answerRateLimited(429, Duration.ofSeconds(3), 1);
        var limited = BinanceTestSupport.get(sim, "/api/v3/ping", "");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body().get("code").asInt()).isEqualTo(-1003);
        assertThat(limited.header("Retry-After")).isEqualTo("3");
        assertThat(limited.header("X-MBX-USED-WEIGHT-1M")).isNotNull();
        assertThat(BinanceTestSupport.get(sim, "/api/v3/ping", "").status()).isEqualTo(200);
    }

    @Test
    void shouldAnswerTheBanFaultWith418Minus1003AndRetryAfter() throws Exception {
        sim = BinanceSimulator.builder(BinanceFamily.USDM).build();
        sim.faults().answerRateLimited(418, Duration.ofSeconds(120), 2);
        for (int i = 0; i < 2; i++) {
            var banned = BinanceTestSupport.get(sim, "/fapi/v1/time", "");
            assertThat(banned.status()).isEqualTo(418);
            assertThat(banned.body().get("code").asInt()).isEqualTo(-1003);
            assertThat(banned.body().get("msg").asText()).contains("banned until");
            assertThat(banned.header("Retry-After")).isEqualTo("120");
        }
        assertThat(BinanceTestSupport.get(sim, "/fapi/v1/time", "").status()).isEqualTo(200);
    }

    @Test
    void shouldAnswerTheRateLimitFaultOnTheWebSocketApiToo() throws Exception {
        sim = BinanceSimulator.builder(BinanceFamily.SPOT).build();
        WsClient ws = WsClient.connect(sim.wsApiUri());
        sim.faults().answerRateLimited(429, Duration.ofSeconds(2), 1);
        JsonNode r = BinanceTestSupport.wsRequest(ws, "ping", null);
        assertThat(r.get("status").asInt()).isEqualTo(429);
        assertThat(r.at("/error/code").asInt()).isEqualTo(-1003);
        assertThat(r.at("/error/data/retryAfter").asLong()).isGreaterThan(r.at("/error/data/serverTime").asLong());
        assertThat(BinanceTestSupport.wsRequest(ws, "ping", null).get("status").asInt()).isEqualTo(200);
        ws.closeBlocking();
    }

    @Test
    void shouldEnforceTheWeightBudgetPerMinuteAndResetItAtTheNextMinute() throws Exception {
        ManualClock clock = new ManualClock(Instant.ofEpochMilli(MINUTE_START));
        sim = BinanceSimulator.builder(BinanceFamily.SPOT).clock(clock).weightLimitPerMinute(30).build();
        var first = BinanceTestSupport.get(sim, "/api/v3/exchangeInfo", "");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("X-MBX-USED-WEIGHT-1M")).isEqualTo("20");
        clock.advance(Duration.ofSeconds(15));
        var second = BinanceTestSupport.get(sim, "/api/v3/exchangeInfo", "");
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.body().get("code").asInt()).isEqualTo(-1003);
        assertThat(second.header("Retry-After")).isEqualTo("45");
        assertThat(BinanceTestSupport.get(sim, "/api/v3/depth", "symbol=BTCUSDT").header("X-MBX-USED-WEIGHT-1M"))
                .isEqualTo("25");
        clock.advance(Duration.ofSeconds(45));
        assertThat(BinanceTestSupport.get(sim, "/api/v3/exchangeInfo", "").status()).isEqualTo(200);
    }

    @Test
    void shouldRefuseTheFiftyFirstOrderInTenSecondsWithMinus1015AndReportOrderCounts() throws Exception {
        ManualClock clock = new ManualClock(Instant.ofEpochMilli(MINUTE_START));
        sim = BinanceSimulator.builder(BinanceFamily.SPOT).clock(clock).build();
        ApiKey key = sim.createAccount("alice");
        sim.deposit("alice", "USDT", "100000");
        WsClient ws = WsClient.connect(sim.wsApiUri());
        JsonNode last = null;
        for (int i = 0; i < 51; i++) {
            last = BinanceTestSupport.wsSigned(ws, sim, "order.place", params("symbol", "BTCUSDT", "side", "BUY",
                    "type", "LIMIT", "timeInForce", "GTC", "price", "10000.00", "quantity", "0.00100"), key);
            if (i == 49) {
                assertThat(last.get("status").asInt()).as(last.toString()).isEqualTo(200);
                assertThat(last.get("rateLimits").toString()).contains("\"interval\":\"SECOND\",\"intervalNum\":10,"
                        + "\"limit\":50,\"count\":50");
            }
        }
        assertThat(last.get("status").asInt()).isEqualTo(429);
        assertThat(last.at("/error/code").asInt()).isEqualTo(-1015);
        clock.advance(Duration.ofSeconds(10));
        var rest = BinanceTestSupport.signed(sim, "POST", "/api/v3/order",
                "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&price=10000.00&quantity=0.00100", key);
        assertThat(rest.status()).isEqualTo(200);
        assertThat(rest.header("X-MBX-ORDER-COUNT-10S")).isEqualTo("1");
        assertThat(rest.header("X-MBX-ORDER-COUNT-1D")).isEqualTo("51");
        ws.closeBlocking();
    }

    @Test
    void shouldLaunchWithPrintableEndpointsAndAFundedDemoKey() throws Exception {
        BinanceSimulator.Launched launched = BinanceSimulator.launch(BinanceFamily.USDM, 0, 42);
        sim = launched.simulator();
        assertThat(launched.describe()).contains(sim.restBaseUri().toString(), "/ws-fapi/v1", launched.demoKey().keyId());
        var account = BinanceTestSupport.signed(sim, "GET", "/fapi/v2/balance", "", launched.demoKey());
        assertThat(account.status()).isEqualTo(200);
        try (BinanceSimulator.Launched again = BinanceSimulator.launch(BinanceFamily.USDM, 0, 42)) {
            assertThat(again.demoKey().keyId()).isEqualTo(launched.demoKey().keyId());
        }
    }
}
