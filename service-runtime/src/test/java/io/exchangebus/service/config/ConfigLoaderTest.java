package io.exchangebus.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    static final String MINIMAL = String.join("\n",
            "kafka:",
            "  bootstrap-servers: 127.0.0.1:9092",
            "  schema-registry-url: http://127.0.0.1:8081/apis/ccompat/v7",
            "");

    static ServiceConfig load(String yaml, Map<String, String> env) {
        return new ConfigLoader("ingest", CommonKeys.SCHEMA, env).loadYaml(yaml);
    }

    static ConfigException failure(String yaml, Map<String, String> env) {
        try {
            load(yaml, env);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("the configuration was accepted");
    }

    @Test
    void shouldReadTheFileAndFillDefaults() {
        ServiceConfig config = load(MINIMAL, Map.of());

        assertThat(config.get(CommonKeys.BOOTSTRAP_SERVERS)).isEqualTo("127.0.0.1:9092");
        assertThat(config.get(CommonKeys.SCHEMA_REGISTRY_URL))
                .isEqualTo(URI.create("http://127.0.0.1:8081/apis/ccompat/v7"));
        assertThat(config.get(CommonKeys.HTTP_PORT)).isEqualTo(8080);
        assertThat(config.get(CommonKeys.SHUTDOWN_TIMEOUT)).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.find(CommonKeys.INSTANCE_ID)).isEmpty();
        assertThat(config.names("exchanges")).isEmpty();
    }

    @Test
    void shouldLetTheEnvironmentWinOverTheFile() {
        ServiceConfig config = load(MINIMAL + "service:\n  http-port: 8080\n", Map.of(
                "EXBUS_KAFKA__BOOTSTRAP_SERVERS", "broker-a:9092,broker-b:9092",
                "EXBUS_SERVICE__HTTP_PORT", "9100"));

        assertThat(config.get(CommonKeys.BOOTSTRAP_SERVERS)).isEqualTo("broker-a:9092,broker-b:9092");
        assertThat(config.get(CommonKeys.HTTP_PORT)).isEqualTo(9100);
    }

    @Test
    void shouldRunWithoutAFileFromEnvironmentAndDefaults() {
        ServiceConfig config = new ConfigLoader("ingest", CommonKeys.SCHEMA, Map.of(
                "EXBUS_KAFKA__BOOTSTRAP_SERVERS", "127.0.0.1:9092",
                "EXBUS_KAFKA__SCHEMA_REGISTRY_URL", "http://127.0.0.1:8081",
                "EXBUS_SERVICE__INSTANCE_ID", "ingest-7")).load(Optional.empty());

        assertThat(config.get(CommonKeys.INSTANCE_ID)).isEqualTo("ingest-7");
        assertThat(CommonConfig.of(config).instanceId()).isEqualTo("ingest-7");
        assertThat(config.get(CommonKeys.HTTP_PORT)).isEqualTo(8080);
    }

    @Test
    void shouldReadAFileFromDisk(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("ingest.yaml"), MINIMAL + "service:\n  shutdown-timeout: 5m\n");

        ServiceConfig config = new ConfigLoader("ingest", CommonKeys.SCHEMA, Map.of()).load(Optional.of(file));

        assertThat(config.get(CommonKeys.SHUTDOWN_TIMEOUT)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void shouldNameAMissingFile(@TempDir Path dir) {
        Path file = dir.resolve("absent.yaml");

        assertThatThrownBy(() -> new ConfigLoader("ingest", CommonKeys.SCHEMA, Map.of()).load(Optional.of(file)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config file " + file + " does not exist");
    }

    @Test
    void shouldNameAMissingRequiredKey() {
        ConfigException e = failure("kafka:\n  schema-registry-url: http://r:8081\n", Map.of());

        assertThat(e.problems()).containsExactly("config key 'kafka.bootstrap-servers': required, not set");
        assertThat(e.getMessage()).isEqualTo("config key 'kafka.bootstrap-servers': required, not set");
    }

    @Test
    void shouldReportEveryProblemTogether() {
        ConfigException e = failure("service:\n  http-port: -3\n  shutdown-timeout: soon\n", Map.of());

        assertThat(e.problems()).containsExactlyInAnyOrder(
                "config key 'service.http-port': must be from 0 to 65535, was -3",
                "config key 'service.shutdown-timeout': not a duration (a whole number with ms, s, m, h or d, "
                        + "e.g. 500ms, 30s, 5m): 'soon'",
                "config key 'kafka.bootstrap-servers': required, not set",
                "config key 'kafka.schema-registry-url': required, not set");
        assertThat(e.getMessage()).startsWith("the configuration has 4 problems:\n  config key ");
    }

    @Test
    void shouldRejectAnUnknownKeyNamingWhatIsKnownThere() {
        ConfigException e = failure(MINIMAL + "service:\n  http-prot: 9000\n", Map.of());

        assertThat(e.problems()).containsExactly("config key 'service.http-prot': unknown key (known under "
                + "'service': http-port, instance-id, shutdown-timeout)");
    }

    @Test
    void shouldRejectAnUnknownSection() {
        ConfigException e = failure(MINIMAL + "kafak:\n  x: 1\n", Map.of());

        assertThat(e.problems()).singleElement().asString()
                .startsWith("config key 'kafak': unknown key (known sections: accounts, exchanges, kafka, service)");
    }

    @Test
    void shouldRejectAnUnknownKeyInsideANamedEntry() {
        ConfigException e = failure(MINIMAL + "exchanges:\n  binance-spot:\n    rest-uri: http://x\n", Map.of());

        assertThat(e.problems()).singleElement().asString()
                .startsWith("config key 'exchanges.binance-spot.rest-uri': unknown key");
    }

    @Test
    void shouldRejectAnEnvironmentVariableThatNamesNoKey() {
        ConfigException e = failure(MINIMAL, Map.of("EXBUS_KAFKA__BOOTSTRAP_SERVER", "x:1"));

        assertThat(e.problems()).containsExactly("config key 'kafka.bootstrap-server': unknown key (from "
                + "environment variable EXBUS_KAFKA__BOOTSTRAP_SERVER)");
    }

    @Test
    void shouldLeaveOtherExbusVariablesAlone() {
        ServiceConfig config = load(MINIMAL, Map.of("EXBUS_LOG_FORMAT", "json", "EXBUS_REGISTRY_APP", "/x.jar"));

        assertThat(config.get(CommonKeys.HTTP_PORT)).isEqualTo(8080);
    }

    @Test
    void shouldSayWhichVariableSetABadValue() {
        ConfigException e = failure(MINIMAL, Map.of("EXBUS_SERVICE__HTTP_PORT", "eighty"));

        assertThat(e.problems()).containsExactly(
                "config key 'service.http-port': not an int: 'eighty' (set by EXBUS_SERVICE__HTTP_PORT)");
    }

    @Test
    void shouldRejectAKeySetTwiceInTheFile() {
        ConfigException e = failure(MINIMAL + "service:\n  http-port: 1\n  http-port: 2\n", Map.of());

        assertThat(e.problems()).containsExactly("config key 'service.http-port': set twice in the file");
    }

    @Test
    void shouldRejectAValueWhereASectionIsExpected() {
        ConfigException e = failure(MINIMAL + "service: 8080\n", Map.of());

        assertThat(e.problems()).containsExactly(
                "config key 'service': is a section (http-port, instance-id, shutdown-timeout), not a value");
    }

    @Test
    void shouldRejectAMapWhereAValueIsExpected() {
        ConfigException e = failure(MINIMAL + "service:\n  http-port:\n    value: 1\n", Map.of());

        assertThat(e.problems()).containsExactly("config key 'service.http-port': must be a single value (int), "
                + "not a map");
    }

    @Test
    void shouldReportYamlThatDoesNotParse() {
        ConfigException e = failure("kafka: [unclosed\n", Map.of());

        assertThat(e.getMessage()).contains("the configuration is not valid YAML");
    }

    @Test
    void shouldRefuseToReadAKeyTheSchemaDoesNotDeclare() {
        ServiceConfig config = load(MINIMAL, Map.of());
        ConfigKey<Integer> other = ConfigKey.withDefault("oms.risk.max-open-orders", ConfigTypes.INT, 1, "x");

        assertThatThrownBy(() -> config.get(other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'oms.risk.max-open-orders' is not declared");
    }
}
