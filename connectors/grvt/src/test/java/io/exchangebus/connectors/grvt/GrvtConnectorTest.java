package io.exchangebus.connectors.grvt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangebus.connectors.core.credentials.SecretRef;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.spi.AccountSettings;
import io.exchangebus.connectors.core.spi.ConnectorConfigException;
import io.exchangebus.connectors.core.spi.ConnectorSettings;
import io.exchangebus.connectors.core.spi.ExchangeConnectorProvider;
import io.exchangebus.connectors.core.spi.OfflineNormalizer;
import io.exchangebus.events.Trade;
import io.exchangebus.connectors.grvt.config.GrvtConfig;
import io.exchangebus.connectors.grvt.mapping.GrvtFixtures;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrvtConnectorTest {

    private final GrvtConnector connector = new GrvtConnector();

    @Test
    void shouldBeFoundByServiceLoaderAsGrvt() {
        assertThat(ServiceLoader.load(ExchangeConnectorProvider.class).stream()
                .flatMap(p -> p.get().connectors().stream()).map(c -> c.exchange())).contains("grvt");
    }

    @Test
    void shouldDeriveEveryHostOfAnEnvironment() {
        GrvtConfig config = connector.config(ConnectorSettings.testnet("grvt"));

        assertThat(config.endpoints().edge()).isEqualTo(URI.create("https://edge.testnet.grvt.io"));
        assertThat(config.marketDataWs()).isEqualTo(URI.create("wss://market-data.testnet.grvt.io/ws/full"));
        assertThat(config.endpoints().chainId()).isEqualTo(326);
        assertThat(config.bookRate()).isEqualTo(100);
    }

    @Test
    void shouldRefuseABookRateGrvtDoesNotServeNamingTheKey() {
        assertThatThrownBy(() -> connector.config(ConnectorSettings.testnet("grvt").withSetting("book-rate", "250")))
                .isInstanceOf(ConnectorConfigException.class).hasMessageContaining("book-rate");
    }

    @Test
    void shouldSignOrdersForTheConfiguredLifetimeAndRefuseOneGrvtWouldRefuse() {
        assertThat(connector.config(ConnectorSettings.testnet("grvt")).signatureLifetime())
                .isEqualTo(Duration.ofDays(30).minusHours(1));
        assertThat(connector.config(ConnectorSettings.testnet("grvt").withSetting("signature-lifetime", "168h"))
                .signatureLifetime()).isEqualTo(Duration.ofDays(7));

        assertThatThrownBy(() -> connector.config(ConnectorSettings.testnet("grvt")
                .withSetting("signature-lifetime", "721h")))
                .isInstanceOf(ConnectorConfigException.class).hasMessageContaining("signature-lifetime");
    }

    @Test
    void shouldRequireASubAccountForPrivateRoles() {
        AccountSettings account = new AccountSettings("main", "api-key", SecretRef.parse("env:GRVT_IT_NO_SUCH_KEY"),
                SecretRef.parse("env:GRVT_IT_NO_SUCH_SECRET"));

        assertThatThrownBy(() -> connector.config(ConnectorSettings.testnet("grvt"), account))
                .isInstanceOf(ConnectorConfigException.class).hasMessageContaining("sub-account-id");
    }

    @Test
    void shouldBuildTheOmsOfTheAccount(@TempDir Path dir) throws Exception {
        AccountSettings account = new AccountSettings("main", "api-key", secretFile(dir, "key", "an-api-key"),
                secretFile(dir, "signing", "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"),
                Map.of("sub-account-id", "8289849667772468"));

        try (var oms = connector.oms(ConnectorSettings.testnet("grvt"), account, new InstrumentRegistry("grvt"))) {
            assertThat(oms).isInstanceOf(GrvtOms.class);
            assertThat(oms.toString()).contains("8289849667772468").doesNotContain("4c0883a6");
        }
    }

    @Test
    void shouldDeriveOurInstrumentIdFromGrvtsNameAndNothingFromAnotherForm() {
        assertThat(connector.instrumentIdOf("BTC_USDT_Perp")).map(Object::toString).contains("BTC-USDT-PERP");
        assertThat(connector.instrumentIdOf("BTCUSDT")).isEmpty();
    }

    @Test
    void shouldNormalizeAFrameOfferedOfflineAndRefuseAStreamNoRoleConsumesNamingIt() {
        OfflineNormalizer normalizer = connector.offlineNormalizer(new OfflineNormalizer.Options("unknown", null))
                .orElseThrow();
        // The docs' v1.trade feed frame (full form).
        String trade = GrvtFixtures.text("ws_market_data_streams.docs.jsonl", 73);

        OfflineNormalizer.Normalized mapped = normalizer.normalize(trade, Instant.EPOCH);
        OfflineNormalizer.Normalized refused = normalizer.normalize(trade.replace("v1.trade", "v1.candle"), Instant.EPOCH);

        assertThat(mapped.isRefused()).as(String.valueOf(mapped.refusal())).isFalse();
        assertThat(((Trade) mapped.events().get(0)).getInstrumentId()).isEqualTo("BTC-USDT-PERP");
        assertThat(refused.refusal()).contains("v1.candle");
    }

    @Test
    void shouldRefuseASubAccountIdThatIsNotOneUint64NamingTheKey(@TempDir Path dir) throws Exception {
        for (String id : new String[] {"8289849667772468, 42", "18446744073709551616", "-1", "0x1f"}) {
            AccountSettings account = new AccountSettings("main", "api-key", secretFile(dir, "key", "an-api-key"),
                    secretFile(dir, "signing", "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"),
                    Map.of("sub-account-id", id));

            assertThatThrownBy(() -> connector.config(ConnectorSettings.testnet("grvt"), account)).as(id)
                    .isInstanceOf(ConnectorConfigException.class).hasMessageContaining("sub-account-id");
        }
    }

    @Test
    void shouldReadTheAccountWithoutShowingItsKeys(@TempDir Path dir) throws Exception {
        AccountSettings account = new AccountSettings("main", "api-key", secretFile(dir, "key", "an-api-key"),
                secretFile(dir, "signing", "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"),
                Map.of("sub-account-id", "8289849667772468", "funding-account", "true"));

        GrvtConfig config = connector.config(ConnectorSettings.testnet("grvt"), account);

        assertThat(config.account().orElseThrow().subAccount()).isEqualTo("8289849667772468");
        assertThat(config.account().orElseThrow().fundingAccount()).isTrue();
        assertThat(config.toString()).doesNotContain("an-api-key").doesNotContain("4c0883a6");
    }

    private static SecretRef secretFile(Path dir, String name, String content) throws Exception {
        Path file = Files.writeString(dir.resolve(name), content);
        return SecretRef.parse("file:" + file);
    }

    @Test
    void shouldChooseTheSmallestSnapshotDepthThatCoversTopN() {
        assertThat(GrvtSubscriber.snapshotDepth(0)).isNull();
        assertThat(GrvtSubscriber.snapshotDepth(1)).isEqualTo(10);
        assertThat(GrvtSubscriber.snapshotDepth(10)).isEqualTo(10);
        assertThat(GrvtSubscriber.snapshotDepth(11)).isEqualTo(50);
        assertThat(GrvtSubscriber.snapshotDepth(500)).isEqualTo(500);
        assertThat(GrvtSubscriber.snapshotDepth(501)).isNull();
    }
}
