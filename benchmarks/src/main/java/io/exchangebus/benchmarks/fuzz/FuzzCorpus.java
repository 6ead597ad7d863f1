package io.exchangebus.benchmarks.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The messages a fuzz run mutates: every line of the exchange's {@code *.jsonl} fixtures in {@code shared/fixtures/
 * <venue>/} (the venue is the exchange id before its first '-': {@code binance-usdm} → {@code binance}), unwrapped
 * from the fixture's {@code raw} field as {@code exbus normalize} does.
 */
final class FuzzCorpus {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FuzzCorpus() {
    }

    /** {@code shared/fixtures}: {@code configured} if given, else found by walking up from the working directory. */
    static Path fixturesRoot(String configured) {
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("fixtures");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/fixtures not found above " + Path.of("").toAbsolutePath()
                + " (give --fixtures DIR)");
    }

    static List<String> messages(Path fixturesRoot, String exchange) {
        String venue = exchange.contains("-") ? exchange.substring(0, exchange.indexOf('-')) : exchange;
        Path dir = fixturesRoot.resolve(venue);
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        out.add(unwrap(line));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the fixtures of " + exchange + " in " + dir, e);
        }
        return out;
    }

    private static String unwrap(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            if (node != null && node.isObject() && node.path("raw").isTextual() && node.has("source")) {
                return node.get("raw").asText();
            }
        } catch (IOException notJson) {
            // mutated as it is
        }
        return line;
    }
}
