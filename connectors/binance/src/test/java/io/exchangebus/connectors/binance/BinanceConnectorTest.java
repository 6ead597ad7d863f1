package io.exchangebus.connectors.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangebus.connectors.binance.auth.BinanceKeyType;
import io.exchangebus.connectors.binance.auth.BinanceSigner;
import io.exchangebus.connectors.binance.config.BinanceConfig;
import io.exchangebus.connectors.binance.config.BinanceEndpoints;
import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.core.credentials.HmacSha256;
import io.exchangebus.connectors.core.credentials.Secret;
import io.exchangebus.connectors.core.credentials.SecretRef;
import io.exchangebus.connectors.core.instrument.InstrumentId;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.role.Subscriber;
import io.exchangebus.connectors.core.spi.AccountSettings;
import io.exchangebus.connectors.core.spi.ConnectorConfigException;
import io.exchangebus.connectors.core.spi.ConnectorSettings;
import io.exchangebus.connectors.core.spi.ExchangeConnector;
import io.exchangebus.connectors.core.spi.ExchangeConnectors;
import io.exchangebus.connectors.core.spi.OfflineNormalizer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BinanceConnectorTest {

    private static final String SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    private static final String KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
    private static final Map<String, URI> SIM = Map.of(
            "rest-url", URI.create("http://127.0.0.1:18080"),
            "stream-url", URI.create("ws://127.0.0.1:18081"),
            "ws-api-url", URI.create("ws://127.0.0.1:18082/ws-api/v3"));

    @TempDir
    Path dir;

    private final ExchangeConnectors connectors = ExchangeConnectors.load();

    private BinanceConnector connector(BinanceVenue venue) {
        return (BinanceConnector) connectors.require(venue.exchange());
    }

    private AccountSettings account(String keyType, String secret) throws Exception {
        Path key = Files.writeString(dir.resolve("key"), KEY);
        Path file = Files.writeString(dir.resolve("secret"), secret);
        return new AccountSettings("main", keyType, SecretRef.parse("file:" + key), SecretRef.parse("file:" + file));
    }

    @Test
    void shouldFindBothBinanceFamiliesThroughServiceLoader() {
        assertThat(connectors.ids()).containsExactly("binance-spot", "binance-usdm");
        assertThat(connectors.require("binance-usdm")).isInstanceOf(BinanceConnector.class)
                .extracting(ExchangeConnector::exchange).isEqualTo("binance-usdm");
    }

    @ParameterizedTest
    @EnumSource(BinanceVenue.class)
    void shouldUseBinancesOwnEndpointsInProductionAndTestnet(BinanceVenue venue) {
        BinanceConnector connector = connector(venue);

        assertThat(connector.config(ConnectorSettings.production(venue.exchange())).endpoints())
                .isEqualTo(BinanceEndpoints.production(venue));
        assertThat(connector.config(ConnectorSettings.testnet(venue.exchange())).endpoints())
                .isEqualTo(BinanceEndpoints.testnet(venue));
        assertThat(BinanceEndpoints.production(BinanceVenue.SPOT).rest()).hasHost("api.binance.com");
        assertThat(BinanceEndpoints.production(BinanceVenue.USDM).rest()).hasHost("fapi.binance.com");
    }

    @Test
    void shouldOverrideOneEndpointOfAnEnvironment() {
        URI proxy = URI.create("https://binance-proxy.internal:8443");
        BinanceConfig config = connector(BinanceVenue.SPOT)
                .config(ConnectorSettings.production("binance-spot").withEndpoint("rest-url", proxy));

        assertThat(config.endpoints().rest()).isEqualTo(proxy);
        assertThat(config.endpoints().streams()).isEqualTo(BinanceEndpoints.production(BinanceVenue.SPOT).streams());
        assertThat(config.http().baseUri()).isEqualTo(proxy);
    }

    @Test
    void shouldTakeEveryEndpointFromConfigurationWhenCustom() {
        BinanceConfig config = connector(BinanceVenue.USDM).config(ConnectorSettings.custom("binance-usdm", SIM));

        assertThat(config.endpoints()).isEqualTo(new BinanceEndpoints(BinanceVenue.USDM, SIM.get("rest-url"),
                SIM.get("stream-url"), SIM.get("ws-api-url")));
        assertThat(config.exchange()).isEqualTo("binance-usdm");
    }

    @Test
    void shouldNameTheEndpointMissingFromACustomEnvironment() {
        ConnectorSettings settings = ConnectorSettings.custom("binance-spot",
                Map.of("rest-url", SIM.get("rest-url"), "stream-url", SIM.get("stream-url")));

        assertThatThrownBy(() -> connector(BinanceVenue.SPOT).validate(settings))
                .isInstanceOf(ConnectorConfigException.class)
                .hasMessage("binance-spot: endpoints.ws-api-url must be given with environment CUSTOM");
    }

    @Test
    void shouldNameAnEndpointWithTheWrongScheme() {
        ConnectorSettings settings = ConnectorSettings.production("binance-spot")
                .withEndpoint("stream-url", URI.create("https://stream.binance.com"));

        assertThatThrownBy(() -> connector(BinanceVenue.SPOT).validate(settings))
                .isInstanceOf(ConnectorConfigException.class)
                .hasMessage("binance-spot: endpoints.stream-url must be a ws or wss URI, was scheme https");
    }

    @Test
    void shouldApplyItsSettings() {
        BinanceConfig config = connector(BinanceVenue.USDM).config(ConnectorSettings.production("binance-usdm")
                .withSetting("recv-window", "3s").withSetting("streams-per-connection", "50")
                .withSetting("request-timeout", "1500ms"));

        assertThat(config.recvWindow()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.streamsPerConnection()).isEqualTo(50);
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.signer()).isEmpty();
    }

    @Test
    void shouldKeepBinancesDefaultsWhenNothingIsSet() {
        BinanceConfig config = connector(BinanceVenue.SPOT).config(ConnectorSettings.production("binance-spot"));

        assertThat(config.recvWindow()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.streamsPerConnection()).isEqualTo(1024);
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void shouldNameAnUnknownSettingAndListTheKnownOnes() {
        ConnectorSettings settings = ConnectorSettings.production("binance-spot").withSetting("recvwindow", "5s");

        assertThatThrownBy(() -> connector(BinanceVenue.SPOT).validate(settings))
                .isInstanceOf(ConnectorConfigException.class)
                .hasMessage("binance-spot: settings.recvwindow is not a setting of binance-spot;"
                        + " known: [recv-window, request-timeout, streams-per-connection]");
    }

    @Test
    void shouldNameABadDuration() {
        ConnectorSettings settings = ConnectorSettings.production("binance-spot").withSetting("recv-window", "5 sec");

        assertThatThrownBy(() -> connector(BinanceVenue.SPOT).validate(settings))
                .isInstanceOf(ConnectorConfigException.class)
                .hasMessage("binance-spot: settings.recv-window must be a duration such as 500ms, 5s, 2m or PT5S,"
                        + " was '5 sec'");
    }

    @Test
    void shouldNameARecvWindowBeyondBinancesLimit() {
        ConnectorSettings settings = ConnectorSettings.production("binance-spot").withSetting("recv-window", "61s");

        assertThatThrownBy(() -> connector(BinanceVenue.SPOT).validate(settings))
                .isInstanceOf(ConnectorConfigException.class)
                .hasMessage("binance-spot: settings.recv-window must be more than 0 and at most 60s, was 61000ms");
    }

    @Test
    void shouldNameTooManyStreamsPerConnectionForTheFamily() {
        ConnectorSettings settings = ConnectorSettings.production("binance-usdm")
                .withSetting("streams-per-connection", "201");

        assertThatThrownBy(() -> connector(BinanceVenue.USDM).validate(settings))
                .isInstanceOf(ConnectorConfigException.class)
                .hasMessage("binance-usdm: settings.streams-per-connection must be in [1, 200] (Binance's limit),"
                        + " was 201");
    }

    @Test
    void shouldRefuseSettingsOfAnotherExchange() {
        assertThatThrownBy(() -> connector(BinanceVenue.SPOT).validate(ConnectorSettings.production("binance-usdm")))
                .isInstanceOf(ConnectorConfigException.class)
                .hasMessage("binance-usdm: exchange is not served by the connector of binance-spot");
    }

    @Test
    void shouldSignWithTheAccountsHmacSecret() throws Exception {
        BinanceSigner signer = connector(BinanceVenue.SPOT).signer(account("HMAC", SECRET));

        assertThat(signer.type()).isEqualTo(BinanceKeyType.HMAC);
        assertThat(signer.apiKey()).isEqualTo(KEY);
        assertThat(signer.account()).isEqualTo("main");
        assertThat(signer.sign("symbol=BTCUSDT")).isEqualTo(HmacSha256.hex(Secret.of(SECRET), "symbol=BTCUSDT"));
    }

    @Test
    void shouldSignWithTheAccountsEd25519Key() throws Exception {
        byte[] pkcs8 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n";

        BinanceSigner signer = connector(BinanceVenue.USDM).signer(account("ed25519", pem));

        assertThat(signer.type()).isEqualTo(BinanceKeyType.ED25519);
        assertThat(Base64.getDecoder().decode(signer.sign("a=1"))).hasSize(64);
    }

    @Test
    void shouldNameAnUnknownKeyType() throws Exception {
        AccountSettings rsa = account("rsa", SECRET);

        assertThatThrownBy(() -> connector(BinanceVenue.SPOT).signer(rsa))
                .isInstanceOf(ConnectorConfigException.class)
                .hasMessage("binance-spot: account.main.key-type must be one of [ed25519, hmac], was 'rsa'");
    }

    @Test
    void shouldNeverShowTheSecret() throws Exception {
        AccountSettings notAPem = account("ed25519", SECRET);
        AccountSettings hmac = account("hmac", SECRET);
        BinanceConnector connector = connector(BinanceVenue.SPOT);
        ConnectorSettings settings = ConnectorSettings.production("binance-spot");

        assertThatThrownBy(() -> connector.signer(notAPem))
                .isInstanceOf(ConnectorConfigException.class)
                .hasMessage("binance-spot: account.main.secret the secret of account main is not an Ed25519 private"
                        + " key in PKCS#8 PEM form")
                .satisfies(e -> assertThat(e.toString()).doesNotContain(SECRET));
        assertThat(hmac.toString()).doesNotContain(SECRET);
        assertThat(connector.signer(hmac).toString()).doesNotContain(SECRET).doesNotContain(KEY);
        try (BinanceOms oms = connector.oms(settings, hmac, new InstrumentRegistry("binance-spot"))) {
            assertThat(oms.toString()).doesNotContain(SECRET);
        }
    }

    @Test
    void shouldNameTheSecretFileThatCannotBeRead() {
        AccountSettings missing = new AccountSettings("main", "hmac", SecretRef.parse("env:PATH"),
                SecretRef.parse("file:" + dir.resolve("nope")));

        ConnectorSettings settings = ConnectorSettings.production("binance-spot");

        assertThatThrownBy(() -> connector(BinanceVenue.SPOT).dataFetcher(settings, missing))
                .isInstanceOf(ConnectorConfigException.class)
                .hasMessageStartingWith("binance-spot: account.main.secret cannot read secret file "
                        + dir.resolve("nope"));
    }

    @Test
    void shouldReportABadSettingBeforeReadingAnySecret() {
        AccountSettings missing = new AccountSettings("main", "hmac", SecretRef.parse("file:" + dir.resolve("nope")),
                SecretRef.parse("file:" + dir.resolve("nope")));
        ConnectorSettings settings = ConnectorSettings.production("binance-spot").withSetting("typo", "1");

        assertThatThrownBy(() -> connector(BinanceVenue.SPOT).pms(settings, missing))
                .isInstanceOf(ConnectorConfigException.class)
                .hasMessageStartingWith("binance-spot: settings.typo");
    }

    @Test
    void shouldRefuseTheRegistryOfAnotherExchange() {
        assertThatThrownBy(() -> connector(BinanceVenue.SPOT).subscriber(ConnectorSettings.production("binance-spot"),
                new InstrumentRegistry("binance-usdm")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("binance-usdm");
    }

    @Test
    void shouldReadInstrumentIdsFromBinanceSymbolsPerFamily() {
        assertThat(connector(BinanceVenue.SPOT).instrumentIdOf("BTCUSDT")).contains(InstrumentId.spot("BTC", "USDT"));
        assertThat(connector(BinanceVenue.USDM).instrumentIdOf("BTCUSDT"))
                .contains(InstrumentId.perpetual("BTC", "USDT"));
        assertThat(connector(BinanceVenue.USDM).instrumentIdOf("BTCUSDT_261225"))
                .contains(InstrumentId.future("BTC", "USDT", LocalDate.of(2026, 12, 25)));
        assertThat(connector(BinanceVenue.SPOT).instrumentIdOf("BTCXYZ")).isEmpty();
    }

    @Test
    void shouldNormalizeAMarketStreamFrameOfflineThroughTheSpi() {
        // The "Trade Streams" example of Binance's web-socket-streams.md.
        String trade = "{\"e\":\"trade\",\"E\":1672515782136,\"s\":\"BNBBTC\",\"t\":12345,\"p\":\"0.001\","
                + "\"q\":\"100\",\"T\":1672515782136,\"m\":true,\"M\":true}";
        OfflineNormalizer normalizer = connectors.require("binance-spot")
                .offlineNormalizer(new OfflineNormalizer.Options("main", null)).orElseThrow();

        OfflineNormalizer.Normalized result = normalizer.normalize(trade, Instant.parse("2026-01-01T00:00:00Z"));

        assertThat(result.isRefused()).isFalse();
        assertThat(result.events()).singleElement().satisfies(e -> assertThat(e.toString())
                .contains("\"instrumentId\": \"BNB-BTC\"").contains("\"tradeId\": \"12345\""));
        assertThat(normalizer.normalize("{\"e\":\"kline\"}", Instant.EPOCH).refusal()).isNotBlank();
    }

    @Test
    void shouldGiveItsPublicSubscriberToAnAccountAfterCheckingIt() throws Exception {
        ConnectorSettings settings = ConnectorSettings.production("binance-spot");
        InstrumentRegistry registry = new InstrumentRegistry("binance-spot");

        try (Subscriber subscriber = connector(BinanceVenue.SPOT).subscriber(settings, account("hmac", SECRET),
                registry)) {
            assertThat(subscriber).isInstanceOf(BinanceSubscriber.class);
        }
        AccountSettings rsa = account("rsa", SECRET);
        assertThatThrownBy(() -> connector(BinanceVenue.SPOT).subscriber(settings, rsa, registry))
                .isInstanceOf(ConnectorConfigException.class).hasMessageContaining("account.main.key-type");
    }
}
