package io.exchangebus.benchmarks.oms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short chaos run, as {@code benchmarks/run-oms-chaos} does the long one: 1,000 commands at 100/s over 8 accounts,
 * oms-service killed once and the broker once, each with SIGKILL. Every count must be right.
 */
class OmsChaosRunIT {
    @TempDir
    Path dir;

    @Test
    void shouldAckEveryCommandOnceAndPlaceEveryOrderOnceThroughKillsOfTheOmsAndTheBroker() throws Exception {
        Path json = dir.resolve("report.json");
        ChaosOptions options = ChaosOptions.parse(new String[] {"--commands", "1000", "--rate", "100", "--accounts",
            "8", "--oms-kills", "1", "--broker-kills", "1", "--seed", "7", "--json", json.toString()});
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        boolean passed = new OmsChaosRun(options, new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

        String output = printed.toString(StandardCharsets.UTF_8);
        System.out.print(output);
        assertThat(passed).as(output).isTrue();
        assertThat(output).contains("kill -9 oms-service", "kill -9 broker", "PASSED")
                .containsPattern("commands on orders.commands.v1 +1000");
        assertThat(json).content().contains("\"passed\" : true");
    }
}
