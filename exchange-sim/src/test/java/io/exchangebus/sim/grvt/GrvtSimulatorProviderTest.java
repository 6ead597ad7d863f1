package io.exchangebus.sim.grvt;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.sim.ExchangeSimulator;
import io.exchangebus.sim.ExchangeSimulators;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrvtSimulatorProviderTest {

    /**
     * Found through META-INF/services, as exbus sim and exbus demo find it: its connection names the endpoints as the
     * GRVT connector's configuration does, and the demo account's sub-account as the account setting it needs.
     */
    @Test
    void shouldNameTheConnectorsEndpointsAndTheFundedSubAccount(@TempDir Path dir) throws Exception {
        ExchangeSimulator grvt = ExchangeSimulators.load().find("grvt").orElseThrow();

        try (ExchangeSimulator.Running running = grvt.launch(0, 7)) {
            ExchangeSimulator.Connection c = running.connection();
            assertThat(c.endpoints()).containsOnlyKeys("edge-url", "trades-url", "market-data-url", "trades-ws-url",
                            "market-data-ws-url")
                    .containsEntry("edge-url", c.restUrl()).containsEntry("market-data-ws-url", c.streamUrl());
            assertThat(c.endpoints().get("trades-ws-url")).matches("ws://127\\.0\\.0\\.1:\\d+/ws/full");
            assertThat(c.accountSettings()).containsExactlyEntriesOf(java.util.Map.of("sub-account-id", c.account()));
            assertThat(c.symbols()).containsExactly("BTC_USDT_Perp");
            assertThat(running.describe()).contains(c.apiKey()).contains(c.account());

            Path file = dir.resolve("grvt.properties");
            c.writeTo(file);
            assertThat(Files.readString(file)).contains("account-setting.sub-account-id=" + c.account() + "\n")
                    .contains("endpoint.trades-url=" + c.restUrl() + "\n");

            HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(c.endpoints().get("edge-url") + "/auth/api_key/login"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"api_key\":\"" + c.apiKey() + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            assertThat(login.headers().firstValue("Set-Cookie")).hasValueSatisfying(v -> assertThat(v)
                    .startsWith("gravity="));
        }
    }
}
