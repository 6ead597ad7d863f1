package io.exchangebus.connectors.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangebus.connectors.core.credentials.SecretRef;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A connector's declared schema checks what configuration says to it: environments the exchange has (GRVT's
 * staging), endpoints resolved per environment or required, typed settings with their checks, accounts' key types
 * of the connector's own (secp256k1) and accounts' own settings (a sub-account id).
 */
class ConnectorSchemaTest {
    private static final Environment STAGING = Environment.of("staging");
    private static final SettingKey<Long> SUB_ACCOUNT = SettingKey.longInteger("sub-account-id", null,
            "The trading sub-account.").check(id -> id > 0, "must be positive");
    private static final ConnectorSchema SCHEMA = new ConnectorSchema("grvt-like",
            List.of(Environment.PRODUCTION, Environment.TESTNET, STAGING),
            List.of(new EndpointSpec("edge", Set.of("https"), Map.of(Environment.PRODUCTION,
                            URI.create("https://edge.example"), Environment.TESTNET, URI.create("https://edge.test"),
                            STAGING, URI.create("https://edge.staging")), "login"),
                    new EndpointSpec("market-data-ws", Set.of("wss"), Map.of(Environment.PRODUCTION,
                            URI.create("wss://md.example/ws/full")), "market data")),
            List.of(SettingKey.duration("request-timeout", Duration.ofSeconds(10), "answer wait")
                    .check(d -> !d.isZero(), "must be more than 0")),
            List.of(SUB_ACCOUNT),
            List.of(new KeyTypeSpec("secp256k1", "an Ethereum private key"), new KeyTypeSpec("hmac", "a secret")));

    @Test
    void shouldResolveEachEndpointFromTheEnvironmentUnlessConfigurationGivesIt() {
        ConnectorSettings staging = new ConnectorSettings("grvt-like", STAGING,
                Map.of("market-data-ws", URI.create("wss://md.staging/ws/full")), Map.of());

        SCHEMA.check(staging);

        assertThat(SCHEMA.endpoint(staging, "edge")).isEqualTo(URI.create("https://edge.staging"));
        assertThat(SCHEMA.endpoint(staging, "market-data-ws")).isEqualTo(URI.create("wss://md.staging/ws/full"));
    }

    @Test
    void shouldRequireAnEndpointTheEnvironmentHasNoDefaultFor() {
        ConnectorSettings testnet = new ConnectorSettings("grvt-like", Environment.TESTNET, Map.of(), Map.of());

        assertThatThrownBy(() -> SCHEMA.check(testnet)).isInstanceOf(ConnectorConfigException.class)
                .hasMessage("grvt-like: endpoints.market-data-ws must be given with environment TESTNET");
    }

    @Test
    void shouldRefuseAnEnvironmentTheExchangeDoesNotHave() {
        ConnectorSettings dev = new ConnectorSettings("grvt-like", Environment.of("DEV"), Map.of(), Map.of());

        assertThatThrownBy(() -> SCHEMA.check(dev)).isInstanceOf(ConnectorConfigException.class)
                .hasMessage("grvt-like: environment must be one of [production, testnet, staging, custom], was dev");
    }

    @Test
    void shouldRefuseAnEndpointOfTheWrongScheme() {
        ConnectorSettings custom = ConnectorSettings.custom("grvt-like", Map.of("edge",
                URI.create("https://edge.local"), "market-data-ws", URI.create("https://md.local")));

        assertThatThrownBy(() -> SCHEMA.check(custom))
                .hasMessage("grvt-like: endpoints.market-data-ws must be a wss URI, was scheme https");
    }

    @Test
    void shouldCheckATypedSettingAndFallBackToItsDefault() {
        ConnectorSettings none = ConnectorSettings.production("grvt-like");
        ConnectorSettings zero = none.withSetting("request-timeout", "0s");

        assertThat(SCHEMA.settings().get(0).get(none)).isEqualTo(Duration.ofSeconds(10));
        assertThatThrownBy(() -> SCHEMA.check(zero))
                .hasMessage("grvt-like: settings.request-timeout must be more than 0");
    }

    @Test
    void shouldTakeTheConnectorsOwnKeyTypeAndTheAccountsOwnSettings() throws Exception {
        AccountSettings first = account("secp256k1", Map.of("sub-account-id", "8289849667772468"));
        AccountSettings second = account("secp256k1", Map.of("sub-account-id", "42"));

        SCHEMA.checkAccount(first);
        SCHEMA.checkAccount(second);

        assertThat(SUB_ACCOUNT.get(first, "grvt-like")).isEqualTo(8289849667772468L);
        assertThat(SUB_ACCOUNT.get(second, "grvt-like")).isEqualTo(42L);
        assertThat(SCHEMA.defaultKeyType()).isEqualTo("secp256k1");
    }

    @Test
    void shouldNameTheAccountsKeyAtFault() throws Exception {
        assertThatThrownBy(() -> SCHEMA.checkAccount(account("ed25519", Map.of())))
                .hasMessage("grvt-like: account.main.key-type must be one of [hmac, secp256k1], was 'ed25519'");
        assertThatThrownBy(() -> SCHEMA.checkAccount(account("hmac", Map.of("subaccount", "1"))))
                .hasMessage("grvt-like: account.main.settings.subaccount is not an account setting of grvt-like; "
                        + "known: [sub-account-id]");
        assertThatThrownBy(() -> SCHEMA.checkAccount(account("hmac", Map.of("sub-account-id", "x1"))))
                .hasMessage("grvt-like: account.main.settings.sub-account-id must be an integer, was 'x1'");
        assertThatThrownBy(() -> SCHEMA.checkAccount(account("hmac", Map.of("sub-account-id", "-1"))))
                .hasMessage("grvt-like: account.main.settings.sub-account-id must be positive");
    }

    @Test
    void shouldRefuseADeclarationThatNamesASettingTwiceOrDeclaresCustom() {
        SettingKey<String> a = SettingKey.text("a", null, "a");
        assertThatThrownBy(() -> new ConnectorSchema("x", List.of(), List.of(), List.of(a, a), List.of(),
                List.of(new KeyTypeSpec("hmac", "")))).hasMessageContaining("setting declared twice: [a]");
        assertThatThrownBy(() -> new ConnectorSchema("x", List.of(Environment.CUSTOM), List.of(), List.of(),
                List.of(), List.of(new KeyTypeSpec("hmac", "")))).hasMessageContaining("custom");
    }

    private static AccountSettings account(String keyType, Map<String, String> settings) {
        return new AccountSettings("main", keyType, SecretRef.parse("env:K"), SecretRef.parse("env:S"), settings);
    }
}
