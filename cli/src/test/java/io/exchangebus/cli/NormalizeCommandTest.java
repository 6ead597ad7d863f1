package io.exchangebus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
        List<String> notifications = Files.readAllLines(fixture("deribit", "ws_notifications.gocryptotrader.jsonl"));
        Path capture = Files.write(dir.resolve("deribit.jsonl"), List.of(notifications.get(2), notifications.get(25)));

        int code = run("normalize", "--exchange", "deribit", "--input", capture.toString());

        assertThat(code).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSizeGreaterThanOrEqualTo(2);
        assertThat(lines.get(0)).contains("\"exchange\":\"deribit\"").contains("\"symbol\":\"BTC-PERPETUAL\"")
                .contains("\"instrumentId\":\"BTC-USD-PERP\"");
        assertThat(lines.get(lines.size() - 1)).contains("\"tradeId\"").contains("\"symbol\":\"BTC-PERPETUAL\"");
    }

    /** GRVT's documented v1.book.d and v1.trade feed frames, full and lite, as in shared/fixtures/grvt. */
    @Test
    void shouldNormalizeGrvtFeedFramesOfTheSharedFixturesInBothForms() throws Exception {
        List<String> frames = Files.readAllLines(fixture("grvt", "ws_market_data_streams.docs.jsonl"));
        Path capture = Files.write(dir.resolve("grvt.jsonl"), List.of(feed(frames, "v1.book.d", "Full Feed Response"),
                feed(frames, "v1.book.d", "Lite Feed Response"), feed(frames, "v1.trade", "Full Feed Response"),
                feed(frames, "v1.trade", "Lite Feed Response")));

        int code = run("normalize", "--exchange", "grvt", "--input", capture.toString());

        assertThat(code).as(err.toString()).isZero();
        // Our receipt time differs line by line; all else is the frame's.
        List<String> lines = out.toString().lines().map(l -> l.replaceAll("\"receiveTime\":\"[^\"]*\"", ""))
                .toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).contains("\"exchange\":\"grvt\"").contains("\"symbol\":\"BTC_USDT_Perp\"")
                .contains("\"instrumentId\":\"BTC-USDT-PERP\"").contains("\"kind\":\"DELTA\"");
        assertThat(lines.get(1)).as("the lite form gives the same event").isEqualTo(lines.get(0));
        assertThat(lines.get(2)).contains("\"tradeId\"").contains("\"instrumentId\":\"BTC-USDT-PERP\"");
        assertThat(lines.get(3)).isEqualTo(lines.get(2));
    }

    @Test
    void shouldRefuseAGrvtStreamNoRoleConsumesNamingIt() throws Exception {
        List<String> frames = Files.readAllLines(fixture("grvt", "ws_market_data_streams.docs.jsonl"));
        Path capture = Files.write(dir.resolve("grvt-candle.jsonl"), List.of(feed(frames, "v1.candle", "Full Feed Response")));

        assertThat(run("normalize", "--exchange", "grvt", "--input", capture.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("line 1: ").contains("v1.candle");
    }

    /** The fixture line of {@code stream}'s feed frame with the docs' {@code label}. */
    private String feed(List<String> lines, String stream, String label) throws Exception {
        for (String line : lines) {
            JsonNode entry = new ObjectMapper().readTree(line);
            if (entry.path("endpoint").asText().equals("STREAM: " + stream) && entry.path("label").asText().equals(label)) {
                return line;
            }
        }
        throw new IllegalStateException("no " + label + " of " + stream);
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
                .contains("One of: binance-spot, binance-usdm, deribit, grvt (the normalizers on the class path).");
    }

    @Test
    void shouldNameTheExchangesWithANormalizerWhenRefusingOne() {
        assertThat(run("normalize", "--exchange", "nowhere", "--input", "x")).isEqualTo(2);
        assertThat(err.toString()).contains("no normalizer for 'nowhere'; there are: binance-spot, binance-usdm, deribit, grvt");
    }

    /** shared/fixtures/{@code exchange} above the working directory, or under -Dexbus.fixtures. */
    private static Path fixture(String exchange, String name) {
        String configured = System.getProperty("exbus.fixtures");
        if (configured != null) {
            return Path.of(configured).resolve(exchange).resolve(name);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared").resolve("fixtures").resolve(exchange).resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/fixtures/" + exchange + "/" + name + " not found above "
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
