package io.exchangebus.benchmarks.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FuzzMainTest {

    private static String run(int expectedExit, String... args) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = FuzzMain.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(out).isEqualTo(expectedExit);
        return out;
    }

    @Test
    void shouldRefuseBadArgumentsAndAnUnknownExchange() throws Exception {
        assertThat(run(2)).contains("--exchange is required");
        assertThat(run(2, "--exchange", "binance-spot", "--frames", "x")).contains("--frames is not a number");
        assertThat(run(2, "--exchange", "nowhere")).contains("no offline normalizer for exchange 'nowhere'");
    }
}
