package io.exchangebus.benchmarks.oms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A short latency run on each exchange's simulators, as {@code benchmarks/run-oms-latency --exchange X} does the
 * long one: 80 commands at 20/s over 4 accounts. Every command is answered in both phases, every command acked
 * ACCEPTED, and every order the simulator received is matched to its command (the command → exchange figures).
 */
class OmsLatencyRunIT {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"binance", "deribit", "grvt"})
    void shouldAnswerEveryCommandAndMatchEveryOrderAtTheExchangeToItsCommand(String exchange) throws Exception {
        Path json = dir.resolve("report.json");
        LatencyOptions options = LatencyOptions.parse(new String[] {"--exchange", exchange, "--rate", "20",
            "--seconds", "3", "--warmup", "1", "--accounts", "4", "--json", json.toString()});
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        OmsLatencyRun.Report report = new OmsLatencyRun(options, new PrintStream(printed, true,
                StandardCharsets.UTF_8)).run();

        String output = printed.toString(StandardCharsets.UTF_8);
        System.out.print(output);
        assertThat(report.passed()).as(output).isTrue();
        assertThat(output).contains("oms-latency report (" + exchange + ")", "{ACCEPTED=80}", "COMPLETE");
        // Orders are most of the commands (the rest cancel them); each placed one is found at the exchange.
        assertThat(report.toExchange().answered()).as(output).isGreaterThanOrEqualTo(30);
        assertThat(report.toExchange().micros()).as(output).isNotEmpty();
        assertThat(java.util.Arrays.stream(report.toExchange().micros()).min().orElseThrow()).isPositive();
        assertThat(json).content().contains("\"exchange\" : \"" + exchange + "\"");
    }
}
