package io.exchangebus.sim.deribit;

import static io.exchangebus.sim.deribit.DeribitTestSupport.login;
import static io.exchangebus.sim.deribit.DeribitTestSupport.quiet;
import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.sim.account.ApiKey;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The framework's faults, seen through the Deribit endpoints. */
class DeribitFaultsTest {

    private DeribitSimulator sim;
    private ApiKey key;

    @BeforeEach
    void start() {
        sim = quiet().build();
        key = sim.createAccount("alice");
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void shouldDropTheSocketAndWithItTheConnectionScopedToken() throws Exception {
        DeribitWsClient client = DeribitWsClient.connect(sim.wsUri());
        String token = client.result("public/auth", "{\"grant_type\":\"client_credentials\",\"client_id\":\""
                + key.keyId() + "\",\"client_secret\":\"" + key.secret() + "\"}").get("access_token").asText();

        sim.faults().dropConnections();

        assertThat(client.closeCode.get(3, TimeUnit.SECONDS)).isEqualTo(1006);
        DeribitWsClient again = DeribitWsClient.connect(sim.wsUri());
        DeribitTestSupport.waitUntil(() -> {
            try {
                return again.call("private/get_positions", "{\"currency\":\"BTC\",\"access_token\":\"" + token
                        + "\"}").path("error").path("code").asInt() == 13009;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        again.close();
    }

    @Test
    void shouldDelayTheAnswersOfOneMethod() throws Exception {
        DeribitWsClient client = login(sim, key);
        sim.faults().delayAnswersTo("public/get_time", Duration.ofMillis(600));

        long started = System.nanoTime();
        client.result("public/get_time", "{}");
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        client.result("public/test", "{}");

        assertThat(tookMillis).isGreaterThanOrEqualTo(550);
        client.close();
    }

    @Test
    void shouldRefuseALoginWhenTheFaultSaysSo() throws Exception {
        DeribitWsClient client = DeribitWsClient.connect(sim.wsUri());
        sim.faults().rejectNextLogin();

        assertThat(client.call("public/auth", "{\"grant_type\":\"client_credentials\",\"client_id\":\""
                + key.keyId() + "\",\"client_secret\":\"" + key.secret() + "\"}").get("error").get("code").asInt())
                .isEqualTo(13004);
        client.close();
    }
}
