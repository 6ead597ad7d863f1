package io.exchangebus.benchmarks.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.spi.ExchangeConnectors;
import io.exchangebus.connectors.core.spi.OfflineNormalizer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The suite's short fuzz run: 50,000 mutated frames per exchange whose mapping has range checks, no crash and no
 * out-of-range event. A slow frame is not failed here (a loaded CI machine pauses threads for longer than the by-hand
 * run's 100 ms); only a frame over 5 s counts. The long run (1,000,000 frames, 100 ms) is {@code benchmarks/run-fuzz},
 * by hand; its figures are in the README.
 */
class FuzzShortRunTest {

    @ParameterizedTest
    @ValueSource(strings = {"deribit", "binance-spot", "binance-usdm", "grvt"})
    void shouldNeitherCrashNorPassOnAnOutOfRangeValue(String exchange) {
        OfflineNormalizer normalizer = ExchangeConnectors.load().find(exchange)
                .flatMap(c -> c.offlineNormalizer(new OfflineNormalizer.Options("fuzz", null))).orElseThrow();
        List<String> corpus = FuzzCorpus.messages(FuzzCorpus.fixturesRoot(null), exchange);

        FuzzRun.Report report;
        try (Watchdog watchdog = new Watchdog(60_000, frame -> { })) {
            report = new FuzzRun(normalizer, corpus, 20261207L, Duration.ofSeconds(5)).run(50_000, watchdog);
        }

        assertThat(report.findings()).as("findings").isEmpty();
        assertThat(report.crashes()).isZero();
        assertThat(report.outOfRange()).isZero();
        assertThat(report.hangs()).isZero();
        assertThat(report.events()).as("some mutated frames still map").isPositive();
        assertThat(report.events() + report.refusals()).isGreaterThanOrEqualTo(50_000);
    }
}
