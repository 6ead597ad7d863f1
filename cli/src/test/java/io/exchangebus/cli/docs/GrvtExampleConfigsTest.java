package io.exchangebus.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.ingest.IngestKeys;
import io.exchangebus.ingest.IngestMain;
import io.exchangebus.oms.OmsKeys;
import io.exchangebus.oms.OmsServiceMain;
import io.exchangebus.pms.PmsKeys;
import io.exchangebus.pms.PmsServiceMain;
import io.exchangebus.recovery.RecoveryJobMain;
import io.exchangebus.recovery.RecoveryKeys;
import io.exchangebus.service.config.CommonConfig;
import io.exchangebus.service.config.ConfigLoader;
import io.exchangebus.service.config.ConfigSchema;
import io.exchangebus.service.config.ServiceConfig;
import io.exchangebus.service.exchange.ExchangeAccess;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each service's GRVT example ({@code <service>/src/main/resources/examples/<service>-grvt.yaml}) loads with the
 * service's configuration schema and passes the GRVT connector's own checks of the exchange and its accounts (found
 * on the class path through {@code connectors/all}), as the service checks it at start: the private services name a
 * sub-account; secrets are references to the environment (stand-ins here).
 */
class GrvtExampleConfigsTest {
    private static final Map<String, ConfigSchema> SCHEMAS = Map.of(
            IngestMain.SERVICE, IngestKeys.SCHEMA,
            RecoveryJobMain.SERVICE_NAME, RecoveryKeys.SCHEMA,
            PmsServiceMain.SERVICE_NAME, PmsKeys.SCHEMA,
            OmsServiceMain.SERVICE, OmsKeys.SCHEMA);

    @ParameterizedTest
    @CsvSource({"ingest, 0", "recovery-job, 1", "pms-service, 1", "oms-service, 1"})
    void shouldLoadTheGrvtExampleAndPassTheConnectorsChecks(String service, int accounts) {
        Path file = Path.of("..", service, "src", "main", "resources", "examples", service + "-grvt.yaml");

        ServiceConfig config = new ConfigLoader(service, SCHEMAS.get(service), Map.of(
                "GRVT_API_KEY", "api-key", "GRVT_SIGNING_KEY", "0x" + "1".repeat(64))).load(Optional.of(file));
        ExchangeAccess access = ExchangeAccess.of(CommonConfig.of(config));

        assertThat(access.exchangeIds()).containsExactly("grvt");
        assertThat(access.accounts()).hasSize(accounts).allSatisfy(a -> {
            assertThat(a.exchange()).isEqualTo("grvt");
            assertThat(a.settings().keyType()).isEqualTo("api-key");
            assertThat(a.settings().settings()).containsEntry("sub-account-id", "1234567890123456");
        });
    }
}
