package io.exchangebus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimCommandTest {
    private static final Pattern REST = Pattern.compile("REST: +(http://127\\.0\\.0\\.1:\\d+)");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void shouldServeBinanceSpotOnThePrintedAddressUntilItStops() throws Exception {
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(
                () -> run("sim", "--exchange", "binance-spot", "--seed", "7", "--run-for", "3"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!out.toString().contains("ready") && System.nanoTime() < deadline && !code.isDone()) {
            Thread.sleep(20);
        }
        Matcher rest = REST.matcher(out.toString());
        assertThat(rest.find()).as("printed: %s %s", out, err).isTrue();

        HttpResponse<String> time = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(rest.group(1) + "/api/v3/time")).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(time.statusCode()).isEqualTo(200);
        assertThat(time.body()).contains("serverTime");
        assertThat(out.toString()).contains("X-MBX-APIKEY").contains("HMAC secret");
        assertThat(code.get(20, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void shouldServeDeribitJsonRpcOverHttpOnThePrintedAddress() throws Exception {
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(
                () -> run("sim", "--exchange", "deribit", "--seed", "7", "--run-for", "3"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!out.toString().contains("ready") && System.nanoTime() < deadline && !code.isDone()) {
            Thread.sleep(20);
        }
        Matcher rest = Pattern.compile("REST: +(http://127\\.0\\.0\\.1:\\d+/api/v2)").matcher(out.toString());
        assertThat(rest.find()).as("printed: %s %s", out, err).isTrue();

        HttpResponse<String> instruments = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(rest.group(1) + "/public/get_instruments?currency=BTC"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(instruments.statusCode()).isEqualTo(200);
        assertThat(instruments.body()).contains("BTC-PERPETUAL");
        assertThat(out.toString()).contains("WS API:").contains("client_id").contains("client_secret");
        assertThat(code.get(20, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void shouldServeGrvtInstrumentsOverHttpOnThePrintedAddress() throws Exception {
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(
                () -> run("sim", "--exchange", "grvt", "--seed", "7", "--run-for", "3"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!out.toString().contains("ready") && System.nanoTime() < deadline && !code.isDone()) {
            Thread.sleep(20);
        }
        Matcher rest = REST.matcher(out.toString());
        assertThat(rest.find()).as("printed: %s %s", out, err).isTrue();

        HttpResponse<String> instruments = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(rest.group(1) + "/full/v1/all_instruments"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"is_active\":true}"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(instruments.statusCode()).isEqualTo(200);
        assertThat(instruments.body()).contains("BTC_USDT_Perp");
        assertThat(out.toString()).contains("WS trades:").contains("WS market data:").contains("sub-account id:")
                .contains("api key:");
        assertThat(code.get(20, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void shouldRefuseAnExchangeWithoutASimulatorWithExitCodeTwo() {
        assertThat(run("sim", "--exchange", "nowhere")).isEqualTo(2);
        assertThat(err.toString()).contains("no simulator for 'nowhere'").contains("binance-spot");
    }

    @Test
    void shouldListTheSimulatorsOnTheClassPathInItsHelpAndErrors() {
        assertThat(run("sim", "--help")).isZero();
        assertThat(out.toString().replaceAll("\\s+", " "))
                .contains("One of: binance-spot, binance-usdm, deribit, grvt (the simulators on the class path).");
        assertThat(run("sim", "--exchange", "nowhere")).isEqualTo(2);
        assertThat(err.toString()).contains("no simulator for 'nowhere'; there are: binance-spot, binance-usdm, deribit, grvt");
    }

    private int run(String... args) {
        CommandLine cli = Exbus.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
