package io.exchangebus.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ExchangeSimulatorsTest {

    @Test
    void shouldFindEverySimulatorThroughServiceLoader() {
        ExchangeSimulators simulators = ExchangeSimulators.load();

        assertThat(simulators.ids()).containsExactly("binance-spot", "binance-usdm", "deribit", "grvt");
        assertThat(simulators.find("binance-usdm")).map(ExchangeSimulator::exchange).contains("binance-usdm");
        assertThat(simulators.find("nowhere")).isEmpty();
    }

    @Test
    void shouldLaunchASimulatorFoundByItsExchangeId() throws Exception {
        ExchangeSimulator usdm = ExchangeSimulators.load().find("binance-usdm").orElseThrow();

        try (ExchangeSimulator.Running running = usdm.launch(0, 7)) {
            Matcher rest = Pattern.compile("REST: +(http://127\\.0\\.0\\.1:\\d+)").matcher(running.describe());
            assertThat(rest.find()).as(running.describe()).isTrue();
            HttpResponse<String> time = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(rest.group(1) + "/fapi/v1/time")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(time.statusCode()).isEqualTo(200);
            assertThat(running.describe()).contains("demo account");
            assertThat(running.connection().restUrl()).isEqualTo(rest.group(1));
            assertThat(running.connection().apiKey()).isNotBlank();
            assertThat(usdm.demoAccount()).isEqualTo("perp");
        }
    }

    @Test
    void shouldRefuseTwoSimulatorsOfOneExchange() {
        ExchangeSimulator one = new Named("x");
        ExchangeSimulator two = new Named("x");

        assertThatThrownBy(() -> ExchangeSimulators.of(List.of(one, two)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("exchange id x");
    }

    private record Named(String exchange) implements ExchangeSimulator {
        @Override
        public Running launch(int port, long seed) {
            throw new UnsupportedOperationException();
        }
    }
}
