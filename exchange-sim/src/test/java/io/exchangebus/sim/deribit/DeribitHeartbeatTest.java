package io.exchangebus.sim.deribit;

import static io.exchangebus.sim.deribit.DeribitTestSupport.quiet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One "second" of set_heartbeat lasts 30 ms here, so interval 10 means a test_request every 300 ms. */
class DeribitHeartbeatTest {

    private DeribitSimulator sim;
    private DeribitWsClient client;

    @BeforeEach
    void start() throws Exception {
        sim = quiet().heartbeatSecond(Duration.ofMillis(30)).build();
        client = DeribitWsClient.connect(sim.wsUri());
    }

    @AfterEach
    void stop() {
        client.close();
        sim.close();
    }

    @Test
    void shouldCloseTheSocketWhenATestRequestIsNotAnswered() throws Exception {
        client.result("public/set_heartbeat", "{\"interval\":10}");

        JsonNode request = client.next(n -> n.path("method").asText().equals("heartbeat"));

        assertThat(request.toString()).isEqualTo(
                "{\"jsonrpc\":\"2.0\",\"method\":\"heartbeat\",\"params\":{\"type\":\"test_request\"}}");
        assertThat(client.closeCode.get(3, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void shouldKeepTheSocketWhileTestRequestsAreAnswered() throws Exception {
        client.result("public/set_heartbeat", "{\"interval\":10}");
        int answered = 0;
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
        while (System.nanoTime() < until) {
            JsonNode n = client.notifications.poll(50, TimeUnit.MILLISECONDS);
            if (n != null && n.path("params").path("type").asText().equals("test_request")) {
                client.result("public/test", "{}");
                answered++;
            }
        }

        assertThat(answered).isGreaterThanOrEqualTo(3);
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void shouldSendNoTestRequestsWhileTheHeartbeatFaultStopsThem() throws Exception {
        sim.faults().stopHeartbeats();
        client.result("public/set_heartbeat", "{\"interval\":10}");

        Thread.sleep(800);

        assertThat(client.notifications).isEmpty();
        assertThat(client.isOpen()).isTrue();
    }
}
