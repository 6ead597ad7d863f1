package io.exchangebus.connectors.deribit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.credentials.SecretRef;
import io.exchangebus.connectors.core.instrument.InstrumentList;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.spi.AccountSettings;
import io.exchangebus.connectors.core.spi.ConnectorConfigException;
import io.exchangebus.connectors.core.spi.ConnectorSettings;
import io.exchangebus.connectors.core.spi.ExchangeConnector;
import io.exchangebus.connectors.core.spi.ExchangeConnectors;
import io.exchangebus.connectors.core.spi.OfflineNormalizer;
import io.exchangebus.events.BookUpdate;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeribitConnectorTest {

    private static final AccountSettings ACCOUNT = new AccountSettings("main", "api-key",
            SecretRef.parse("env:DERIBIT_TEST_NO_SUCH_KEY"), SecretRef.parse("env:DERIBIT_TEST_NO_SUCH_SECRET"));

    private final ExchangeConnector connector = ExchangeConnectors.load().require("deribit");

    @Test
    void shouldBeFoundByItsExchangeIdWithItsSchema() {
        assertThat(connector).isInstanceOf(DeribitConnector.class);
        assertThat(connector.endpointNames()).containsExactly("ws-url", "rest-url");
        assertThat(connector.settingNames()).containsExactlyInAnyOrder("request-timeout", "heartbeat-interval");
        assertThat(connector.keyTypes()).containsExactly("api-key");
        assertThat(connector.schema().accountSettingNames())
                .containsExactlyInAnyOrder("session-name", "heartbeat-interval", "grant-type", "cancel-on-disconnect");
    }

    @Test
    void shouldRefuseAccountRolesWhoseSecretCannotBeReadNamingTheKey() {
        ConnectorSettings settings = ConnectorSettings.production("deribit");
        InstrumentRegistry registry = new InstrumentRegistry("deribit");

        assertThatThrownBy(() -> connector.oms(settings, ACCOUNT, registry))
                .isInstanceOf(ConnectorConfigException.class).hasMessageContaining("account.main.api-key");
        assertThatThrownBy(() -> connector.pms(settings, ACCOUNT, registry))
                .isInstanceOf(ConnectorConfigException.class).hasMessageContaining("account.main.api-key");
        assertThatThrownBy(() -> connector.dataFetcher(settings, ACCOUNT, registry))
                .isInstanceOf(ConnectorConfigException.class).hasMessageContaining("account.main.api-key");
        assertThatThrownBy(() -> connector.oms(settings.withSetting("nope", "1"), ACCOUNT, registry))
                .hasMessageContaining("settings.nope");
    }

    @Test
    void shouldBuildASubscriberWithoutConnecting() {
        try (DeribitSubscriber subscriber = (DeribitSubscriber) connector.subscriber(
                ConnectorSettings.production("deribit"), new InstrumentRegistry("deribit"))) {
            assertThat(subscriber.exchange()).isEqualTo("deribit");
            assertThat(subscriber.toString()).contains("www.deribit.com", "100ms");
        }
        assertThatThrownBy(() -> connector.subscriber(ConnectorSettings.production("deribit"),
                new InstrumentRegistry("binance-spot"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldNormalizeCapturedNotificationsOffline() {
        OfflineNormalizer normalizer = connector.offlineNormalizer(new OfflineNormalizer.Options("main", null))
                .orElseThrow();
        String frame = "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":"
                + "\"book.BTC-PERPETUAL.100ms\",\"data\":{\"type\":\"snapshot\",\"timestamp\":1,\"instrument_name\":"
                + "\"BTC-PERPETUAL\",\"change_id\":5,\"bids\":[[\"new\",100.5,10]],\"asks\":[]}}}";

        OfflineNormalizer.Normalized out = normalizer.normalize(frame, Instant.EPOCH);
        OfflineNormalizer.Normalized junk = normalizer.normalize("{\"id\":1,\"result\":[]}", Instant.EPOCH);

        assertThat(out.events()).singleElement().isInstanceOf(BookUpdate.class);
        assertThat(junk.isRefused()).isTrue();
        assertThat(connector.instrumentIdOf("BTC-PERPETUAL")).isPresent();
        assertThat(connector.instrumentIdOf("BTC-FS-27DEC24_PERP")).isEmpty();
    }

    @Test
    void shouldFetchInstrumentsOverHttp() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] body = DeribitFixtures.raw("nautilus_test_data_2.jsonl", 9).getBytes(StandardCharsets.UTF_8);
        http.createContext("/api/v2/public/get_instruments", exchange -> {
            assertThat(exchange.getRequestURI().getQuery()).isEqualTo("currency=any");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
        try {
            ConnectorSettings settings = ConnectorSettings.custom("deribit", Map.of(
                    "ws-url", URI.create("ws://127.0.0.1:1/ws/api/v2"),
                    "rest-url", URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/api/v2")));

            Result<InstrumentList> list = connector.instrumentList(settings).join();

            assertThat(list.value().instruments()).extracting(i -> i.symbol()).contains("BTC-PERPETUAL");
        } finally {
            http.stop(0);
        }
    }
}
