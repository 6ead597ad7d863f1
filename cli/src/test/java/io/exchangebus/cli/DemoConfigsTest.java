package io.exchangebus.cli;

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
import io.exchangebus.service.config.CommonKeys;
import io.exchangebus.service.config.ConfigLoader;
import io.exchangebus.service.config.ConfigSchema;
import io.exchangebus.service.config.ServiceConfig;
import io.exchangebus.service.demo.DemoConfigs;
import io.exchangebus.service.exchange.ExchangeAccess;
import io.exchangebus.streams.StreamsAppsKeys;
import io.exchangebus.streams.StreamsAppsMain;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's sample configuration loads with each service's own schema, and keeps secrets out of the YAML. */
class DemoConfigsTest {
    private static final Map<String, ConfigSchema> SCHEMAS = Map.of(
            IngestMain.SERVICE, IngestKeys.SCHEMA,
            PmsServiceMain.SERVICE_NAME, PmsKeys.SCHEMA,
            OmsServiceMain.SERVICE, OmsKeys.SCHEMA,
            RecoveryJobMain.SERVICE_NAME, RecoveryKeys.SCHEMA,
            StreamsAppsMain.SERVICE_NAME, StreamsAppsKeys.SCHEMA);
    private static final String SPOT_ID = "binance-spot";
    private static final String USDM_ID = "binance-usdm";
    private static final String SPOT_ACCOUNT = "spot";
    private static final DemoConfigs.SimulatorConnection SPOT = new DemoConfigs.SimulatorConnection(
            "http://127.0.0.1:41001", "ws://127.0.0.1:41002", "ws://127.0.0.1:41002/ws-api/v3", "spot-key",
            "spot-secret-value");
    private static final DemoConfigs.SimulatorConnection USDM = new DemoConfigs.SimulatorConnection(
            "http://127.0.0.1:42001", "ws://127.0.0.1:42002", "ws://127.0.0.1:42002/ws-fapi/v1", "usdm-key",
            "usdm-secret-value");

    @TempDir
    Path dir;

    @Test
    void shouldWriteAConfigurationEveryServiceLoadsPointingAtTheSimulators() throws IOException {
        Map<String, Path> files = configs(false).write(18080, 18081, 18082, 18090);

        assertThat(files).containsOnlyKeys(SCHEMAS.keySet());
        files.forEach((service, file) -> assertThat(load(service, file)).as(service).isNotNull());
        ServiceConfig ingest = load(IngestMain.SERVICE, files.get(IngestMain.SERVICE));
        assertThat(ingest.get(CommonKeys.EXCHANGE_ENVIRONMENT, SPOT_ID)).isEqualTo("custom");
        assertThat(ingest.get(CommonKeys.HTTP_PORT)).isEqualTo(18080);
        ServiceConfig oms = load(OmsServiceMain.SERVICE, files.get(OmsServiceMain.SERVICE));
        assertThat(oms.get(OmsKeys.PRICE_BAND)).isEqualByComparingTo("0.05");
        assertThat(load(StreamsAppsMain.SERVICE_NAME, files.get(StreamsAppsMain.SERVICE_NAME))
                .get(CommonKeys.HTTP_PORT)).isEqualTo(18090);
    }

    @Test
    void shouldTakeLiveMarketDataFromProductionAndTurnThePriceBandOff() throws IOException {
        Map<String, Path> files = configs(true).write(18080, 18081, 18082, 18090);

        ServiceConfig ingest = load(IngestMain.SERVICE, files.get(IngestMain.SERVICE));
        assertThat(ingest.get(CommonKeys.EXCHANGE_ENVIRONMENT, SPOT_ID))
                .isEqualTo("production");
        assertThat(ingest.get(CommonKeys.EXCHANGE_ENVIRONMENT, USDM_ID))
                .isEqualTo("production");
        ServiceConfig oms = load(OmsServiceMain.SERVICE, files.get(OmsServiceMain.SERVICE));
        assertThat(oms.get(CommonKeys.EXCHANGE_ENVIRONMENT, SPOT_ID)).isEqualTo("custom");
        assertThat(oms.get(OmsKeys.PRICE_BAND)).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void shouldKeepKeysAndSecretsInOwnerOnlyFilesNamedByReference() throws IOException {
        Map<String, Path> files = configs(false).write(18080, 18081, 18082, 18090);

        for (Path file : files.values()) {
            assertThat(Files.readString(file)).doesNotContain("spot-secret-value", "usdm-secret-value", "spot-key");
        }
        Path secret = dir.resolve("secrets").resolve(SPOT_ACCOUNT + ".secret");
        assertThat(secret).hasContent("spot-secret-value");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        assertThat(Files.readString(files.get(OmsServiceMain.SERVICE))).contains("secret: file:" + secret);
        assertThat(SPOT.toString()).doesNotContain("spot-secret-value");
    }

    @Test
    void shouldWriteOnlyTheChosenExchangesAndTheirAccounts() throws IOException {
        Map<String, Path> files = configs(false, List.of(new DemoConfigs.DemoExchange(USDM_ID, "perp", USDM)))
                .write(18080, 18081, 18082, 18090);

        files.forEach((service, file) -> assertThat(load(service, file)).as(service).isNotNull());
        for (Path file : files.values()) {
            assertThat(Files.readString(file)).doesNotContain(SPOT_ID, "spot-key", "41001", "spot:");
        }
        ServiceConfig ingest = load(IngestMain.SERVICE, files.get(IngestMain.SERVICE));
        assertThat(ingest.get(CommonKeys.EXCHANGE_ENVIRONMENT, USDM_ID)).isEqualTo("custom");
        assertThat(Files.readString(files.get(IngestMain.SERVICE))).contains("btc-perp:", "exchange: " + USDM_ID);
        assertThat(Files.readString(files.get(OmsServiceMain.SERVICE))).contains("accounts:", "perp:")
                .contains("rest-url: http://127.0.0.1:42001");
        assertThat(dir.resolve("secrets").resolve("perp.secret")).hasContent("usdm-secret-value");
        assertThat(dir.resolve("secrets").resolve("spot.secret")).doesNotExist();
    }

    @Test
    void shouldConfigureDeribitWithItsEndpointsAPerpetualAndAnOptionThatItsConnectorAccepts() throws IOException {
        DemoConfigs.SimulatorConnection deribit = new DemoConfigs.SimulatorConnection("http://127.0.0.1:43001/api/v2",
                "ws://127.0.0.1:43002/ws/api/v2", "ws://127.0.0.1:43002/ws/api/v2", "deribit-client-id",
                "deribit-secret-value", Map.of("ws-url", "ws://127.0.0.1:43002/ws/api/v2",
                "rest-url", "http://127.0.0.1:43001/api/v2"), List.of("BTC-PERPETUAL", "BTC-6JAN27-85000-C"));
        Map<String, Path> files = configs(false, List.of(new DemoConfigs.DemoExchange(SPOT_ID, SPOT_ACCOUNT, SPOT),
                new DemoConfigs.DemoExchange("deribit", "deribit", deribit))).write(18080, 18081, 18082, 18090);

        for (Map.Entry<String, Path> file : files.entrySet()) {
            ServiceConfig config = load(file.getKey(), file.getValue());
            if (!file.getKey().equals(StreamsAppsMain.SERVICE_NAME)) {
                // The connectors' own checks, as each service makes them at start (connectors/all at run time).
                assertThat(ExchangeAccess.of(CommonConfig.of(config)).exchangeIds()).contains("deribit");
            }
        }
        String ingest = Files.readString(files.get(IngestMain.SERVICE));
        assertThat(ingest).contains("btc-deribit:", "symbol: BTC-PERPETUAL", "btc-deribit-2:",
                "symbol: BTC-6JAN27-85000-C", "ws-url: ws://127.0.0.1:43002/ws/api/v2", "btc-spot:");
        assertThat(Files.readString(files.get(RecoveryJobMain.SERVICE_NAME)))
                .contains("BTCUSDT", "BTC-PERPETUAL", "BTC-6JAN27-85000-C");
        assertThat(Files.readString(files.get(OmsServiceMain.SERVICE))).contains("deribit:", "exchange: deribit")
                .doesNotContain("deribit-secret-value");
    }

    @Test
    void shouldConfigureGrvtWithItsEndpointsAndSubAccountThatItsConnectorAccepts() throws IOException {
        String rest = "http://127.0.0.1:44001";
        DemoConfigs.SimulatorConnection grvt = new DemoConfigs.SimulatorConnection(rest,
                "ws://127.0.0.1:44003/ws/full", "ws://127.0.0.1:44002/ws/full", "grvt-api-key",
                "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318", Map.of("edge-url", rest,
                "trades-url", rest, "market-data-url", rest, "trades-ws-url", "ws://127.0.0.1:44002/ws/full",
                "market-data-ws-url", "ws://127.0.0.1:44003/ws/full"), List.of("BTC_USDT_Perp"),
                Map.of("sub-account-id", "1234567890123"));
        Map<String, Path> files = configs(false, List.of(new DemoConfigs.DemoExchange(USDM_ID, "perp", USDM),
                new DemoConfigs.DemoExchange("grvt", "grvt", grvt))).write(18080, 18081, 18082, 18090);

        for (Map.Entry<String, Path> file : files.entrySet()) {
            ServiceConfig config = load(file.getKey(), file.getValue());
            if (!file.getKey().equals(StreamsAppsMain.SERVICE_NAME)) {
                // The connectors' own checks, as each service makes them at start (connectors/all at run time).
                ExchangeAccess access = ExchangeAccess.of(CommonConfig.of(config));
                assertThat(access.exchangeIds()).contains("grvt");
                assertThat(access.accounts()).filteredOn(a -> a.exchange().equals("grvt"))
                        .allSatisfy(a -> assertThat(a.settings().settings())
                                .containsEntry("sub-account-id", "1234567890123"));
            }
        }
        assertThat(Files.readString(files.get(IngestMain.SERVICE))).contains("btc-grvt:", "symbol: BTC_USDT_Perp",
                "market-data-ws-url: ws://127.0.0.1:44003/ws/full", "btc-perp:");
        assertThat(Files.readString(files.get(PmsServiceMain.SERVICE_NAME))).contains("sub-account-id:")
                .doesNotContain("4c0883a6");
    }

    private DemoConfigs configs(boolean live) {
        return configs(live, List.of(new DemoConfigs.DemoExchange(SPOT_ID, SPOT_ACCOUNT, SPOT),
                new DemoConfigs.DemoExchange(USDM_ID, "perp", USDM)));
    }

    private DemoConfigs configs(boolean live, List<DemoConfigs.DemoExchange> exchanges) {
        return new DemoConfigs(dir, "127.0.0.1:9092", "http://127.0.0.1:8081/apis/ccompat/v7", exchanges, live);
    }

    private static ServiceConfig load(String service, Path file) {
        return new ConfigLoader(service, SCHEMAS.get(service), Map.of()).load(Optional.of(file));
    }
}
