package io.exchangebus.connectors.deribit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangebus.connectors.core.credentials.SecretRef;
import io.exchangebus.connectors.core.spi.AccountSettings;
import io.exchangebus.connectors.core.spi.ConnectorConfigException;
import io.exchangebus.connectors.core.spi.ConnectorSettings;
import io.exchangebus.connectors.deribit.auth.DeribitGrantType;
import io.exchangebus.connectors.deribit.ws.DeribitRpcSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeribitSchemaTest {

    @TempDir
    Path dir;

    private AccountSettings account(Map<String, String> settings) throws Exception {
        Path key = Files.writeString(dir.resolve("key"), "client-id-1234");
        Path secret = Files.writeString(dir.resolve("secret"), "very-secret");
        return new AccountSettings("main", "api-key", SecretRef.parse("file:" + key),
                SecretRef.parse("file:" + secret), settings);
    }

    @Test
    void shouldUseDeribitsEndpointsPerEnvironment() {
        DeribitConfig production = DeribitSchema.config(ConnectorSettings.production("deribit"));
        DeribitConfig testnet = DeribitSchema.config(ConnectorSettings.testnet("deribit"));

        assertThat(production.endpoints().ws()).isEqualTo(URI.create("wss://www.deribit.com/ws/api/v2"));
        assertThat(production.endpoints().rest()).isEqualTo(URI.create("https://www.deribit.com/api/v2"));
        assertThat(testnet.endpoints().ws()).isEqualTo(URI.create("wss://test.deribit.com/ws/api/v2"));
        assertThat(testnet.endpoints().rest()).isEqualTo(URI.create("https://test.deribit.com/api/v2"));
        assertThat(production.heartbeatInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(production.account()).isEmpty();
    }

    @Test
    void shouldNeedBothEndpointsWhenCustomAndCheckTheirSchemes() {
        ConnectorSettings onlyWs = ConnectorSettings.custom("deribit",
                Map.of("ws-url", URI.create("ws://localhost:1")));
        ConnectorSettings wrongScheme = ConnectorSettings.production("deribit")
                .withEndpoint("ws-url", URI.create("https://localhost:1"));

        assertThatThrownBy(() -> DeribitSchema.config(onlyWs)).isInstanceOf(ConnectorConfigException.class)
                .hasMessageContaining("endpoints.rest-url");
        assertThatThrownBy(() -> DeribitSchema.config(wrongScheme)).hasMessageContaining("endpoints.ws-url");
    }

    @Test
    void shouldRefuseAHeartbeatBelowDeribitsMinimumAndUnknownSettings() {
        ConnectorSettings fast = ConnectorSettings.production("deribit").withSetting("heartbeat-interval", "5s");
        ConnectorSettings typo = ConnectorSettings.production("deribit").withSetting("heartbeat", "10s");

        assertThatThrownBy(() -> DeribitSchema.config(fast)).hasMessageContaining("settings.heartbeat-interval")
                .hasMessageContaining("at least 10s");
        assertThatThrownBy(() -> DeribitSchema.config(typo)).hasMessageContaining("settings.heartbeat");
    }

    @Test
    void shouldReadTheAccountWithItsSessionGrantAndCancelOnDisconnect() throws Exception {
        DeribitConfig config = DeribitSchema.config(ConnectorSettings.production("deribit"), account(Map.of(
                "session-name", "desk1", "grant-type", "client_credentials", "cancel-on-disconnect", "account",
                "heartbeat-interval", "30s")));

        DeribitAccount account = config.account().orElseThrow();
        assertThat(account.grantType()).isEqualTo(DeribitGrantType.CLIENT_CREDENTIALS);
        assertThat(account.credentials().apiKey()).isEqualTo("client-id-1234");
        assertThat(account.toString()).doesNotContain("very-secret");
        DeribitRpcSettings oms = config.rpc("oms", true, Clock.systemUTC());
        DeribitRpcSettings md = config.rpc("md", false, Clock.systemUTC());
        assertThat(oms.login().orElseThrow().scope()).contains("session:desk1-oms");
        assertThat(oms.cancelOnDisconnect()).contains("account");
        assertThat(oms.heartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(md.cancelOnDisconnect()).isEmpty();
        assertThat(md.uri()).isEqualTo(URI.create("wss://www.deribit.com/ws/api/v2"));
    }

    @Test
    void shouldDefaultToTheSignatureGrantAndRefuseBadAccountSettings() throws Exception {
        DeribitAccount account = DeribitSchema.config(ConnectorSettings.production("deribit"), account(Map.of()))
                .account().orElseThrow();

        assertThat(account.grantType()).isEqualTo(DeribitGrantType.CLIENT_SIGNATURE);
        assertThat(account.sessionName()).isEqualTo("exbus");
        assertThat(account.cancelOnDisconnect()).contains("connection");
        assertThatThrownBy(() -> DeribitSchema.config(ConnectorSettings.production("deribit"),
                account(Map.of("grant-type", "password")))).hasMessageContaining("grant-type");
        assertThatThrownBy(() -> DeribitSchema.config(ConnectorSettings.production("deribit"),
                account(Map.of("session-name", "a b")))).hasMessageContaining("session-name");
        assertThatThrownBy(() -> DeribitSchema.config(ConnectorSettings.production("deribit"),
                new AccountSettings("main", "hmac", SecretRef.parse("env:X"), SecretRef.parse("env:Y"))))
                .hasMessageContaining("key-type");
    }
}
