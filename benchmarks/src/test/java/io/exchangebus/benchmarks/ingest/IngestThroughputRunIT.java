package io.exchangebus.benchmarks.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Short runs of {@code benchmarks/run-ingest-throughput}: Binance, 20,000 frames over two books with a gap per 5,000;
 * Deribit and GRVT, 10,000 frames over two books each, their snapshots in the stream. The figures of runs this short
 * mean nothing; what must hold is that every frame sent reached market.book.v1 (as a delta, or folded into a snapshot
 * ingest fetched meanwhile), every gap was resynced, no sequence broke, and both rates are there.
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
        assertThat(dir.resolve("broker-warmup.log")).as("the broker warmed before either phase, a record a frame")
                .content().contains(report.framesRecorded() + " records sent, 0 failed");
        assertThat(output.indexOf("warming the broker")).isLessThan(output.indexOf("ingest ready"));
        assertThat(dir.resolve("report.json")).content().contains("\"recordsPerSecond\"").contains("\"rawProducer\"")
                .contains("\"ratio\"");
    }

    @ParameterizedTest
    @EnumSource(value = Venue.class, names = {"DERIBIT", "GRVT"})
    void shouldPublishEveryReplayedFrameOfAnExchangeWithItsSnapshotsInTheStream(Venue venue) throws Exception {
        IngestThroughputOptions options = IngestThroughputOptions.parse("--exchange", venue.cliName(), "--frames",
                "10000", "--symbols", "2", "--work-dir", dir.toString());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        IngestThroughputReport report = new IngestThroughputRun(options,
                new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

        String output = printed.toString(StandardCharsets.UTF_8);
        System.out.print(output);
        assertThat(report.passed()).as(output).isTrue();
        assertThat(output).contains(venue.frameType());
        assertThat(report.framesSent()).isEqualTo(report.framesRecorded()).isGreaterThanOrEqualTo(10_000);
        assertThat(report.check().sequenceBreaks()).isZero();
        assertThat(report.check().booksBehind()).isEmpty();
        assertThat(report.check().resyncs()).isZero();
        assertThat(report.check().folded(report.framesSent())).as("nothing folded: the snapshots are frames").isZero();
        assertThat(report.ingest().records()).as("every frame one record: 2 snapshots, then deltas")
                .isEqualTo(report.check().records()).isEqualTo(report.framesSent())
                .isEqualTo(report.check().deltas() + 2);
        assertThat(report.raw().records()).as("the raw producer sends as many").isEqualTo(report.ingest().records());
        assertThat(report.ingest().perSecond()).isPositive();
        assertThat(report.raw().perSecond()).isPositive();
    }
}
