package io.exchangebus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code exbus book} and {@code exbus positions} against a real HTTP server on loopback that answers as the
 * streams-apps query API does (bodies from {@link QueryApiBodies}; 404, 400 and 503 with its {@code {"error"}}).
 */
class BookAndPositionsCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final AtomicInteger unavailableFirst = new AtomicInteger();
    private HttpServer server;
    private String url;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        asked.add(path + (query == null ? "" : "?" + query));
        if (path.equals("/books/binance-spot/BTCUSDT") && unavailableFirst.getAndDecrement() > 0) {
            exchange.getResponseHeaders().set("Retry-After", "1");
            respond(exchange, 503, QueryApiBodies.error("no instance holds the key's partition right now"));
        } else if (path.equals("/books/binance-spot/BTCUSDT") && "depth=99".equals(query)) {
            respond(exchange, 400, QueryApiBodies.error("depth must be from 1 to 20 (books.depth), was 99"));
        } else if (path.equals("/books/binance-spot/BTCUSDT")) {
            respond(exchange, 200, QueryApiBodies.book());
        } else if (path.equals("/books/binance-spot/STALEUSDT")) {
            respond(exchange, 200, QueryApiBodies.staleBook());
        } else if (path.equals("/positions/binance-usdm/main")) {
            respond(exchange, 200, QueryApiBodies.positions());
        } else {
            respond(exchange, 404, QueryApiBodies.error("nothing held for " + path));
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream o = exchange.getResponseBody()) {
            o.write(bytes);
        }
    }

    @Test
    void shouldPrintTheBookAskingForTheDepthGiven() {
        int code = run("book", "binance-spot:BTCUSDT", "--depth", "3", "--url", url);

        assertThat(code).as("stderr: %s", err).isZero();
        assertThat(asked).containsExactly("/books/binance-spot/BTCUSDT?depth=3");
        assertThat(out.toString().lines()).hasSize(5).element(2).asString().contains("59999.99 | 60000.01");
    }

    @Test
    void shouldPrintTheRawJsonWithJson() {
        int code = run("book", "binance-spot:BTCUSDT", "--json", "--url", url);

        assertThat(code).isZero();
        assertThat(out.toString().strip()).isEqualTo(QueryApiBodies.book());
        assertThat(asked).containsExactly("/books/binance-spot/BTCUSDT");
    }

    @Test
    void shouldRetryWhileTheApiAnswers503() {
        unavailableFirst.set(1);

        int code = run("book", "binance-spot:BTCUSDT", "--url", url, "--timeout", "5s");

        assertThat(code).as("stderr: %s", err).isZero();
        assertThat(asked).hasSize(2);
        assertThat(out.toString()).contains("59999.99 | 60000.01");
    }

    @Test
    void shouldExitOneWhenTheApiStaysUnavailable() {
        unavailableFirst.set(100);

        int code = run("book", "binance-spot:BTCUSDT", "--url", url, "--timeout", "1500ms");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("503").contains("no instance holds the key's partition");
    }

    @Test
    void shouldExitThreeForABookNobodyHolds() {
        int code = run("book", "binance-spot:NOSUCH", "--url", url);

        assertThat(code).isEqualTo(3);
        assertThat(err.toString()).contains("not found").contains("nothing held for /books/binance-spot/NOSUCH");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void shouldExitTwoForADepthTheApiRefuses() {
        assertThat(run("book", "binance-spot:BTCUSDT", "--depth", "99", "--url", url)).isEqualTo(2);
        assertThat(err.toString()).contains("books.depth");
    }

    @Test
    void shouldSayABookIsStale() {
        assertThat(run("book", "binance-spot:STALEUSDT", "--url", url)).isZero();
        assertThat(out.toString()).contains("is stale");
    }

    @Test
    void shouldRefuseABookThatIsNotExchangeColonSymbol() {
        assertThat(run("book", "BTCUSDT", "--url", url)).isEqualTo(2);
        assertThat(err.toString()).contains("EXCHANGE:SYMBOL");
        assertThat(asked).isEmpty();
    }

    @Test
    void shouldPrintPositionsAndBalances() {
        int code = run("positions", "main", "--exchange", "binance-usdm", "--url", url + "/");

        assertThat(code).isZero();
        assertThat(asked).containsExactly("/positions/binance-usdm/main");
        assertThat(out.toString()).startsWith("binance-usdm:main\n").contains("BTC-USDT-PERP").contains("DIVERGING")
                .contains("819.928");
    }

    @Test
    void shouldExitThreeForAnAccountNobodyHolds() {
        assertThat(run("positions", "nobody", "--url", url)).isEqualTo(3);
        assertThat(asked).containsExactly("/positions/binance-spot/nobody");
    }

    @Test
    void shouldTakeTheUrlFromTheEnvironment() {
        CommandLine cli = cli();
        ((BookCommand) cli.getSubcommands().get("book").getCommand()).api.env = Map.of("EXBUS_STREAMS_URL", url);

        assertThat(cli.execute("book", "binance-spot:BTCUSDT")).isZero();
        assertThat(asked).hasSize(1);
    }

    @Test
    void shouldExitOneWhenNothingListens() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }

        int code = run("positions", "main", "--url", "http://127.0.0.1:" + port);

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("cannot reach the streams-apps query API at http://127.0.0.1:" + port);
    }

    @Test
    void shouldDescribeBothCommandsAndTheirExitCodesInTheirHelp() {
        assertThat(run("book", "--help")).isZero();
        assertThat(run("positions", "--help")).isZero();

        assertThat(out.toString()).contains("Usage: exbus book").contains("Usage: exbus positions")
                .contains("Exit codes:").contains("http://127.0.0.1:8090").contains("EXBUS_STREAMS_URL");
    }

    private CommandLine cli() {
        CommandLine cli = Exbus.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli;
    }

    private int run(String... args) {
        return cli().execute(args);
    }
}
