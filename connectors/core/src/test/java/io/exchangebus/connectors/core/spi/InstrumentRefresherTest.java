package io.exchangebus.connectors.core.spi;

import static io.exchangebus.connectors.core.spi.ExchangeConnectorDefaultsTest.perp;
import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentId;
import io.exchangebus.connectors.core.instrument.InstrumentList;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.instrument.SkippedInstrument;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstrumentRefresherTest {
    private static final InstrumentDefinition BTC = perp("stub-one", "BTC-PERP", "BTC");
    private static final InstrumentDefinition ETH = perp("stub-one", "ETH-PERP", "ETH");

    private final ExchangeConnectorDefaultsTest.MinimalConnector connector =
            new ExchangeConnectorDefaultsTest.MinimalConnector("stub-one");
    private final InstrumentRegistry registry = new InstrumentRegistry("stub-one");

    @Test
    void shouldSkipAndCountABadInstrumentAndUseTheRest() {
        connector.next = Result.ok(List.of(BTC, perp("stub-two", "SOL-PERP", "SOL"), ETH));

        try (InstrumentRefresher refresher = refresher(connector)) {
            Result<InstrumentRegistry.Refresh> refresh = refresher.refreshNow().join();

            assertThat(refresh.value().listed()).isEqualTo(2);
            assertThat(refresh.value().skipped()).extracting(SkippedInstrument::symbol).containsExactly("SOL-PERP");
            assertThat(refresher.skipped()).isEqualTo(1);
            assertThat(registry.bySymbol("ETH-PERP")).contains(ETH);
        }
    }

    @Test
    void shouldReportWhatTheConnectorCouldNotMapWithTheRegistrysSkips() {
        connector.withSkips = Result.ok(new InstrumentList(List.of(BTC, BTC),
                List.of(new SkippedInstrument("XYZ-PERP", "unknown contract type 'FOO'"))));

        try (InstrumentRefresher refresher = refresher(connector)) {
            InstrumentRegistry.Refresh refresh = refresher.refreshNow().join().value();

            assertThat(refresh.skipped()).extracting(SkippedInstrument::symbol).containsExactly("XYZ-PERP", "BTC-PERP");
            assertThat(refresher.skipped()).isEqualTo(2);
        }
    }

    @Test
    void shouldRemoveInstrumentsNoLongerListed() {
        registry.replaceAll(List.of(BTC, ETH));
        connector.next = Result.ok(List.of(BTC));

        try (InstrumentRefresher refresher = refresher(connector)) {
            InstrumentRegistry.Refresh refresh = refresher.refreshNow().join().value();

            assertThat(refresh.delisted()).containsExactly(ETH);
            assertThat(registry.bySymbol("ETH-PERP")).isEmpty();
            assertThat(registry.delistedById(InstrumentId.perpetual("ETH", "USD"))).contains(ETH);
        }
    }

    @Test
    void shouldKeepTheListWhenItCannotBeFetched() {
        registry.replaceAll(List.of(BTC));
        connector.next = Result.err(ExchangeError.network("stub-one", "connection refused"));

        try (InstrumentRefresher refresher = refresher(connector)) {
            assertThat(refresher.refreshNow().join().error().message()).isEqualTo("connection refused");
            connector.failure = new IllegalStateException("bug");
            assertThat(refresher.refreshNow().join().isOk()).isFalse();

            assertThat(refresher.failures()).isEqualTo(2);
            assertThat(registry.all()).containsExactly(BTC);
        }
    }

    @Test
    void shouldRefreshPeriodically() throws Exception {
        connector.next = Result.ok(List.of(BTC, ETH));

        try (InstrumentRefresher refresher = refresher(connector).start(Duration.ofMillis(20))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (registry.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        assertThat(registry.size()).isEqualTo(2);
    }

    private InstrumentRefresher refresher(ExchangeConnector connector) {
        return new InstrumentRefresher(connector, ConnectorSettings.production("stub-one"), registry);
    }
}
