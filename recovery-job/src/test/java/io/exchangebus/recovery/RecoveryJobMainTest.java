package io.exchangebus.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.service.config.ConfigKey;
import io.exchangebus.service.config.ConfigLoader;
import io.exchangebus.service.config.ServiceConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job's configuration and command line, up to the point where it would reach Kafka. */
class RecoveryJobMainTest {
    private static final Map<String, String> SECRETS = Map.of("BINANCE_SPOT_API_KEY", "k1",
            "BINANCE_SPOT_SECRET", "s1", "BINANCE_USDM_API_KEY", "k2", "BINANCE_USDM_SECRET", "s2");
    private static final Path EXAMPLE = Path.of("src/main/resources/examples/recovery-job.yaml");

    @TempDir
    Path dir;

    @Test
    void shouldDocumentEveryConfigurationKeyInTheReadme() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);

        for (ConfigKey<?> key : RecoveryKeys.SCHEMA.keys()) {
            assertThat(readme).as(key.path()).contains("| `" + key.path() + "` |");
        }
    }

    @Test
    void shouldLoadTheExampleConfiguration() {
        ServiceConfig config = new ConfigLoader(RecoveryJobMain.SERVICE_NAME, RecoveryKeys.SCHEMA, SECRETS)
                .load(Optional.of(EXAMPLE));

        assertThat(RecoveryKeys.selectedAccounts(config)).containsExactly("main", "futures");
        assertThat(config.get(RecoveryKeys.HISTORY_WINDOW)).isEqualTo(Duration.ofHours(24));
        assertThat(config.get(RecoveryKeys.PAGE_SIZE)).isEqualTo(500);
    }

    @Test
    void shouldExitWithTwoNamingTheKeyWhenTheConfigurationIsBad() throws Exception {
        String yaml = Files.readString(EXAMPLE).replace("page-size: 500", "page-size: 0")
                .replace("accounts: [main, futures]", "accounts: [main, nobody]");
        Path config = Files.writeString(dir.resolve("bad.yaml"), yaml);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = RecoveryJobMain.run(new String[] {"--config", config.toString()}, SECRETS,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(RecoveryJobMain.EXIT_BAD_CONFIG);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("recovery.page-size", "must be from 1 to 1000, was 0")
                .contains("recovery.accounts", "'nobody'");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void shouldExitWithTwoOnAnUnknownArgument() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = RecoveryJobMain.run(new String[] {"--nope"}, SECRETS, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(RecoveryJobMain.EXIT_BAD_CONFIG);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("recovery-job: ");
    }

    @Test
    void shouldPrintTheCountsOfAnAccountOnOneLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new Progress(new PrintStream(out, true, StandardCharsets.UTF_8))
                .counts("binance-spot/main", 5, null, 3, 2, 150);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("recovery: binance-spot/main balances 5, "
                + "positions n/a, open orders 3, history page 2 (150 orders)" + System.lineSeparator());
    }
}
