package io.exchangebus.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.spi.ExchangeConnectors;
import io.exchangebus.ingest.IngestKeys;
import io.exchangebus.ingest.IngestMain;
import io.exchangebus.oms.OmsKeys;
import io.exchangebus.oms.OmsServiceMain;
import io.exchangebus.pms.PmsKeys;
import io.exchangebus.pms.PmsServiceMain;
import io.exchangebus.recovery.RecoveryJobMain;
import io.exchangebus.recovery.RecoveryKeys;
import io.exchangebus.service.config.ConfigReference;
import io.exchangebus.service.config.ConfigSchema;
import io.exchangebus.service.config.ConnectorReference;
import io.exchangebus.streams.StreamsAppsKeys;
import io.exchangebus.streams.StreamsAppsMain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/configuration.md} is generated from the keys the five services and every exchange's connector
 * declare, and stays so: this test
 * fails when a key is added, changed or removed without regenerating it. Regenerate with
 * {@code mvn -B -ntp -o -pl cli test -Dtest=ConfigurationReferenceTest -Dexbus.docs.write=true}.
 */
class ConfigurationReferenceTest {
    private static final Path REFERENCE = Path.of("..", "docs", "configuration.md");

    @Test
    void shouldMatchTheKeysEveryServiceDeclares() throws IOException {
        String generated = render();
        if (Boolean.getBoolean("exbus.docs.write")) {
            Files.writeString(REFERENCE, generated, StandardCharsets.UTF_8);
        }

        assertThat(Files.readString(REFERENCE, StandardCharsets.UTF_8))
                .as("docs/configuration.md is stale: regenerate it (see this test's javadoc)").isEqualTo(generated);
    }

    static String render() {
        Map<String, ConfigSchema> services = new LinkedHashMap<>();
        services.put(IngestMain.SERVICE, IngestKeys.SCHEMA);
        services.put(PmsServiceMain.SERVICE_NAME, PmsKeys.SCHEMA);
        services.put(OmsServiceMain.SERVICE, OmsKeys.SCHEMA);
        services.put(RecoveryJobMain.SERVICE_NAME, RecoveryKeys.SCHEMA);
        services.put(StreamsAppsMain.SERVICE_NAME, StreamsAppsKeys.SCHEMA);
        StringBuilder out = new StringBuilder("# Configuration reference\n\n"
                + "Generated from the keys each service declares (`ConfigurationReferenceTest` in `cli` keeps it so; "
                + "do not edit by hand). Each service reads one YAML file (`--config`) and `EXBUS_` environment "
                + "variables, which win. A secret is never a value here: `env:NAME` or `file:/path` says where it "
                + "is. A wrong key, type or value stops the service at start with exit code 2, naming the key.\n\n"
                + "Examples: `<service>/src/main/resources/examples/<service>.yaml`; the demo's own files are "
                + "written to `~/.exbus/demo/config/` by `./exbus demo`.\n");
        services.forEach((name, schema) -> out.append("\n## ").append(name).append("\n\n")
                .append(ConfigReference.markdown(schema)));
        out.append("\n## Exchanges\n\n"
                + "What each exchange's connector takes under `exchanges.<id>` and `accounts.<id>`, as it declares it "
                + "(`ExchangeConnector.schema()`); every service checks a configuration against it before connecting, "
                + "naming the key at fault. `rest-url`, `stream-url` and `ws-api-url` directly under the exchange are "
                + "shorthands for the endpoints of those names.\n");
        ExchangeConnectors connectors = ExchangeConnectors.load();
        connectors.ids().stream().sorted()
                .forEach(id -> out.append('\n').append(ConnectorReference.markdown(connectors.require(id).schema())));
        return out.toString();
    }
}
