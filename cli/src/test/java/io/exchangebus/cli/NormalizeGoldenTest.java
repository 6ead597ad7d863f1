package io.exchangebus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.connectors.core.number.ExactNumbers;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code exbus normalize} over every Binance fixture gives, byte for byte, what it gave when the golden files in
 * {@code src/test/resources/normalize-golden/} were recorded: events on stdout, refusals on stderr, exit code. It
 * guards the offline normalizer through refactorings of the connector SPI; a change of output that is meant must be
 * recorded again, and the diff of the golden files reviewed:
 *
 * <pre>mvn -o -pl cli -am verify -Dtest=NormalizeGoldenTest -Dexbus.golden.write=true ...</pre>
 *
 * <p>Each fixture is normalized twice: as it is (the {@code raw} field of each line, which in the docs' samples
 * often has {@code //} comments and is refused), and as parsed (each line's {@code message}, the sample as JSON,
 * written with exact numbers; a line without one as it is), so that most mappings are covered. Receipt times come
 * from a fixed clock. Files of {@code usdm_*} are read as {@code binance-usdm}, the others
 * (spot docs, gocryptotrader's and XChange's spot captures) as {@code binance-spot}; REST depth answers are given
 * the symbol {@code BTCUSDT}.
 */
class NormalizeGoldenTest {
    private static final Path GOLDEN = Path.of("src", "test", "resources", "normalize-golden");
    private static final boolean WRITE = Boolean.getBoolean("exbus.golden.write");
    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-01-02T03:04:05.123456Z"), ZoneOffset.UTC);
    private static final String SYMBOL = "BTCUSDT";
    private static final ObjectMapper JSON = ExactNumbers.exactMapper();

    @TempDir
    Path dir;

    static Stream<Path> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(binanceFixtures())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void shouldNormalizeEveryFixtureAsWhenRecorded(Path fixture) throws IOException {
        String name = fixture.getFileName().toString();
        String exchange = exchangeOf(name);
        String actual = "# as captured\n" + normalize(exchange, fixture, name)
                + "# as parsed\n" + normalize(exchange, parsed(fixture), name + " (messages)");
        Path golden = GOLDEN.resolve(name + ".golden");
        if (WRITE) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(golden).as("no golden file for %s: record it with -Dexbus.golden.write=true", name).exists();
        assertThat(actual).as("normalize output of %s differs from %s", name, golden)
                .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    @Test
    void shouldHaveAFixtureForEveryGoldenFile() throws IOException {
        List<String> fixtures = fixtures().map(f -> f.getFileName() + ".golden").toList();
        try (Stream<Path> golden = Files.list(GOLDEN)) {
            assertThat(golden.map(g -> g.getFileName().toString()).toList())
                    .as("golden files whose fixture is gone").allMatch(fixtures::contains);
        }
    }

    private static String exchangeOf(String fixture) {
        return fixture.startsWith("usdm_") ? "binance-usdm" : "binance-spot";
    }

    /** The fixture with each line replaced by its parsed {@code message}, where it has one. */
    private Path parsed(Path fixture) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : Files.readAllLines(fixture, StandardCharsets.UTF_8)) {
            JsonNode message = JSON.readTree(line).path("message");
            text.append(message.isMissingNode() || message.isNull() ? line : JSON.writeValueAsString(message))
                    .append('\n');
        }
        return Files.writeString(dir.resolve(fixture.getFileName()), text, StandardCharsets.UTF_8);
    }

    private static String normalize(String exchange, Path fixture, String shownAs) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Exbus.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        ((NormalizeCommand) cli.getSubcommands().get("normalize").getCommand()).clock = FIXED;
        int code = cli.execute("normalize", "--exchange", exchange, "--symbol", SYMBOL,
                "--input", fixture.toString());
        return "# exbus normalize --exchange " + exchange + " --symbol " + SYMBOL + " --input "
                + shownAs + "\n# exit code " + code + "\n## stdout\n" + out + "## stderr\n" + err;
    }

    /** shared/fixtures/binance above the working directory, or under -Dexbus.fixtures. */
    private static Path binanceFixtures() {
        String configured = System.getProperty("exbus.fixtures");
        if (configured != null) {
            return Path.of(configured).resolve("binance");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("fixtures").resolve("binance");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/fixtures not found above " + Path.of("").toAbsolutePath()
                + " (set -Dexbus.fixtures=/path/to/shared/fixtures)");
    }
}
