package io.exchangebus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServiceCommandTest {
    private static final String KAFKA = "kafka:\n  bootstrap-servers: 127.0.0.1:9\n"
            + "  schema-registry-url: http://127.0.0.1:9/apis/ccompat/v7\nservice:\n  http-port: 0\n";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    @Test
    void shouldRefuseAServiceThatDoesNotExistNamingTheOnesThatDo() {
        assertThat(run("service", "nowhere")).isEqualTo(2);
        assertThat(err.toString()).contains("no service 'nowhere'", "ingest", "pms-service", "oms-service",
                "streams-apps", "exbus recover");
    }

    @Test
    void shouldRunEachServicesOwnConfigurationCheckAndExitTwoNamingTheKey() throws Exception {
        for (String[] service : new String[][] {
                {"ingest", "ingest:\n  subscriptions:\n    btc:\n      exchange: binance-spot\n      symbol: BTCUSDT\n"
                        + "      book-depht: 5\n", "ingest.subscriptions.btc.book-depht"},
                {"pms-service", "pms:\n  acounts: [main]\n", "pms.acounts"},
                {"oms-service", "oms:\n  risk:\n    max-open-orders: -3\n", "oms.risk.max-open-orders"},
                {"streams-apps", "books:\n  depth: 0\n", "books.depth"}}) {
            Path config = Files.writeString(dir.resolve(service[0] + ".yaml"), KAFKA + service[1]);

            String[] result = runCapturingSystemErr("service", service[0], "--config", config.toString());

            assertThat(result[0]).as(service[0]).isEqualTo("2");
            assertThat(result[1]).as(service[0]).contains(service[0] + ": ", service[2]);
        }
    }

    @Test
    void shouldRunTheRecoveryJobsConfigurationCheckAndExitTwoNamingTheKey() throws Exception {
        Path config = Files.writeString(dir.resolve("recovery.yaml"), KAFKA + "recovery:\n  page-size: 0\n");

        assertThat(run("recover", "--config", config.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("recovery.page-size");
    }

    private int run(String... args) {
        CommandLine cli = Exbus.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** The services print configuration problems on the process's standard error, as their own main does. */
    private String[] runCapturingSystemErr(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int code = run(args);
            return new String[] {Integer.toString(code), captured.toString(StandardCharsets.UTF_8) + err};
        } finally {
            System.setErr(original);
        }
    }
}
