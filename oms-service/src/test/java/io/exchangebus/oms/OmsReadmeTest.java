package io.exchangebus.oms;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.service.config.ConfigKey;
import io.exchangebus.service.config.ConfigLoader;
import io.exchangebus.service.config.ServiceConfig;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OmsReadmeTest {

    @Test
    void shouldDocumentEveryConfigurationKeyInTheReadme() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);

        for (ConfigKey<?> key : OmsKeys.SCHEMA.keys()) {
            assertThat(readme).as("README documents %s", key.path()).contains("| `" + key.path() + "` |");
        }
    }

    @Test
    void shouldLoadTheExampleConfiguration() throws Exception {
        String yaml = Files.readString(Path.of("src/main/resources/examples/oms-service.yaml"),
                StandardCharsets.UTF_8);

        ServiceConfig config = new ConfigLoader(OmsServiceMain.SERVICE, OmsKeys.SCHEMA, Map.of(
                "BINANCE_SPOT_API_KEY", "k1", "BINANCE_SPOT_SECRET", "s1", "BINANCE_USDM_API_KEY", "k2",
                "BINANCE_USDM_SECRET", "s2")).loadYaml(yaml);

        assertThat(config.get(OmsKeys.ACCOUNTS)).containsExactly("main", "perp");
        assertThat(RiskLimits.of(config).priceBand()).isEqualByComparingTo("0.05");
        assertThat(RiskLimits.of(config).maxOrderNotional()).isEqualByComparingTo(new BigDecimal("250000"));
        assertThat(config.names("accounts")).containsExactlyElementsOf(List.of("main", "perp"));
    }
}
