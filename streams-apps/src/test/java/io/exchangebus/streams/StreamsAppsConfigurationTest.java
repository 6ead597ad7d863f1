package io.exchangebus.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangebus.service.config.ConfigException;
import io.exchangebus.service.config.ConfigKey;
import io.exchangebus.service.config.ConfigLoader;
import io.exchangebus.service.config.ConfigReference;
import io.exchangebus.service.config.ServiceConfig;
import io.exchangebus.streams.dashboard.FeedKind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The service's configuration: its keys, the documented example, and what it refuses. */
class StreamsAppsConfigurationTest {
    private static final String BASE = "kafka:\n  bootstrap-servers: 127.0.0.1:9092\n"
            + "  schema-registry-url: http://127.0.0.1:8081/apis/ccompat/v7\n";

    private static ServiceConfig load(String yaml) {
        return new ConfigLoader(StreamsAppsMain.SERVICE_NAME, StreamsAppsKeys.SCHEMA, Map.of()).loadYaml(yaml);
    }

    @Test
    void shouldDocumentEveryConfigurationKeyInTheReadme() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);

        for (ConfigKey<?> key : StreamsAppsKeys.SCHEMA.keys()) {
            assertThat(readme).as(key.path()).contains("| `" + key.path() + "` |");
        }
    }

    @Test
    void shouldShowTheGeneratedConfigurationTableInTheReadme() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);

        assertThat(readme).as("README's configuration table, as ConfigReference renders StreamsAppsKeys.SCHEMA")
                .contains(ConfigReference.markdown(StreamsAppsKeys.SCHEMA));
    }

    @Test
    void shouldServeTheDashboardByDefault() {
        ServiceConfig config = load(BASE);

        assertThat(config.get(StreamsAppsKeys.DASHBOARD_ENABLED)).isTrue();
        assertThat(StreamsAppsKeys.dashboard(config).recent()).isEqualTo(50);
        assertThat(StreamsAppsKeys.dashboard(config).pushInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(StreamsAppsKeys.dashboard(config).maxClients()).isEqualTo(32);
        assertThat(StreamsAppsKeys.dashboardTopics(load(BASE + "streams:\n  topic-prefix: t1.\n")).kindByTopic())
                .containsEntry("t1.state.books.v1", FeedKind.BOOK)
                .containsEntry("t1.market.trades.v1", FeedKind.TRADE)
                .containsEntry("t1.orders.acks.v1", FeedKind.ACK)
                .hasSize(FeedKind.values().length);
    }

    @Test
    void shouldRefuseAPushIntervalBelowTenMillisecondsAndNoRecentEvents() {
        assertThatThrownBy(() -> load(BASE + "dashboard:\n  push-interval: 1ms\n  recent: 0\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("dashboard.push-interval")
                .hasMessageContaining("dashboard.recent");
    }

    @Test
    void shouldLoadTheExampleConfiguration() throws Exception {
        ServiceConfig config = new ConfigLoader(StreamsAppsMain.SERVICE_NAME, StreamsAppsKeys.SCHEMA, Map.of())
                .load(Optional.of(Path.of("src/main/resources/examples/streams-apps.yaml")));

        assertThat(config.get(StreamsAppsKeys.STANDBY_REPLICAS)).isEqualTo(1);
        assertThat(StreamsAppsKeys.books(config).depth()).isEqualTo(20);
        assertThat(StreamsAppsKeys.positions(config).tolerance()).isEqualByComparingTo("0.0001");
        assertThat(config.get(StreamsAppsKeys.KAFKA_STREAMS)).containsEntry("statestore.cache.max.bytes", "10485760");
    }

    @Test
    void shouldDefaultToTheCatalogueTopicsAndSafeSettings() {
        ServiceConfig config = load(BASE);

        assertThat(StreamsAppsKeys.topics(config)).isEqualTo(StreamsTopics.catalogue());
        assertThat(config.get(StreamsAppsKeys.STANDBY_REPLICAS)).isZero();
        assertThat(StreamsAppsKeys.books(config).minInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(StreamsAppsKeys.positions(config).tolerance()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void shouldRefuseToWeakenExactlyOnceThroughThePassThrough() {
        assertThatThrownBy(() -> load(BASE + "  streams:\n    processing.guarantee: at_least_once\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("kafka.streams.processing.guarantee")
                .hasMessageContaining("exactly_once_v2");
    }

    @Test
    void shouldRefuseANegativeToleranceAndAZeroDepth() {
        assertThatThrownBy(() -> load(BASE + "positions:\n  tolerance: \"-1\"\nbooks:\n  depth: 0\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("positions.tolerance")
                .hasMessageContaining("books.depth");
    }
}
