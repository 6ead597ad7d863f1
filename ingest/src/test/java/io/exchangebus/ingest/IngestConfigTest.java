package io.exchangebus.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangebus.service.config.ConfigException;
import io.exchangebus.service.config.ConfigKey;
import io.exchangebus.service.config.ConfigLoader;
import io.exchangebus.service.config.ServiceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Ingest's configuration: the example is valid, mistakes name their key, the README lists every key. */
class IngestConfigTest {
    private static final String BASE = "kafka:\n  bootstrap-servers: 127.0.0.1:9092\n"
            + "  schema-registry-url: http://127.0.0.1:8081/apis/ccompat/v7\n"
            + "exchanges:\n  binance-spot: {}\n";

    private static ServiceConfig load(String yaml) {
        return new ConfigLoader(IngestMain.SERVICE, IngestKeys.SCHEMA, Map.of()).loadYaml(yaml);
    }

    @Test
    void shouldAcceptTheExampleConfiguration() {
        ServiceConfig config = new ConfigLoader(IngestMain.SERVICE, IngestKeys.SCHEMA, Map.of())
                .load(Optional.of(Path.of("src/main/resources/examples/ingest.yaml")));

        assertThat(config.names(IngestKeys.SUBSCRIPTIONS)).containsExactly("btc-perp", "btc-spot", "eth-spot-full");
        SubscriptionSpec perp = SubscriptionSpec.fromConfig(config, "btc-perp");
        assertThat(perp).isEqualTo(new SubscriptionSpec("btc-perp", "binance-usdm", "BTCUSDT", true, 10,
                Duration.ofMillis(250), true));
        assertThat(SubscriptionSpec.fromConfig(config, "eth-spot-full").bookDepth()).isZero();
        assertThat(perp.key()).isEqualTo("binance-usdm:BTCUSDT");
    }

    @Test
    void shouldDefaultToTopTwentyEveryHundredMillisWithTrades() {
        ServiceConfig config = load(BASE + "ingest:\n  subscriptions:\n    btc:\n      exchange: binance-spot\n"
                + "      symbol: BTCUSDT\n");

        assertThat(SubscriptionSpec.fromConfig(config, "btc")).isEqualTo(new SubscriptionSpec("btc", "binance-spot",
                "BTCUSDT", true, 20, Duration.ofMillis(100), true));
        assertThat(config.get(IngestKeys.RAW_FRAMES)).isFalse();
    }

    @Test
    void shouldRefuseASubscriptionOfAnExchangeNotConfiguredNamingTheKey() {
        assertThatThrownBy(() -> load(BASE + "ingest:\n  subscriptions:\n    btc:\n      exchange: binance-usdm\n"
                + "      symbol: BTCUSDT\n      book-depth: -1\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("config key 'ingest.subscriptions.btc.exchange': names exchange 'binance-usdm'")
                .hasMessageContaining("config key 'ingest.subscriptions.btc.book-depth': must be from 0");
    }

    @Test
    void shouldRefuseASubscriptionWithoutASymbol() {
        assertThatThrownBy(() -> load(BASE + "ingest:\n  subscriptions:\n    btc:\n      exchange: binance-spot\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("config key 'ingest.subscriptions.btc.symbol': required");
    }

    @Test
    void shouldListEveryKeyInTheReadme() throws Exception {
        String readme = Files.readString(Path.of("README.md"));

        for (ConfigKey<?> key : IngestKeys.SCHEMA.keys()) {
            assertThat(readme).as("README documents %s", key.path()).contains("`" + key.path() + "`");
        }
    }
}
