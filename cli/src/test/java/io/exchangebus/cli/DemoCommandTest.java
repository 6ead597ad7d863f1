package io.exchangebus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code exbus demo} does before it starts anything: the live-data check and its folder. */
class DemoCommandTest {
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

    @Test
    void shouldSayPlainlyThatLiveMarketDataIsUnreachableAndPointToTheSimulators() throws IOException {
        String closed = "https://127.0.0.1:" + closedPort();

        int code = run("demo", "--live", "--live-endpoints", closed, "--dir", home.resolve("demo").toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("cannot reach 127.0.0.1:").contains("live market data is not available")
                .contains("./exbus demo' (without --live)");
        assertThat(home.resolve("demo")).as("nothing started").doesNotExist();
    }

    @Test
    void shouldFindReachableEndpointsReachable() throws IOException {
        try (ServerSocket open = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            URI reachable = URI.create("https://127.0.0.1:" + open.getLocalPort());
            URI closed = URI.create("wss://127.0.0.1:" + closedPort());

            assertThat(LiveMarketData.unreachable(List.of(reachable), Duration.ofSeconds(2))).isEmpty();
            assertThat(LiveMarketData.unreachable(List.of(reachable, closed), Duration.ofSeconds(2)))
                    .hasValueSatisfying(why -> assertThat(why).startsWith("127.0.0.1:" + closed.getPort()));
        }
    }

    @Test
    void shouldRefuseAFolderThatIsNeitherEmptyNorADemoFolder() throws IOException {
        Path folder = Files.createDirectories(home.resolve("work"));
        Files.writeString(folder.resolve("notes.txt"), "mine");

        int code = run("demo", "--dir", folder.toString(), "--timeout", "5s");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("is not empty and not a demo folder");
        assertThat(folder.resolve("notes.txt")).hasContent("mine");
    }

    @Test
    void shouldRefuseAnUnknownExchangeNamingTheKnownOnes() {
        int code = run("demo", "--exchanges", "binance-usdm,nowhere", "--dir", home.resolve("demo").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("no simulator for 'nowhere'").contains("binance-spot, binance-usdm");
        assertThat(home.resolve("demo")).as("nothing started").doesNotExist();
    }

    private int run(String... args) {
        var cli = Exbus.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
