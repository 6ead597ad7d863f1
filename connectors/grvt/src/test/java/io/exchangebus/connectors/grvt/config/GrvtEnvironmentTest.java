package io.exchangebus.connectors.grvt.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class GrvtEnvironmentTest {

    @Test
    void shouldSignProductionFor325AndTestnetFor326() {
        assertThat(GrvtEnvironment.PRODUCTION.endpoints().chainId()).isEqualTo(325);
        assertThat(GrvtEnvironment.TESTNET.endpoints().chainId()).isEqualTo(326);
        assertThat(GrvtEnvironment.DEV.chainId()).isEqualTo(327);
        assertThat(GrvtEnvironment.STAGING.chainId()).isEqualTo(327);
        assertThat(GrvtEnvironment.STAGING.endpoints().withChainId(328).chainId()).isEqualTo(328);
    }

    @Test
    void shouldNameTheHostsOfEachEnvironment() {
        GrvtEndpoints prod = GrvtEnvironment.PRODUCTION.endpoints();
        assertThat(prod.apiKeyLogin()).isEqualTo(URI.create("https://edge.grvt.io/auth/api_key/login"));
        assertThat(prod.tradesWebSocket()).isEqualTo(URI.create("wss://trades.grvt.io/ws/full"));
        assertThat(prod.marketDataWebSocket()).isEqualTo(URI.create("wss://market-data.grvt.io/ws/full"));
        assertThat(prod.marketDataRest("full/v1/all_instruments"))
                .isEqualTo(URI.create("https://market-data.grvt.io/full/v1/all_instruments"));
        assertThat(prod.tradesRest("full/v1/create_order"))
                .isEqualTo(URI.create("https://trades.grvt.io/full/v1/create_order"));

        assertThat(GrvtEnvironment.TESTNET.endpoints().marketDataWebSocket())
                .isEqualTo(URI.create("wss://market-data.testnet.grvt.io/ws/full"));
        assertThat(GrvtEnvironment.STAGING.endpoints().edge())
                .isEqualTo(URI.create("https://edge.staging.gravitymarkets.io"));
        assertThat(GrvtEnvironment.DEV.endpoints().trades())
                .isEqualTo(URI.create("https://trades.dev.gravitymarkets.io"));
    }

    @Test
    void shouldPointAtLoopbackHostsWithPlainWebSockets() {
        GrvtEndpoints sim = GrvtEnvironment.TESTNET.endpoints().withHosts(URI.create("http://127.0.0.1:1"),
                URI.create("http://127.0.0.1:2"), URI.create("http://127.0.0.1:3"));
        assertThat(sim.tradesWebSocket()).isEqualTo(URI.create("ws://127.0.0.1:2/ws/full"));
        assertThat(sim.chainId()).isEqualTo(326);
    }

    @Test
    void shouldFindEnvironmentsByName() {
        assertThat(GrvtEnvironment.named("prod")).contains(GrvtEnvironment.PRODUCTION);
        assertThat(GrvtEnvironment.named("Testnet")).contains(GrvtEnvironment.TESTNET);
        assertThat(GrvtEnvironment.named("mainnet")).isEmpty();
    }
}
