package io.exchangebus.sim.deribit;

import static io.exchangebus.sim.deribit.DeribitTestSupport.assertSameShape;
import static io.exchangebus.sim.deribit.DeribitTestSupport.fixture;
import static io.exchangebus.sim.deribit.DeribitTestSupport.login;
import static io.exchangebus.sim.deribit.DeribitTestSupport.quiet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.sim.ManualClock;
import io.exchangebus.sim.account.ApiKey;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Credits on a manual clock: nothing refills unless the test advances it. */
class DeribitRateLimitTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T00:00:00Z"));
    private DeribitSimulator sim;

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void shouldAnswerTooManyRequestsAndCloseTheSession() throws Exception {
        sim = quiet().clock(clock).nonMatchingEngineCredits(500, 1500, 1000).build();
        DeribitWsClient client = DeribitWsClient.connect(sim.wsUri());
        client.result("public/test", "{}");
        client.result("public/get_time", "{}");

        JsonNode refused = client.call("public/get_time", "{}");

        assertSameShape("10028", fixture("nautilus_test_data_2.jsonl", "ws_error.json"), refused, Set.of("id"));
        assertThat(refused.get("error").get("code").asInt()).isEqualTo(10028);
        assertThat(refused.get("error").get("message").asText()).isEqualTo("too_many_requests");
        assertThat(client.closeCode.get(3, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void shouldAnswerTheRateLimitFaultAsTooManyRequests() throws Exception {
        sim = quiet().clock(clock).build();
        DeribitWsClient client = DeribitWsClient.connect(sim.wsUri());
        sim.faults().answerRateLimited(429, Duration.ofSeconds(1), 1);

        assertThat(DeribitOrdersTest.code(client.call("public/get_time", "{}"))).isEqualTo(10028);
        assertThat(client.closeCode.get(3, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void shouldLimitOrderEntryPerAccountUntilTheBucketRefills() throws Exception {
        sim = quiet().clock(clock).matchingEngineCredits(500, 1000, 1000).build();
        ApiKey key = sim.createAccount("alice");
        sim.fundDemo("alice");
        sim.generator("BTC-PERPETUAL").step();
        BigDecimal price = sim.simulator().book("BTC-PERPETUAL").bids().get(0).price().subtract(BigDecimal.TEN);
        String order = DeribitOrdersTest.limit("BTC-PERPETUAL", "10", price, "r");
        DeribitWsClient client = login(sim, key);
        client.result("private/buy", order);
        client.result("private/buy", order);

        assertThat(DeribitOrdersTest.code(client.call("private/buy", order))).isEqualTo(10028);
        assertThat(client.closeCode.get(3, TimeUnit.SECONDS)).isNotNull();

        DeribitWsClient again = login(sim, key);
        assertThat(DeribitOrdersTest.code(again.call("private/buy", order))).isEqualTo(10028);
        clock.advance(Duration.ofSeconds(1));
        DeribitWsClient refilled = login(sim, key);
        assertThat(refilled.call("private/buy", order).has("result")).isTrue();
        again.close();
        refilled.close();
    }
}
