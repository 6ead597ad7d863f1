package io.exchangebus.connectors.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectorSettingsTest {

    private static final URI REST = URI.create("http://127.0.0.1:8080");

    @Test
    void shouldKeepWhatItIsGivenAndNotChangeWithTheCaller() {
        Map<String, String> settings = new HashMap<>(Map.of("recv-window", "5s"));
        ConnectorSettings s = new ConnectorSettings("binance-spot", Environment.CUSTOM, Map.of("rest-url", REST),
                settings);
        settings.put("recv-window", "9s");

        assertThat(s.setting("recv-window")).contains("5s");
        assertThat(s.endpoint("rest-url")).contains(REST);
        assertThat(s.endpoint("stream-url")).isEmpty();
        assertThatThrownBy(() -> s.settings().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void shouldAddEndpointsAndSettingsInCopies() {
        ConnectorSettings base = ConnectorSettings.production("binance-spot");
        ConnectorSettings changed = base.withEndpoint("rest-url", REST).withSetting("recv-window", "5s");

        assertThat(base.endpoints()).isEmpty();
        assertThat(base.settings()).isEmpty();
        assertThat(changed.endpoints()).containsEntry("rest-url", REST);
        assertThat(changed.settings()).containsEntry("recv-window", "5s");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Binance", "binance_spot", "-binance", "binance spot"})
    void shouldRefuseABadExchangeId(String id) {
        assertThatThrownBy(() -> ConnectorSettings.production(id))
                .isInstanceOf(ConnectorConfigException.class)
                .hasMessageContaining("exchange must be lower-case letters, digits and dashes");
    }

    @Test
    void shouldRefuseAMissingEnvironment() {
        assertThatThrownBy(() -> new ConnectorSettings("binance-spot", null, Map.of(), Map.of()))
                .isInstanceOf(ConnectorConfigException.class)
                .hasMessage("binance-spot: environment must be given: production, testnet, custom, or another the exchange "
                        + "declares");
    }

    @Test
    void shouldRefuseCustomWithoutEndpoints() {
        assertThatThrownBy(() -> ConnectorSettings.custom("binance-spot", Map.of()))
                .isInstanceOf(ConnectorConfigException.class)
                .hasMessage("binance-spot: endpoints must be given with environment CUSTOM");
    }

    @Test
    void shouldNameAMissingEndpoint() {
        ConnectorSettings s = ConnectorSettings.custom("binance-spot", Map.of("rest-url", REST));

        assertThatThrownBy(() -> s.requireEndpoint("ws-api-url"))
                .isInstanceOf(ConnectorConfigException.class)
                .hasMessage("binance-spot: endpoints.ws-api-url must be given with environment CUSTOM");
    }

    @Test
    void shouldRefuseARelativeEndpoint() {
        assertThatThrownBy(() -> ConnectorSettings.custom("binance-spot", Map.of("rest-url", URI.create("/api"))))
                .isInstanceOf(ConnectorConfigException.class)
                .hasMessageStartingWith("binance-spot: endpoints.rest-url must be an absolute URI with a host");
    }

    @Test
    void shouldRefuseABadSettingName() {
        assertThatThrownBy(() -> ConnectorSettings.production("binance-spot").withSetting("Recv Window", "5s"))
                .isInstanceOf(ConnectorConfigException.class)
                .hasMessageStartingWith("binance-spot: settings.Recv Window is not a valid name");
    }

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "5s, PT5S", "2m, PT2M", "1h, PT1H", "PT1.5S, PT1.5S", "' 7s ', PT7S", "0s, PT0S"})
    void shouldReadDurations(String text, String expected) {
        ConnectorSettings s = ConnectorSettings.production("binance-spot").withSetting("recv-window", text);

        assertThat(s.duration("recv-window")).contains(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "5 s", "five seconds", "-5s", "PT-5S", "5sec", "1.5s"})
    void shouldNameTheKeyOfABadDuration(String text) {
        ConnectorSettings s = ConnectorSettings.production("binance-spot").withSetting("recv-window", text);

        assertThatThrownBy(() -> s.duration("recv-window"))
                .isInstanceOf(ConnectorConfigException.class)
                .hasMessageStartingWith("binance-spot: settings.recv-window must ")
                .hasMessageContaining(text);
    }

    @Test
    void shouldReadIntegersAndNameTheKeyOfABadOne() {
        ConnectorSettings s = ConnectorSettings.production("binance-spot")
                .withSetting("streams-per-connection", "200").withSetting("other", "2OO");

        assertThat(s.integer("streams-per-connection")).hasValue(200);
        assertThat(s.integer("missing")).isEmpty();
        assertThatThrownBy(() -> s.integer("other"))
                .isInstanceOf(ConnectorConfigException.class)
                .hasMessage("binance-spot: settings.other must be an integer, was '2OO'");
    }
}
