package io.exchangebus.benchmarks.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThroughputTest {
    private static Throughput.Sample sample(long millis, long records, long cpuMillis) {
        return new Throughput.Sample(millis * 1_000_000, records, Map.of("ingest", Duration.ofMillis(cpuMillis)));
    }

    @Test
    void shouldMeasureFromTheWarmUpToTheLastSampleBeforeTheFinalCount() {
        List<Throughput.Sample> samples = List.of(sample(0, 0, 0), sample(100, 100, 50), sample(200, 250, 100),
                sample(300, 600, 150), sample(400, 900, 200), sample(500, 1000, 210), sample(600, 1000, 220));

        Throughput t = Throughput.of(samples, 0.2);

        assertThat(t.records()).isEqualTo(1000);
        assertThat(t.measured()).as("from 250 (the first at or past 200) to 900 (the last below 1000)")
                .isEqualTo(650);
        assertThat(t.window()).isEqualTo(Duration.ofMillis(200));
        assertThat(t.perSecond()).isCloseTo(3250, within(1e-9));
        assertThat(t.cpu()).containsEntry("ingest", Duration.ofMillis(100));
        assertThat(t.cpuMillisPerThousand("ingest")).isCloseTo(100.0 * 1000 / 650, within(1e-9));
    }

    @Test
    void shouldMeasureUpToTheFinalCountWhenNoSampleLiesBetween() {
        List<Throughput.Sample> samples = List.of(sample(0, 0, 0), sample(100, 300, 10), sample(200, 1000, 30),
                sample(300, 1000, 31));

        Throughput t = Throughput.of(samples, 0.2);

        assertThat(t.measured()).isEqualTo(700);
        assertThat(t.window()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void shouldMeasureAPhaseOverBetweenTwoLooksFromTheLookBeforeIt() {
        Throughput t = Throughput.of(List.of(sample(0, 0, 0), sample(100, 0, 5), sample(200, 10_000, 25),
                sample(300, 10_000, 26)), 0.2);

        assertThat(t.measured()).as("warm-up included: nothing else to go by").isEqualTo(10_000);
        assertThat(t.window()).isEqualTo(Duration.ofMillis(100));
        assertThat(t.perSecond()).isCloseTo(100_000, within(1e-9));
        assertThat(t.cpu()).containsEntry("ingest", Duration.ofMillis(20));
    }

    @Test
    void shouldGiveNoRateForAWindowOfNoLength() {
        Throughput t = Throughput.of(List.of(sample(100, 10, 1)), 0.95);

        assertThat(t.window()).isZero();
        assertThat(t.perSecond()).isZero();
    }
}
