package io.exchangebus.benchmarks.oms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsWindowTest {
    private static final String BEFORE = """
            # HELP exbus_oms_batch_phase_seconds time
            # TYPE exbus_oms_batch_phase_seconds summary
            exbus_oms_batch_phase_seconds_count{phase="commit",service="oms-service"} 100
            exbus_oms_batch_phase_seconds_sum{phase="commit",service="oms-service"} 5.0
            exbus_oms_batch_phase_seconds_max{phase="commit",service="oms-service"} 0.9
            exbus_oms_batch_phase_seconds_count{phase="intent",service="oms-service"} 40
            exbus_oms_batch_phase_seconds_sum{phase="intent",service="oms-service"} 1.0
            exbus_oms_batch_commands_count 100
            exbus_oms_batch_commands_sum 250.0
            jvm_threads_live 40
            """;
    private static final String AFTER = """
            exbus_oms_batch_phase_seconds_count{phase="commit",service="oms-service"} 300
            exbus_oms_batch_phase_seconds_sum{phase="commit",service="oms-service"} 6.0
            exbus_oms_batch_phase_seconds_max{phase="commit",service="oms-service"} 0.2
            exbus_oms_batch_phase_seconds_count{phase="intent",service="oms-service"} 40
            exbus_oms_batch_phase_seconds_sum{phase="intent",service="oms-service"} 1.0
            exbus_oms_batch_commands_count 150
            exbus_oms_batch_commands_sum 500.0
            exbus_oms_exchange_round_trip_seconds_count{request="place"} 4
            exbus_oms_exchange_round_trip_seconds_sum{request="place"} 0.008
            """;

    @Test
    void shouldAverageOnlyWhatWasCountedBetweenTheTwoScrapes() {
        MetricsWindow window = new MetricsWindow(MetricsWindow.parse(BEFORE, "exbus_oms_"),
                MetricsWindow.parse(AFTER, "exbus_oms_"));

        List<MetricsWindow.Series> series = window.series();

        // the warm-up's 100 commits averaged 50 ms; the window's 200 averaged 5 ms
        assertThat(series).extracting(MetricsWindow.Series::name).containsExactly(
                "exbus_oms_batch_phase_seconds{phase=\"commit\",service=\"oms-service\"}",
                "exbus_oms_batch_commands", "exbus_oms_exchange_round_trip_seconds{request=\"place\"}");
        assertThat(series.get(0).count()).isEqualTo(200);
        assertThat(series.get(0).mean()).isCloseTo(0.005, within(1e-12));
        assertThat(series.get(1).mean()).isCloseTo(5.0, within(1e-12));
        assertThat(series.get(2).count()).isEqualTo(4);
        assertThat(series.get(2).mean()).isCloseTo(0.002, within(1e-12));
    }

    @Test
    void shouldIgnoreOtherMetricsAndSeriesWithoutACountOrSum() {
        assertThat(MetricsWindow.parse(BEFORE, "exbus_oms_"))
                .containsOnlyKeys("exbus_oms_batch_phase_seconds{phase=\"commit\",service=\"oms-service\"}",
                        "exbus_oms_batch_phase_seconds{phase=\"intent\",service=\"oms-service\"}",
                        "exbus_oms_batch_commands");
    }
}
