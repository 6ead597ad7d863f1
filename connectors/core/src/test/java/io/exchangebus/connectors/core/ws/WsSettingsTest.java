package io.exchangebus.connectors.core.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WsSettingsTest {

    private final URI uri = URI.create("wss://stream.example.com:9443/ws");

    @Test
    void shouldDefaultEverySetting() {
        WsSettings s = WsSettings.builder("md", uri).build();
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.silenceTimeout()).isGreaterThan(s.pingInterval());
        assertThat(s.appHeartbeat()).isNull();
        assertThat(s.overflowPolicy()).isEqualTo(OverflowPolicy.DROP_AND_SIGNAL);
        assertThat(s.watchdogTick()).isEqualTo(Duration.ofMillis(7500));
    }

    @Test
    void shouldRefuseSilenceTimeoutNotAboveThePingInterval() {
        assertThatThrownBy(() -> WsSettings.builder("md", uri).pingInterval(Duration.ofSeconds(30)).build())
                .hasMessageContaining("silenceTimeout").hasMessageContaining("pingInterval");
    }

    @Test
    void shouldRefuseHeartbeatWithoutInterval() {
        assertThatThrownBy(() -> WsSettings.builder("md", uri).appHeartbeat(() -> "ping", Duration.ZERO).build())
                .hasMessageContaining("appHeartbeat");
    }

    @Test
    void shouldRefuseNonWebSocketScheme() {
        assertThatThrownBy(() -> WsSettings.builder("md", URI.create("https://example.com")).build())
                .hasMessageContaining("uri");
    }

    @Test
    void shouldRefuseEmptyQueue() {
        assertThatThrownBy(() -> WsSettings.builder("md", uri).handOffCapacity(0).build())
                .hasMessageContaining("handOffCapacity");
    }
}
