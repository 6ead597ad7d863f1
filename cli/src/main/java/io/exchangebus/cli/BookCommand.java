package io.exchangebus.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code exbus book EXCHANGE:SYMBOL}: the current book, from the streams-apps query API. */
@Command(name = "book", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print the current order book of EXCHANGE:SYMBOL as streams-apps holds it "
                + "(GET /books/{exchange}/{symbol}?depth=N): bids | asks, best first, one level a line. A book "
                + "that is stale after a sequence gap is said to be, with no levels.",
                "Example: exbus book binance-spot:BTCUSDT --depth 5"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the book printed (or said to be stale)",
                "1:failed at run time: the query API unreachable, or still 503 after --timeout",
                "2:bad usage (also a depth the API refuses: above its books.depth)",
                "3:not found: streams-apps holds no such book"})
final class BookCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "EXCHANGE:SYMBOL",
            description = "The book's key: the venue id and the exchange's own symbol, e.g. binance-spot:BTCUSDT.")
    String book;

    @Option(names = "--depth", paramLabel = "N",
            description = "Levels per side; default (and most): streams-apps' books.depth.")
    Integer depth;

    @Mixin
    StreamsApiOptions api = new StreamsApiOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        int colon = book.indexOf(':');
        if (colon <= 0 || colon == book.length() - 1 || book.indexOf(':', colon + 1) >= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "the book is EXCHANGE:SYMBOL, e.g. binance-spot:BTCUSDT; was '" + book + "'");
        }
        if (depth != null && depth < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--depth must be at least 1");
        }
        URI uri = URI.create(api.base() + "/books/" + segment(book.substring(0, colon)) + "/"
                + segment(book.substring(colon + 1)) + (depth == null ? "" : "?depth=" + depth));
        StreamsQuery.Answer answer = new StreamsQuery(api.timeout).get(uri);
        return print(answer, spec.commandLine(), api.json, body -> QueryFormats.book(JSON.readTree(body)), "book");
    }

    static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Formats {@code body} to text. */
    interface Format {
        String apply(String body) throws IOException;
    }

    /** Prints the answer (raw with --json, else formatted) or its failure on stderr; the exit code. */
    static int print(StreamsQuery.Answer answer, CommandLine cli, boolean json, Format format, String command)
            throws IOException {
        if (!answer.ok()) {
            PrintWriter err = cli.getErr();
            err.println("exbus " + command + ": " + answer.message());
            err.flush();
            return answer.exitCode();
        }
        PrintWriter out = cli.getOut();
        if (json) {
            out.println(answer.body().strip());
        } else {
            out.print(format.apply(answer.body()));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
