package io.exchangebus.benchmarks.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangebus.localstack.LocalStack;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PipelineOptionsTest {
    @Test
    void shouldRunTheIssuesLongRunWithoutOptions() {
        PipelineOptions o = PipelineOptions.parse();

        assertThat(o.updates()).isEqualTo(1_000_000);
        assertThat(o.symbols()).isEqualTo(4);
        assertThat(o.gapEvery()).isEqualTo(20_000);
        assertThat(o.checkpointEvery()).isEqualTo(50_000);
        assertThat(o.depth()).isEqualTo(10);
        assertThat(o.withStreams()).isTrue();
        assertThat(o.broker()).isEqualTo(LocalStack.Mode.PROCESSES);
        assertThat(o.json()).isNull();
    }

    @Test
    void shouldTakeEveryOption() {
        PipelineOptions o = PipelineOptions.parse("--updates", "20000", "--symbols", "2", "--gap-every", "0",
                "--checkpoint-every", "5000", "--depth", "5", "--min-interval", "0ms", "--max-lag", "100",
                "--max-view-lag", "200", "--checkpoint-timeout", "2s", "--ingest-only", "--broker", "in-jvm",
                "--seed", "9", "--json", "r.json", "--work-dir", "w");

        assertThat(o).isEqualTo(new PipelineOptions(20_000, 2, 0, 5_000, 5, Duration.ZERO, 100, 200,
                Duration.ofSeconds(2), false, LocalStack.Mode.IN_JVM, 9, Path.of("r.json"), Path.of("w")));
    }

    @Test
    void shouldNameTheOptionThatIsWrong() {
        assertThatThrownBy(() -> PipelineOptions.parse("--symbols", "9")).hasMessageContaining("--symbols");
        assertThatThrownBy(() -> PipelineOptions.parse("--updates", "many")).hasMessageContaining("--updates");
        assertThatThrownBy(() -> PipelineOptions.parse("--depth")).hasMessageContaining("--depth needs a value");
        assertThatThrownBy(() -> PipelineOptions.parse("--brokers", "x")).hasMessageContaining("--brokers");
        assertThatThrownBy(() -> PipelineOptions.parse("--min-interval", "soon"))
                .hasMessageContaining("not a duration");
    }
}
