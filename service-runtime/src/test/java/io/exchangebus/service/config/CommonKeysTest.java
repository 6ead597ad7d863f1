package io.exchangebus.service.config;

import static io.exchangebus.service.config.ConfigLoaderTest.MINIMAL;
import static io.exchangebus.service.config.ConfigLoaderTest.failure;
import static io.exchangebus.service.config.ConfigLoaderTest.load;
import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.credentials.SecretRef;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommonKeysTest {
    private static final Map<String, String> KEYS = Map.of("BINANCE_API_KEY", "k", "BINANCE_SECRET", "s");
    private static final String EXCHANGES_AND_ACCOUNTS = MINIMAL + String.join("\n",
            "exchanges:",
            "  binance-spot:",
            "    environment: testnet",
            "    settings:",
            "      recv-window: 5000",
            "  sim:",
            "    environment: custom",
            "    rest-url: http://127.0.0.1:18080",
            "    stream-url: ws://127.0.0.1:18081/ws",
            "accounts:",
            "  main:",
            "    exchange: binance-spot",
            "    api-key: env:BINANCE_API_KEY",
            "    secret: env:BINANCE_SECRET",
            "    key-type: ed25519",
            "");

    @Test
    void shouldReadNamedExchangesAndAccounts() {
        CommonConfig common = CommonConfig.of(load(EXCHANGES_AND_ACCOUNTS, KEYS));

        assertThat(common.config().names("exchanges")).containsExactly("binance-spot", "sim");
        assertThat(common.exchange("binance-spot")).contains(new ExchangeSettings("binance-spot", "testnet",
                Map.of(), Map.of("recv-window", "5000")));
        assertThat(common.exchange("sim").orElseThrow().endpoints()).isEqualTo(Map.of(
                "rest-url", "http://127.0.0.1:18080", "stream-url", "ws://127.0.0.1:18081/ws"));
        assertThat(common.accounts()).containsExactly(new AccountSettings("main", "binance-spot",
                SecretRef.parse("env:BINANCE_API_KEY"), SecretRef.parse("env:BINANCE_SECRET"), Optional.of("ed25519"),
                Map.of()));
    }

    @Test
    void shouldAcceptAnExchangeWithOnlyDefaults() {
        ServiceConfig config = load(MINIMAL + "exchanges:\n  deribit:\n", Map.of());

        assertThat(config.names("exchanges")).containsExactly("deribit");
        assertThat(config.get(CommonKeys.EXCHANGE_ENVIRONMENT, "deribit")).isEqualTo("production");
    }

    @Test
    void shouldReadNamedEndpointsAnyEnvironmentAndAnAccountsOwnSettings() {
        CommonConfig common = CommonConfig.of(load(MINIMAL + String.join("\n",
                "exchanges:",
                "  grvt:",
                "    environment: Staging",
                "    endpoints:",
                "      edge: https://edge.staging.example",
                "      market-data-ws: wss://md.staging.example/ws/full",
                "accounts:",
                "  first:",
                "    exchange: grvt",
                "    api-key: env:K",
                "    secret: env:S",
                "    key-type: SECP256K1",
                "    settings:",
                "      sub-account-id: 8289849667772468",
                "  second:",
                "    exchange: grvt",
                "    api-key: env:K",
                "    secret: env:S",
                "    settings:",
                "      sub-account-id: 42",
                ""), Map.of("K", "k", "S", "s")));

        assertThat(common.exchange("grvt").orElseThrow()).isEqualTo(new ExchangeSettings("grvt", "staging",
                Map.of("edge", "https://edge.staging.example", "market-data-ws", "wss://md.staging.example/ws/full"),
                Map.of()));
        assertThat(common.accounts()).extracting(AccountSettings::keyType)
                .containsExactly(Optional.of("secp256k1"), Optional.empty());
        assertThat(common.accounts()).extracting(AccountSettings::settings)
                .containsExactly(Map.of("sub-account-id", "8289849667772468"), Map.of("sub-account-id", "42"));
    }

    @Test
    void shouldRejectAnAccountOnAnExchangeThatIsNotConfigured() {
        ConfigException e = failure(EXCHANGES_AND_ACCOUNTS.replace("exchange: binance-spot", "exchange: binance-usdm"),
                KEYS);

        assertThat(e.problems()).containsExactly("config key 'accounts.main.exchange': names exchange "
                + "'binance-usdm', which is not configured under exchanges (configured: [binance-spot, sim])");
    }

    @Test
    void shouldRefuseAnEndpointGivenBothByItsShorthandAndByName() {
        ConfigException e = failure(MINIMAL + "exchanges:\n  sim:\n    environment: custom\n"
                + "    rest-url: http://127.0.0.1:1\n    endpoints:\n      rest-url: http://127.0.0.1:2\n", Map.of());

        assertThat(e.problems()).containsExactly(
                "config key 'exchanges.sim.rest-url': is also given as endpoints.rest-url; give it once");
    }

    @Test
    void shouldRequireTheSecretsOfEveryAccount() {
        ConfigException e = failure(MINIMAL + "exchanges:\n  x:\naccounts:\n  a:\n    exchange: x\n", Map.of());

        assertThat(e.problems()).containsExactly("config key 'accounts.a.api-key': required, not set",
                "config key 'accounts.a.secret': required, not set");
    }

    @Test
    void shouldRejectEntryNamesTheEnvironmentCouldNotSet() {
        ConfigException e = failure(MINIMAL + "exchanges:\n  Binance_Spot:\n", Map.of());

        assertThat(e.problems()).containsExactly(
                "config key 'exchanges.Binance_Spot': entry names are lower-case letters, digits and '-'");
    }

    @Test
    void shouldMapEnvironmentVariablesToNamedEntries() {
        ServiceConfig config = load(EXCHANGES_AND_ACCOUNTS, Map.of(
                "BINANCE_API_KEY", "k", "BINANCE_SECRET", "s", "OTHER_SECRET", "o",
                "EXBUS_ACCOUNTS__MAIN__KEY_TYPE", "hmac",
                "EXBUS_EXCHANGES__BINANCE_USDM__ENVIRONMENT", "testnet",
                "EXBUS_ACCOUNTS__HEDGE__EXCHANGE", "binance-usdm",
                "EXBUS_ACCOUNTS__HEDGE__API_KEY", "env:OTHER_SECRET",
                "EXBUS_ACCOUNTS__HEDGE__SECRET", "env:OTHER_SECRET"));

        assertThat(config.find(CommonKeys.ACCOUNT_KEY_TYPE, "main")).contains("hmac");
        assertThat(config.names("exchanges")).containsExactly("binance-spot", "binance-usdm", "sim");
        assertThat(config.names("accounts")).containsExactly("hedge", "main");
        assertThat(config.get(CommonKeys.ACCOUNT_EXCHANGE, "hedge")).isEqualTo("binance-usdm");
    }

    @Test
    void shouldMapUnderscoresToDotsUnderPassThroughMaps() {
        ServiceConfig config = load(MINIMAL + "kafka:\n  client:\n    security.protocol: PLAINTEXT\n"
                        .replace("kafka:\n", ""),
                Map.of("EXBUS_KAFKA__CLIENT__SECURITY_PROTOCOL", "SASL_SSL",
                        "EXBUS_KAFKA__CLIENT__SASL_MECHANISM", "PLAIN",
                        "EXBUS_KAFKA__CONSUMER__MAX_POLL_RECORDS", "50",
                        "EXBUS_EXCHANGES__SIM__SETTINGS__RECV_WINDOW", "5000",
                        "EXBUS_EXCHANGES__SIM__ENVIRONMENT", "testnet"));

        assertThat(config.get(CommonKeys.KAFKA_CLIENT)).containsOnly(Map.entry("security.protocol", "SASL_SSL"),
                Map.entry("sasl.mechanism", "PLAIN"));
        assertThat(config.get(CommonKeys.KAFKA_CONSUMER)).containsOnly(Map.entry("max.poll.records", "50"));
        assertThat(config.get(CommonKeys.KAFKA_PRODUCER)).isEmpty();
        assertThat(config.get(CommonKeys.EXCHANGE_SETTINGS, "sim")).containsOnly(Map.entry("recv.window", "5000"));
    }

    @Test
    void shouldKeepFileEntriesOfAPassThroughMapThatTheEnvironmentDoesNotSet() {
        ServiceConfig config = load(MINIMAL.replace("kafka:\n", "kafka:\n  client:\n    sasl.mechanism: PLAIN\n"),
                Map.of("EXBUS_KAFKA__CLIENT__SECURITY_PROTOCOL", "SASL_SSL"));

        assertThat(config.get(CommonKeys.KAFKA_CLIENT)).containsOnly(Map.entry("sasl.mechanism", "PLAIN"),
                Map.entry("security.protocol", "SASL_SSL"));
    }

    @Test
    void shouldRefuseProducerSettingsThatWeakenDelivery() {
        ConfigException e = failure(MINIMAL.replace("kafka:\n",
                        "kafka:\n  producer:\n    acks: 1\n  client:\n    enable.idempotence: false\n"),
                Map.of("EXBUS_KAFKA__CONSUMER__BOOTSTRAP_SERVERS", "elsewhere:9092"));

        assertThat(e.problems()).containsExactlyInAnyOrder(
                "config key 'kafka.producer.acks': producers are always idempotent with acks=all, was 1",
                "config key 'kafka.client.enable.idempotence': producers are always idempotent, was false",
                "config key 'kafka.consumer.bootstrap.servers': set kafka.bootstrap-servers instead");
    }

    @Test
    void shouldAcceptAcksAllWrittenEitherWay() {
        ServiceConfig config = load(MINIMAL.replace("kafka:\n", "kafka:\n  producer:\n    acks: -1\n"), Map.of());

        assertThat(config.get(CommonKeys.KAFKA_PRODUCER)).containsEntry("acks", "-1");
    }
}
