package io.exchangebus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ExbusCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path home;

    @BeforeEach
    void isolateHome() {
        System.setProperty("exbus.home", home.toString());
    }

    @AfterEach
    void restoreHome() {
        System.clearProperty("exbus.home");
    }

    @ParameterizedTest
    @ValueSource(strings = {"stack", "tail", "smoke", "sim", "normalize", "demo", "service", "recover", "order",
        "book", "positions"})
    void shouldDescribeEveryCommandWithHelp(String command) {
        int code = run(command, "--help");

        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("Usage: exbus " + command);
    }

    @Test
    void shouldListTheCommandsWithoutArguments() {
        assertThat(run()).isZero();
        assertThat(out.toString()).contains("stack").contains("tail").contains("smoke");
    }

    @Test
    void shouldExitWithTwoOnWrongUsage() {
        assertThat(run("tail")).as("missing --topic").isEqualTo(2);
        assertThat(err.toString()).contains("--topic");
        assertThat(run("no-such-command")).isEqualTo(2);
    }

    @Test
    void shouldExitWithOneAndSayWhatIsMissingWhenNoStackIsKnown() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("EXBUS_REGISTRY") == null);

        assertThat(run("tail", "--topic", "market.book.v1")).isEqualTo(1);
        assertThat(err.toString()).contains("no registry given").contains("./exbus stack");
    }

    private int run(String... args) {
        CommandLine cli = Exbus.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
