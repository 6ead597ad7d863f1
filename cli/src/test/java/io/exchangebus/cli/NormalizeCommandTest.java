package io.exchangebus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class NormalizeCommandTest {
    /** The official examples of web-socket-streams.md ("Trade Streams", "Diff. Depth Stream"). */
    private static final String TRADE = "{\"e\":\"trade\",\"E\":1672515782136,\"s\":\"BNBBTC\",\"t\":12345,"
            + "\"p\":\"0.001\",\"q\":\"100\",\"T\":1672515782136,\"m\":true,\"M\":true}";
    private static final String DEPTH = "{\"e\":\"depthUpdate\",\"E\":1672515782136,\"s\":\"BNBBTC\",\"U\":157,"
            + "\"u\":160,\"b\":[[\"0.0024\",\"10\"]],\"a\":[[\"0.0026\",\"100\"]]}";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    @Test
    void shouldPrintTheEventsOfEachFrameAsJsonLines() throws Exception {
        Path capture = Files.write(dir.resolve("capture.jsonl"), List.of(DEPTH, "", TRADE));

        int code = run("normalize", "--exchange", "binance-spot", "--input", capture.toString());

        assertThat(code).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("\"exchange\":\"binance-spot\"").contains("\"symbol\":\"BNBBTC\"")
                .contains("\"instrumentId\":\"BNB-BTC\"").contains("\"0.0024\"").contains("\"sequence\":160");
        assertThat(lines.get(1)).contains("\"tradeId\":\"12345\"").contains("\"price\":\"0.001\"")
                .contains("\"aggressorSide\":\"SELL\"");
    }

    @Test
    void shouldReadTheFixturesRawFieldAndReportARefusalWithItsLineAndExitOne() throws Exception {
        String fixture = "{\"source\":\"docs\",\"raw\":" + quote(TRADE) + "}";
        Path capture = Files.write(dir.resolve("capture.jsonl"), List.of(fixture, "{\"e\":\"kline\"}"));

        int code = run("normalize", "--exchange", "binance-spot", "--input", capture.toString());

        assertThat(code).isEqualTo(1);
        assertThat(out.toString().lines()).hasSize(1);
        assertThat(err.toString()).startsWith("line 2: ");
    }

    /** Deribit's documented book change and trade notifications, as captured in shared/fixtures/deribit. */
    @Test
    void shouldNormalizeDeribitNotificationsOfTheSharedFixtures() throws Exception {
        List<String> notifications = Files.readAllLines(deribitFixture("ws_notifications.gocryptotrader.jsonl"));
        Path capture = Files.write(dir.resolve("deribit.jsonl"), List.of(notifications.get(2), notifications.get(25)));

        int code = run("normalize", "--exchange", "deribit", "--input", capture.toString());

        assertThat(code).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSizeGreaterThanOrEqualTo(2);
        assertThat(lines.get(0)).contains("\"exchange\":\"deribit\"").contains("\"symbol\":\"BTC-PERPETUAL\"")
                .contains("\"instrumentId\":\"BTC-USD-PERP\"");
        assertThat(lines.get(lines.size() - 1)).contains("\"tradeId\"").contains("\"symbol\":\"BTC-PERPETUAL\"");
    }

    @Test
    void shouldRefuseAnUnknownExchangeWithExitCodeTwo() {
        assertThat(run("normalize", "--exchange", "nowhere", "--input", "x")).isEqualTo(2);
        assertThat(err.toString()).contains("binance-spot");
    }

    @Test
    void shouldListTheExchangesOnTheClassPathInItsHelp() {
        assertThat(run("normalize", "--help")).isZero();
        assertThat(out.toString().replaceAll("\\s+", " "))
                .contains("One of: binance-spot, binance-usdm, deribit (the normalizers on the class path).");
    }

    @Test
    void shouldNameTheExchangesWithANormalizerWhenRefusingOne() {
        assertThat(run("normalize", "--exchange", "nowhere", "--input", "x")).isEqualTo(2);
        assertThat(err.toString()).contains("no normalizer for 'nowhere'; there are: binance-spot, binance-usdm, deribit");
    }

    /** shared/fixtures/deribit above the working directory, or under -Dexbus.fixtures. */
    private static Path deribitFixture(String name) {
        String configured = System.getProperty("exbus.fixtures");
        if (configured != null) {
            return Path.of(configured).resolve("deribit").resolve(name);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared").resolve("fixtures").resolve("deribit").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/fixtures/deribit/" + name + " not found above "
                + Path.of("").toAbsolutePath());
    }

    private static String quote(String text) {
        return "\"" + text.replace("\"", "\\\"") + "\"";
    }

    private int run(String... args) {
        CommandLine cli = Exbus.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
