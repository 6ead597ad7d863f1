package io.exchangebus.benchmarks.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class IngestThroughputOptionsTest {
    @Test
    void shouldDefaultToHalfAMillionFramesOverFourBooksWithoutGaps() {
        IngestThroughputOptions options = IngestThroughputOptions.parse();

        assertThat(options.frames()).isEqualTo(500_000);
        assertThat(options.symbols()).isEqualTo(4);
        assertThat(options.gapEvery()).isZero();
        assertThat(options.window()).isEqualTo(4096);
        assertThat(options.json()).isNull();
    }

    @Test
    void shouldReadEveryOption() {
        IngestThroughputOptions options = IngestThroughputOptions.parse("--frames", "20000", "--symbols", "2",
                "--gap-every", "5000", "--snapshot-every", "300", "--window", "1000", "--warmup", "0.3", "--seed",
                "7", "--json", "r.json", "--work-dir", "w");

        assertThat(options).isEqualTo(new IngestThroughputOptions(Venue.BINANCE, 20000, 2, 5000, 300, 1000, 0.3, 7,
                Path.of("r.json"), Path.of("w")));
    }

    @Test
    void shouldRefuseNonsense() {
        assertThatThrownBy(() -> IngestThroughputOptions.parse("--symbols", "9")).hasMessageContaining("--symbols");
        assertThatThrownBy(() -> IngestThroughputOptions.parse("--frames", "x")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> IngestThroughputOptions.parse("--bogus", "1")).hasMessageContaining("unknown");
        assertThatThrownBy(() -> IngestThroughputOptions.parse("--warmup", "0.95")).hasMessageContaining("--warmup");
    }

    @Test
    void shouldDefaultToEveryBookTheSimulatorListsForDeribitAndGrvt() {
        assertThat(IngestThroughputOptions.parse("--exchange", "deribit").symbols()).isEqualTo(3);
        assertThat(IngestThroughputOptions.parse("--exchange", "grvt").symbols()).isEqualTo(2);
        assertThat(IngestThroughputOptions.parse().exchange()).isEqualTo(Venue.BINANCE);
    }

    @Test
    void shouldRefuseGapsAndTooManyBooksOutsideBinance() {
        assertThatThrownBy(() -> IngestThroughputOptions.parse("--exchange", "grvt", "--gap-every", "100"))
                .hasMessageContaining("--gap-every: binance only");
        assertThatThrownBy(() -> IngestThroughputOptions.parse("--exchange", "grvt", "--symbols", "3"))
                .hasMessageContaining("1 to 2 for grvt");
        assertThatThrownBy(() -> IngestThroughputOptions.parse("--exchange", "okx"))
                .hasMessageContaining("--exchange");
    }
}
