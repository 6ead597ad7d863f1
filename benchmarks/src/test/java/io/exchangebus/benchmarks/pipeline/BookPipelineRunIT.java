package io.exchangebus.benchmarks.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.localstack.LocalStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short run of the book pipeline, as {@code benchmarks/run-book-pipeline} does the long one: 20,000 updates over
 * two books with a gap per 3,000, compared at checkpoints. The figures of a run this short mean nothing; what must hold
 * is that nothing differs from the simulator's books and that every gap was resynced.
 */
class BookPipelineRunIT {
    @TempDir
    Path dir;

    @Test
    void shouldMaterialiseTheSimulatorsBooksThroughGapsWithoutAMismatch() throws Exception {
        PipelineOptions options = PipelineOptions.parse("--updates", "20000", "--symbols", "2",
                "--gap-every", "3000", "--checkpoint-every", "10000", "--max-view-lag", "20000", "--broker", "in-jvm",
                "--work-dir", dir.toString(), "--json", dir.resolve("report.json").toString());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        PipelineReport report = new BookPipelineRun(options, new PrintStream(printed, true, StandardCharsets.UTF_8))
                .run();
        report.writeJson(options.json());

        String output = printed.toString(StandardCharsets.UTF_8);
        System.out.print(output);
        assertThat(report.failures()).as(output).isEmpty();
        assertThat(report.updates()).isGreaterThanOrEqualTo(20_000);
        assertThat(report.gapsInjected()).as("gaps injected").isGreaterThanOrEqualTo(4);
        assertThat(report.gapsResynced()).as("gaps followed by a resync").isEqualTo(report.gapsInjected());
        assertThat(report.resyncs()).isGreaterThanOrEqualTo(report.gapsInjected());
        assertThat(report.checkpoints()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(report.comparisons()).isEqualTo(2L * report.checkpoints().size());
        assertThat(report.checkpoints()).allSatisfy(c -> assertThat(c.books()).allSatisfy(b -> {
            assertThat(b.ingest()).as("market.book.v1 replayed, " + b.symbol()).isTrue();
            assertThat(b.state()).as("state.books.v1, " + b.symbol()).isTrue();
            assertThat(b.api()).as("query API, " + b.symbol()).isTrue();
        }));
        assertThat(report.mismatches() + report.ingestMismatches() + report.apiMismatches()).isZero();
        assertThat(report.endToEndPerSecond()).isPositive();
        assertThat(output).contains("book-pipeline PASS");
        assertThat(dir.resolve("report.json")).content().contains("\"passed\" : true");
        assertThat(options.broker()).isEqualTo(LocalStack.Mode.IN_JVM);
    }
}
