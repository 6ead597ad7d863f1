package io.exchangebus.service.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.role.DataFetcher;
import io.exchangebus.connectors.core.role.Oms;
import io.exchangebus.connectors.core.role.Pms;
import io.exchangebus.connectors.core.role.Subscriber;
import io.exchangebus.connectors.core.spi.AccountSettings;
import io.exchangebus.connectors.core.spi.ConnectorSchema;
import io.exchangebus.connectors.core.spi.ConnectorSettings;
import io.exchangebus.connectors.core.spi.EndpointSpec;
import io.exchangebus.connectors.core.spi.Environment;
import io.exchangebus.connectors.core.spi.ExchangeConnector;
import io.exchangebus.connectors.core.spi.ExchangeConnectors;
import io.exchangebus.connectors.core.spi.KeyTypeSpec;
import io.exchangebus.connectors.core.spi.SettingKey;
import io.exchangebus.service.config.CommonConfig;
import io.exchangebus.service.config.CommonKeys;
import io.exchangebus.service.config.ConfigException;
import io.exchangebus.service.config.ConfigLoader;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ExchangeAccessTest {
    private static final ExchangeConnectors CONNECTORS = ExchangeConnectors.of(List.of(new TestConnector()));

    @Test
    void shouldTurnConfiguredExchangesAndAccountsIntoConnectorSettings() {
        ExchangeAccess access = ExchangeAccess.of(config("""
                exchanges:
                  test-venue:
                    environment: custom
                    rest-url: http://127.0.0.1:9001
                    stream-url: ws://127.0.0.1:9002
                    settings:
                      recv-window: 5s
                accounts:
                  main:
                    exchange: test-venue
                    api-key: env:TEST_KEY
                    secret: env:TEST_SECRET
                """), CONNECTORS);

        ConnectorSettings settings = access.settings("test-venue");
        assertThat(settings.environment()).isEqualTo(Environment.CUSTOM);
        assertThat(settings.endpoints()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "rest-url", URI.create("http://127.0.0.1:9001"), "stream-url", URI.create("ws://127.0.0.1:9002")));
        assertThat(settings.setting("recv-window")).contains("5s");
        assertThat(access.connector("test-venue")).isInstanceOf(TestConnector.class);
        ExchangeAccess.Account account = access.account("main").orElseThrow();
        assertThat(account.exchange()).isEqualTo("test-venue");
        assertThat(account.settings().keyType()).isEqualTo("hmac");
        assertThat(account.settings().apiKey().location()).isEqualTo("TEST_KEY");
    }

    @Test
    void shouldNameTheKeyOfEveryProblemTogether() {
        assertThatThrownBy(() -> ExchangeAccess.of(config("""
                exchanges:
                  test-venue:
                    settings:
                      recv-windw: 5s
                  other-venue: {}
                accounts:
                  main:
                    exchange: test-venue
                    api-key: env:TEST_KEY
                    secret: env:TEST_SECRET
                    key-type: ed25519
                """), CONNECTORS))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(3))
                .hasMessageContaining("exchanges.test-venue.settings.recv-windw")
                .hasMessageContaining("exchanges.other-venue")
                .hasMessageContaining("known: [test-venue]")
                .hasMessageContaining("accounts.main.key-type");
    }

    @Test
    void shouldTakeTheConnectorsOwnEnvironmentEndpointNamesKeyTypeAndAccountSettings() {
        ExchangeAccess access = ExchangeAccess.of(config("""
                exchanges:
                  test-venue:
                    environment: staging
                    endpoints:
                      stream-url: wss://elsewhere.example
                accounts:
                  first:
                    exchange: test-venue
                    api-key: env:TEST_KEY
                    secret: env:TEST_SECRET
                    key-type: secp256k1
                    settings:
                      sub-account-id: 8289849667772468
                  second:
                    exchange: test-venue
                    api-key: env:TEST_KEY
                    secret: env:TEST_SECRET
                    key-type: secp256k1
                    settings:
                      sub-account-id: 42
                """), CONNECTORS);

        ConnectorSettings settings = access.settings("test-venue");
        assertThat(settings.environment()).isEqualTo(Environment.of("staging"));
        ConnectorSchema schema = access.connector("test-venue").schema();
        assertThat(schema.endpoint(settings, "rest-url")).isEqualTo(URI.create("https://rest-url.staging.example"));
        assertThat(schema.endpoint(settings, "stream-url")).isEqualTo(URI.create("wss://elsewhere.example"));
        assertThat(access.accounts()).extracting(a -> a.settings().keyType()).containsExactly("secp256k1", "secp256k1");
        assertThat(access.accounts().stream()
                .<Object>map(a -> schema.accountSettings().get(0).get(a.settings(), "test-venue")).toList())
                .containsExactly(8289849667772468L, 42L);
    }

    @Test
    void shouldNameAnEnvironmentAnEndpointOrAnAccountSettingTheConnectorDoesNotDeclare() {
        assertThatThrownBy(() -> ExchangeAccess.of(config("""
                exchanges:
                  test-venue:
                    environment: testnet
                accounts:
                  main:
                    exchange: test-venue
                    api-key: env:TEST_KEY
                    secret: env:TEST_SECRET
                    settings:
                      sub-account: 1
                """), CONNECTORS))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'exchanges.test-venue.environment': must be one of [production, staging, "
                        + "custom], was testnet")
                .hasMessageContaining("'accounts.main.settings.sub-account': is not an account setting of test-venue");
        assertThatThrownBy(() -> ExchangeAccess.of(config("""
                exchanges:
                  test-venue:
                    environment: custom
                    endpoints:
                      rest-url: http://127.0.0.1:1
                """), CONNECTORS))
                .hasMessageContaining("'exchanges.test-venue.endpoints.stream-url': must be given with environment "
                        + "CUSTOM");
    }

    @Test
    void shouldRefuseToHandOutAnExchangeThatIsNotConfigured() {
        ExchangeAccess access = ExchangeAccess.of(config("exchanges:\n  test-venue: {}\n"), CONNECTORS);

        assertThat(access.exchangeIds()).containsExactly("test-venue");
        assertThatThrownBy(() -> access.settings("nowhere")).hasMessageContaining("configured: [test-venue]");
        assertThat(access.accounts()).isEmpty();
    }

    private static CommonConfig config(String yaml) {
        String common = "kafka:\n  bootstrap-servers: 127.0.0.1:9092\n"
                + "  schema-registry-url: http://127.0.0.1:8081/apis/ccompat/v7\n";
        Map<String, String> env = Map.of("TEST_KEY", "key", "TEST_SECRET", "secret");
        return CommonConfig.of(new ConfigLoader("test-service", CommonKeys.SCHEMA, env).loadYaml(common + yaml));
    }

    /**
     * Knows environments production and staging, endpoints rest-url and stream-url, setting recv-window, account
     * setting sub-account-id and key types hmac (the default) and secp256k1; builds no roles.
     */
    private static final class TestConnector implements ExchangeConnector {
        @Override
        public String exchange() {
            return "test-venue";
        }

        @Override
        public ConnectorSchema schema() {
            return new ConnectorSchema("test-venue", List.of(Environment.PRODUCTION, Environment.of("staging")),
                    List.of(endpoint("rest-url", "https", "http"), endpoint("stream-url", "wss", "ws")),
                    List.of(SettingKey.duration("recv-window", Duration.ofSeconds(5), "validity")),
                    List.of(SettingKey.longInteger("sub-account-id", null, "the sub-account")),
                    List.of(new KeyTypeSpec("hmac", "a secret"), new KeyTypeSpec("secp256k1", "an EC key")));
        }

        private static EndpointSpec endpoint(String name, String scheme, String localScheme) {
            return new EndpointSpec(name, Set.of(scheme, localScheme), Map.of(
                    Environment.PRODUCTION, URI.create(scheme + "://" + name + ".example"),
                    Environment.of("staging"), URI.create(scheme + "://" + name + ".staging.example")), name);
        }

        @Override
        public CompletableFuture<Result<List<InstrumentDefinition>>> instruments(ConnectorSettings settings) {
            return CompletableFuture.completedFuture(Result.ok(List.of()));
        }

        @Override
        public Subscriber subscriber(ConnectorSettings settings, InstrumentRegistry instruments) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Oms oms(ConnectorSettings settings, AccountSettings account, InstrumentRegistry instruments) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Pms pms(ConnectorSettings settings, AccountSettings account, InstrumentRegistry instruments) {
            throw new UnsupportedOperationException();
        }

        @Override
        public DataFetcher dataFetcher(ConnectorSettings settings, AccountSettings account,
                                       InstrumentRegistry instruments) {
            throw new UnsupportedOperationException();
        }
    }
}
