package io.exchangebus.benchmarks.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short run of {@code benchmarks/run-ingest-throughput}: 20,000 frames over two books with a gap per 5,000. The
 * figures of a run this short mean nothing; what must hold is that every frame sent reached market.book.v1 (as a
 * delta, or folded into a snapshot ingest fetched meanwhile), every gap was resynced, and both rates are there.
 */
class IngestThroughputRunIT {
    @TempDir
    Path dir;

    @Test
    void shouldCountEveryReplayedFrameOnTheTopicAndReportBothRates() throws Exception {
        IngestThroughputOptions options = IngestThroughputOptions.parse("--frames", "20000", "--symbols", "2",
                "--gap-every", "5000", "--snapshot-every", "400", "--work-dir", dir.toString());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        IngestThroughputReport report = new IngestThroughputRun(options,
                new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
        report.writeJson(dir.resolve("report.json"));

        String output = printed.toString(StandardCharsets.UTF_8);
        System.out.print(output);
        assertThat(report.passed()).as(output).isTrue();
        assertThat(report.framesLeftOut()).as("gaps").isGreaterThanOrEqualTo(3);
        assertThat(report.framesSent() + report.framesLeftOut()).isEqualTo(report.framesRecorded());
        assertThat(report.check().sequenceBreaks()).isZero();
        assertThat(report.check().booksBehind()).isEmpty();
        assertThat(report.check().resyncs()).as("a resync a gap").isEqualTo(report.framesLeftOut());
        assertThat(report.check().deltas() + report.check().folded(report.framesSent()))
                .as("every frame sent: a delta, or folded into a snapshot").isEqualTo(report.framesSent());
        assertThat(report.check().folded(report.framesSent())).isNotNegative();
        assertThat(report.ingest().records()).isEqualTo(report.check().records())
                .isEqualTo(report.check().deltas() + 2 + report.check().resyncs());
        assertThat(report.raw().records()).as("the raw producer sends as many").isEqualTo(report.ingest().records());
        assertThat(report.ingest().perSecond()).isPositive();
        assertThat(report.raw().perSecond()).isPositive();
        assertThat(report.valueBytes()).isGreaterThan(50);
        assertThat(output).contains("ratio ingest / raw producer");
        assertThat(dir.resolve("report.json")).content().contains("\"recordsPerSecond\"").contains("\"rawProducer\"")
                .contains("\"ratio\"");
    }
}
