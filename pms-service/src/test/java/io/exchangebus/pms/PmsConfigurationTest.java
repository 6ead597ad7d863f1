package io.exchangebus.pms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangebus.service.config.ConfigException;
import io.exchangebus.service.config.ConfigKey;
import io.exchangebus.service.config.ConfigLoader;
import io.exchangebus.service.config.ServiceConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The service's configuration: its keys, the documented example, and the accounts it selects. */
class PmsConfigurationTest {
    private static final Map<String, String> SECRETS = Map.of("BINANCE_SPOT_API_KEY", "k1",
            "BINANCE_SPOT_SECRET", "s1", "BINANCE_USDM_API_KEY", "k2", "BINANCE_USDM_SECRET", "s2");
    private static final String BASE = "kafka:\n  bootstrap-servers: 127.0.0.1:9092\n"
            + "  schema-registry-url: http://127.0.0.1:8081/apis/ccompat/v7\n"
            + "exchanges:\n  binance-spot:\n    environment: testnet\n"
            + "accounts:\n"
            + "  main:\n    exchange: binance-spot\n    api-key: env:BINANCE_SPOT_API_KEY\n"
            + "    secret: env:BINANCE_SPOT_SECRET\n"
            + "  second:\n    exchange: binance-spot\n    api-key: env:BINANCE_USDM_API_KEY\n"
            + "    secret: env:BINANCE_USDM_SECRET\n";

    private static ServiceConfig load(String yaml) {
        return new ConfigLoader(PmsServiceMain.SERVICE_NAME, PmsKeys.SCHEMA, SECRETS).loadYaml(yaml);
    }

    @Test
    void shouldDocumentEveryConfigurationKeyInTheReadme() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);

        for (ConfigKey<?> key : PmsKeys.SCHEMA.keys()) {
            assertThat(readme).as(key.path()).contains("| `" + key.path() + "` |");
        }
    }

    @Test
    void shouldLoadTheExampleConfiguration() throws Exception {
        ServiceConfig config = new ConfigLoader(PmsServiceMain.SERVICE_NAME, PmsKeys.SCHEMA, SECRETS)
                .load(Optional.of(Path.of("src/main/resources/examples/pms-service.yaml")));

        assertThat(PmsKeys.selectedAccounts(config)).containsExactly("main", "futures");
    }

    @Test
    void shouldStreamEveryConfiguredAccountWhenNoneAreNamed() {
        assertThat(PmsKeys.selectedAccounts(load(BASE))).containsExactly("main", "second");
    }

    @Test
    void shouldStreamOnlyTheNamedAccounts() {
        assertThat(PmsKeys.selectedAccounts(load(BASE + "pms:\n  accounts: [second]\n"))).containsExactly("second");
    }

    @Test
    void shouldRefuseToStreamAnAccountThatIsNotConfigured() {
        assertThatThrownBy(() -> load(BASE + "pms:\n  accounts: [main, nope]\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("pms.accounts")
                .hasMessageContaining("'nope'");
    }
}
