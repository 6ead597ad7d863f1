package io.exchangebus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.avro.json.AvroJson;
import io.exchangebus.connectors.core.spi.OfflineNormalizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Maps captured exchange messages to our events, offline. */
@Command(name = "normalize", mixinStandardHelpOptions = true,
        description = {"Read raw exchange messages - stream frames, WebSocket API answers or REST bodies, one per "
                + "line, or JSON lines with a \"raw\" field (as in the fixtures) - and print the events they map to "
                + "as JSON lines (decimals as strings). A message that maps to nothing is reported on stderr with "
                + "its line number and the reason.",
                "Instrument ids are derived from the symbols (quote asset by suffix); the roles themselves use the "
                        + "exchange's exchangeInfo.",
                "Exit code 0 if every message mapped, 1 if any was refused, 2 on wrong usage."})
final class NormalizeCommand implements Callable<Integer> {

    @Option(names = "--exchange", required = true, paramLabel = "NAME",
            completionCandidates = Exchanges.WithNormalizer.class,
            description = "One of: ${COMPLETION-CANDIDATES} (the normalizers on the class path).")
    String exchange;

    @Option(names = "--input", paramLabel = "FILE", defaultValue = "-",
            description = "The capture to read (default '-': standard input).")
    String input;

    @Option(names = "--symbol", paramLabel = "SYMBOL",
            description = "The symbol of REST depth answers, which do not name it (e.g. BTCUSDT).")
    String symbol;

    @Option(names = "--account", paramLabel = "NAME", defaultValue = "unknown",
            description = "The account to put in order and account events (default: unknown).")
    String account;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final ObjectMapper json = new ObjectMapper();

    /** Our receipt time of every message; fixed by tests so that output can be compared byte for byte. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws IOException {
        OfflineNormalizer normalizer = Exchanges.normalizer(exchange, new OfflineNormalizer.Options(account, symbol))
                .orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(), "no normalizer for '"
                        + exchange + "'; there are: " + Exchanges.list(Exchanges.withNormalizer())));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int refused = 0;
        try (BufferedReader reader = open()) {
            String text;
            int number = 0;
            while ((text = reader.readLine()) != null) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                OfflineNormalizer.Normalized result = normalizer.normalize(unwrapFixture(text), clock.instant());
                if (result.isRefused()) {
                    refused++;
                    err.println("line " + number + ": " + result.refusal());
                }
                for (SpecificRecord event : result.events()) {
                    out.println(AvroJson.toJson(event));
                }
            }
        }
        out.flush();
        return refused == 0 ? 0 : Exbus.FAILED;
    }

    /** The fixtures' JSON lines carry the message in "raw"; anything else is the message itself. */
    private String unwrapFixture(String line) {
        try {
            JsonNode node = json.readTree(line);
            if (node != null && node.isObject() && node.path("raw").isTextual() && node.has("source")) {
                return node.get("raw").asText();
            }
        } catch (IOException notJson) {
            // The normalizer says why.
        }
        return line;
    }

    private BufferedReader open() throws IOException {
        if ("-".equals(input)) {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        }
        try {
            return Files.newBufferedReader(Path.of(input), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no such file: " + input);
        }
    }
}
