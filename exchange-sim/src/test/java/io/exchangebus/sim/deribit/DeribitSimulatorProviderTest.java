package io.exchangebus.sim.deribit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.sim.ExchangeSimulator;
import io.exchangebus.sim.ExchangeSimulators;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class DeribitSimulatorProviderTest {

    /** Found through META-INF/services, as exbus sim and exbus demo find it. */
    @Test
    void shouldLaunchAFundedDemoThatAConnectorCanLogInTo() throws Exception {
        ExchangeSimulator deribit = ExchangeSimulators.load().find("deribit").orElseThrow();

        try (ExchangeSimulator.Running running = deribit.launch(0, 7)) {
            ExchangeSimulator.Connection c = running.connection();
            assertThat(c.restUrl()).matches("http://127\\.0\\.0\\.1:\\d+/api/v2");
            assertThat(c.streamUrl()).matches("ws://127\\.0\\.0\\.1:\\d+/ws/api/v2").isEqualTo(c.wsApiUrl());
            assertThat(running.describe()).contains("client_id").contains(c.apiKey());
            assertThat(c.endpoints()).containsEntry("ws-url", c.wsApiUrl()).containsEntry("rest-url", c.restUrl());
            assertThat(c.symbols()).hasSize(2).first().isEqualTo("BTC-PERPETUAL");
            assertThat(c.symbols().get(1)).endsWith("-C");

            HttpClient http = HttpClient.newHttpClient();
            JsonNode auth = get(http, c.restUrl() + "/public/auth?grant_type=client_credentials&client_id="
                    + c.apiKey() + "&client_secret=" + c.secret(), null);
            String token = auth.get("result").get("access_token").asText();
            JsonNode summary = get(http, c.restUrl() + "/private/get_account_summary?currency=BTC", token);
            assertThat(summary.get("result").get("balance").decimalValue()).isEqualByComparingTo("10");

            DeribitWsClient ws = DeribitWsClient.connect(URI.create(c.wsApiUrl()));
            ws.result("public/auth", "{\"grant_type\":\"client_credentials\",\"client_id\":\"" + c.apiKey()
                    + "\",\"client_secret\":\"" + c.secret() + "\"}");
            ws.result("public/subscribe", "{\"channels\":[\"ticker.BTC-PERPETUAL.100ms\"]}");
            assertThat(ws.next("ticker.BTC-PERPETUAL.100ms").get("params").get("data").get("mark_price")
                    .decimalValue()).isPositive();
            ws.close();
        }
    }

    private static JsonNode get(HttpClient http, String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            request.header("Authorization", "bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return DeribitWsClient.JSON.readTree(response.body());
    }
}
