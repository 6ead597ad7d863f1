package io.exchangebus.connectors.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExchangeConnectorsTest {

    @Test
    void shouldFindProvidersThroughServiceLoader() {
        ExchangeConnectors connectors = ExchangeConnectors.load();

        assertThat(connectors.ids()).containsExactly("stub-one", "stub-two");
        assertThat(connectors.find("stub-two")).get().extracting(ExchangeConnector::exchange).isEqualTo("stub-two");
        assertThat(connectors.require("stub-one").exchange()).isEqualTo("stub-one");
    }

    @Test
    void shouldFindNothingForAnUnknownId() {
        assertThat(ExchangeConnectors.load().find("nowhere")).isEmpty();
    }

    @Test
    void shouldListKnownIdsWhenRequiringAnUnknownOne() {
        assertThatThrownBy(() -> ExchangeConnectors.load().require("binance-spott"))
                .isInstanceOf(ConnectorConfigException.class)
                .hasMessage("binance-spott: exchange has no connector on the class path; known: [stub-one, stub-two]")
                .satisfies(e -> assertThat(((ConnectorConfigException) e).key()).isEqualTo("exchange"));
    }

    @Test
    void shouldRefuseTwoConnectorsClaimingOneId() {
        List<ExchangeConnector> twice = List.of(new StubConnectorProvider.StubConnector("stub-one"),
                new StubConnectorProvider.StubConnector("stub-one"));

        assertThatThrownBy(() -> ExchangeConnectors.of(twice))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stub-one is claimed by both");
    }

    @Test
    void shouldReportAnUnknownSettingWithItsKey() {
        ExchangeConnector stub = ExchangeConnectors.load().require("stub-one");
        ConnectorSettings typo = ConnectorSettings.production("stub-one").withSetting("timout", "5s");

        assertThatThrownBy(() -> stub.validate(typo))
                .isInstanceOf(ConnectorConfigException.class)
                .hasMessage("stub-one: settings.timout is not a setting of stub-one; known: [timeout]");
    }

    @Test
    void shouldReportAnUnknownEndpointWithItsKey() {
        ExchangeConnector stub = ExchangeConnectors.load().require("stub-one");
        ConnectorSettings typo = ConnectorSettings.custom("stub-one",
                Map.of("rest-url", URI.create("http://127.0.0.1:1")));

        assertThatThrownBy(() -> stub.validate(typo))
                .isInstanceOf(ConnectorConfigException.class)
                .hasMessage("stub-one: endpoints.rest-url is not an endpoint of stub-one; known: [url]");
    }
}
